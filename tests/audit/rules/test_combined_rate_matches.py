"""A total's execution rate against its parts' amounts and rates (invented texts)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.audit.rules import combined_rate_matches as rule
from jixiao.domain.findings import Severity
from jixiao.intake.parse import parse_text
from tests.audit.builders import run_rule
from tests.conftest import CORPUS, shared_file

TITLE = "某区图书馆2024年度项目支出绩效自评报告\n"
PARTS = (
    "阅读推广经费支出60.00万元，预算执行率80.00%；古籍修复经费支出90.00万元，预算执行率90.00%。\n"
)


def _findings(body: str) -> list:
    return run_rule(rule, parse_text(TITLE + body, source="t"))


def test_a_total_rate_the_parts_cannot_give_is_an_error() -> None:
    # Budgets implied: 60 ÷ 80% = 75 and 90 ÷ 90% = 100; 150 ÷ 175 = 85.714%, not 95%.
    (finding,) = _findings("两个项目共支出150.00万元，两项目整体预算执行率为95.00%：" + PARTS)
    assert finding.severity is Severity.ERROR
    assert finding.stated == Decimal("95.00")
    assert finding.computed == Decimal("85.7143")
    assert "175.00万元" in finding.message
    assert "85.7143%" in finding.message
    assert [e.quote for e in finding.evidence][:3] == [
        "两个项目共支出150.00万元",
        "，两项目整体预算执行率为95.00%",
        "阅读推广经费支出60.00万元",
    ]


def test_a_total_rate_the_parts_give_says_nothing() -> None:
    assert _findings("两个项目共支出150.00万元，两项目整体预算执行率为85.71%：" + PARTS) == []


def test_the_average_of_the_parts_rates_is_not_the_total_rate() -> None:
    # (80% + 90%) ÷ 2 = 85%: an unweighted mean, off the weighted 85.71% by more than rounding.
    (finding,) = _findings("两个项目共支出150.00万元，两项目整体预算执行率为85.00%：" + PARTS)
    assert finding.severity is Severity.ERROR


def test_rates_printed_to_whole_percents_leave_room_for_rounding() -> None:
    # 80% and 90% may be anything from 79.5% to 90.5%: a total of 86% fits, 89% does not.
    body = (
        "两个项目共支出150万元，整体执行率为{}：甲项目支出60万元，执行率80%；"
        "乙项目支出90万元，执行率90%。\n"
    )
    assert _findings(body.format("86%")) == []
    assert len(_findings(body.format("89%"))) == 1


def test_budgets_weigh_the_parts_rates() -> None:
    # Spent 200 × 100% + 300 × 80% = 440 of 500: 88%, not 90%.
    body = (
        "基本支出预算数200.00万元，执行率100.00%；项目支出预算数300.00万元，执行率80.00%；"
        "预算数合计500.00万元，总体执行率{}。\n"
    )
    (finding,) = _findings(body.format("90.00%"))
    assert finding.computed == Decimal("88.0000")
    assert "按各项预算和执行率推算" in finding.message
    assert _findings(body.format("88.00%")) == []


def test_amounts_that_fit_when_read_as_budgets_are_no_error() -> None:
    # "年初预算支出" reads as spending but means budgets: 300 × 100% + 200 × 75% = 450 of 500
    # is the stated 90%, though as spending the parts would give 88.24%.
    text = (
        "年初预算支出共500.00万元，全年整体执行率90.00%：基本支出300.00万元，"
        "执行率100.00%；项目支出200.00万元，执行率75.00%。\n"
    )
    report = parse_text(TITLE + text, source="t")
    assert [c.spent for c in report.combined_rates] == [True]  # read, and read as spending
    assert run_rule(rule, report) == []


def test_a_real_combined_rate_of_two_projects() -> None:
    """456 gives two projects' spending and rates and a combined rate that neither reading of
    the amounts gives (the case this rule was written for)."""
    path = shared_file(CORPUS / "real" / "456.txt")
    (finding,) = run_rule(rule, parse_text(path.read_text(encoding="utf-8"), source="456"))
    assert finding.stated == Decimal("90.29")
    assert finding.computed == Decimal("90.3340")
