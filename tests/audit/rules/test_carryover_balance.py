"""The year's money flow in a 决算 text: opening balance, income, expenditure, closing balance."""

from __future__ import annotations

from jixiao.audit.rules import carryover_balance as rule
from jixiao.domain.findings import Severity
from jixiao.intake.parse import parse_text
from tests.audit.builders import run_rule

TITLE = "某镇中心小学2023年度部门决算公开说明\n"


def _severities(text: str, title: str = TITLE) -> list[Severity]:
    return [f.severity for f in run_rule(rule, parse_text(title + text, source="t"))]


def test_a_balance_that_adds_up_gives_nothing() -> None:
    text = (
        "2023年度上年结转和结余资金为12.30万元，本年收入856.20万元，支出860.05万元，"
        "用事业基金弥补收支差额0万元，结余分配0万元，年末结转和结余资金为8.45万元。"
    )
    assert _severities(text) == []


def test_a_closing_balance_that_does_not_follow_is_an_error() -> None:
    text = (
        "2023年度上年结转和结余资金为12.30万元，本年收入856.20万元，支出860.05万元，"
        "用事业基金弥补收支差额0万元，结余分配0万元，年末结转和结余资金为84.50万元。"
    )
    findings = run_rule(rule, parse_text(TITLE + text, source="t"))
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert "年末结转和结余84.50万元" in findings[0].message
    assert "8.45万元" in findings[0].message


def test_without_the_surplus_items_a_gap_is_only_a_warning() -> None:
    # 使用非财政拨款结余 or 结余分配, unstated, may be the 2.00万元
    text = (
        "上年结转和结余12.30万元，本年收入合计856.20万元，本年支出合计860.05万元，"
        "年末结转和结余10.45万元。"
    )
    assert _severities(text) == [Severity.WARNING]


def test_rounding_is_a_note() -> None:
    text = (
        "上年结转和结余12.3万元，本年收入856.2万元，支出860.1万元，用事业基金弥补收支差额0万元，"
        "结余分配0万元，年末结转和结余8.45万元。"
    )
    assert _severities(text) == [Severity.INFO]


def test_a_budget_is_left_alone() -> None:
    title = "某镇中心小学2024年部门预算说明\n"
    text = "上年结转12.30万元，本年收入856.20万元，支出860.05万元，年末结转84.50万元。"
    assert _severities(text, title) == []
