"""The unit's name as overall self-evaluations give it (invented units)."""

from __future__ import annotations

import pytest

from jixiao.intake.normalize import normalize
from jixiao.intake.profile import read_profile


def _unit(text: str) -> str | None:
    found = read_profile(normalize(text).text).unit_name
    return None if found is None else found[0]


@pytest.mark.parametrize(
    "cell",
    [
        "部门(单位)名称:  某县气象服务中心      \n",
        "部门（单位）名称 | 某县青山镇人民政府 | ||||\n",
    ],
)
def test_the_department_or_unit_name_cell(cell: str) -> None:
    text = "某县2022年度部门整体支出绩效评价自评报告\n一、部门(单位)基本概况\n" + cell
    assert _unit(text) in ("某县气象服务中心", "某县青山镇人民政府")


def test_a_file_name_title_with_the_year_first() -> None:
    text = "2022年某市统计局部门整体支出绩效自评报告.pdf\n一、部门基本情况\n（一）部门职能\n"
    assert _unit(text) == "某市统计局"


def test_a_labelled_name_wins_over_a_year_first_title() -> None:
    text = (
        "2023年青山乡人民政府决算编制说明\n附件二\n预算部门、单位名称\n某县青山乡人民政府\n"
        "年度资金总额\n"
    )
    assert _unit(text) == "某县青山乡人民政府"
