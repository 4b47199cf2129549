"""Wordings of project reports in prose seen in a seventh held-out batch (invented examples)."""

from __future__ import annotations

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
