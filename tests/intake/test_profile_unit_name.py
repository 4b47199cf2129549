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


def test_a_title_whose_unit_and_year_a_space_separates() -> None:
    text = "青山县林业局 2023年林业改革发展资金项目绩效自评报告\n一、绩效目标分解下达情况\n"
    assert _unit(text) == "青山县林业局"


def test_the_sentence_that_hands_the_report_over() -> None:
    text = (
        "根据有关文件要求，现将2023年青山县水利局农村供水保障项目绩效自评报告如下：\n"
        "一、绩效目标分解下达情况\n"
    )
    assert _unit(text) == "青山县水利局"


def test_the_publisher_line_of_a_government_site() -> None:
    text = (
        "青山区2024年度乡村振兴示范创建资金绩效自评报告\n"
        "来源：青山区农业农村局 时间：2025-04-27\n一、基本情况\n"
    )
    assert _unit(text) == "青山区农业农村局"


@pytest.mark.parametrize(
    "line",
    ["信息来源：区卫生健康局", "来源：青山区人民政府 浏览次数：", "来源：青山县融媒体中心"],
)
def test_a_publisher_without_a_place_or_that_runs_the_portal_is_not_the_unit(line: str) -> None:
    text = "2024年度项目支出绩效自评报告\n" + line + "\n一、基本情况\n"
    assert _unit(text) is None
