"""A stated overrun or saving against the actual and the budget beside it, in invented texts."""

from __future__ import annotations

from jixiao.audit.rules import over_budget_matches as rule
from jixiao.domain.findings import Severity
from jixiao.intake.parse import parse_text
from tests.audit.builders import run_rule

TITLE = "某中心2024年度部门决算说明\n"


def _severities(text: str) -> list[Severity]:
    return [f.severity for f in run_rule(rule, parse_text(TITLE + text, source="t"))]


def test_an_overrun_that_is_the_difference() -> None:
    assert _severities("公务接待费预算为2.40万元，支出决算为2.75万元，超支0.35万元。") == []


def test_an_overrun_that_is_not_the_difference() -> None:
    text = "公务接待费预算为2.40万元，支出决算为2.75万元，超支0.53万元。"
    findings = run_rule(rule, parse_text(TITLE + text, source="t"))
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert "超出预算0.35万元" in findings[0].message
    assert "超支0.53万元" in findings[0].message


def test_a_saving_is_the_difference_the_other_way() -> None:
    right = "公务用车运行维护费预算5.00万元，决算数为4.80万元，决算数小于预算数0.20万元。"
    wrong = "公务用车运行维护费预算5.00万元，决算数为4.80万元，决算数小于预算数0.30万元。"
    assert _severities(right) == []
    assert _severities(wrong) == [Severity.ERROR]


def test_rounding_of_whole_numbers_is_a_note() -> None:
    # 预算2万元 may be anything from 1.5 to 2.5: an overrun of 0.8 fits
    assert _severities("公务接待费预算为2万元，支出决算为2.5万元，超支0.8万元。") == [Severity.INFO]


def test_a_budget_increased_is_no_overrun() -> None:
    # "调整预算增加" changes the budget; no actual is compared with it
    text = "公务接待费支出决算为2.75万元，年中调整预算增加0.30万元。"
    report = parse_text(TITLE + text, source="t")
    assert [m for m in report.mentions if m.aspect == "over_budget"] == []
