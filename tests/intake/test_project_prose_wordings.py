"""Wordings of project reports in prose seen in a seventh held-out batch (invented examples)."""

from __future__ import annotations

from jixiao.intake.document_sense import document_kind
from jixiao.intake.parse import parse_text
from tests.intake.budget_figures import budget_figures as _budget

TITLE = "某县2023年度文化专项资金绩效自评报告\n"


def test_spent_in_total_written_short_is_the_executed_amount() -> None:
    text = (
        TITLE
        + "上级下达专项资金预算120万元。\n"
        + "(1)全年专项资金共支110.4万元。支付放映补助经费12.6万元，设备维护经费30万元。"
    )
    assert _budget(parse_text(text, source="t")) == {"adjusted": "120", "executed": "110.4"}


def test_supporting_projects_is_not_spending() -> None:
    text = TITLE + "下达专项资金80万元，共支持设备购置50万元。"
    assert _budget(parse_text(text, source="t")) == {"adjusted": "80"}


def test_a_target_form_named_earlier_in_the_line_leaves_the_rate_achieved() -> None:
    text = (
        TITLE
        + "下达专项资金预算200万元。\n"
        + "总体情况：我县按照区域绩效目标表进行资金分配，本年专项资金执行率为97%，自评得分91分。"
    )
    assert _budget(parse_text(text, source="t"))["execution_rate"] == "97"


def test_a_rate_that_is_a_target_stays_out() -> None:
    text = TITLE + "下达专项资金预算200万元。\n项目绩效总目标：资金支付率100%。"
    assert "execution_rate" not in _budget(parse_text(text, source="t"))


def test_a_units_yearly_report_on_its_projects_is_a_project_report() -> None:
    text = (
        "某县培训中心2024年绩效自评报告\n"
        "为规范项目支出管理，我单位对2024年度项目支出资金使用情况进行了绩效自评。\n"
        "一、项目基本情况\n本中心2024年参与绩效评价的项目共2个，项目支出12万元。\n"
        "2024年项目资金为12万元，实际已支付12万元，支付率为100%。\n"
    )
    assert document_kind(text) == "project"
    assert _budget(parse_text(text, source="t")) == {
        "adjusted": "12",
        "executed": "12",
        "execution_rate": "100",
    }


def test_a_units_yearly_report_on_the_whole_unit_stays_overall() -> None:
    text = (
        "某镇人民政府2024年度绩效自评报告\n"
        "一、部门基本情况\n本镇2024年部门整体支出560万元，其中基本支出300万元，项目支出260万元。\n"
    )
    assert document_kind(text) == "overall"
