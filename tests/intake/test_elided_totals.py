"""本年收入…，支出…: the year's expenditure after its income, 本年 written once."""

from __future__ import annotations

from decimal import Decimal

from jixiao.intake.parse import parse_text

HEAD = "某镇中心小学2023年度部门决算公开说明\n"


def _total(body: str, head: str = HEAD) -> Decimal | None:
    report = parse_text(head + body, source="t")
    total = report.spending.total
    return None if total is None else total.value.wan


def test_the_expenditure_after_the_years_income_is_its_total() -> None:
    body = (
        "2023年度上年结转和结余资金为12.30万元，本年收入856.20万元，支出860.05万元，"
        "年末结转和结余资金为8.45万元。"
    )
    assert _total(body) == Decimal("860.05")


def test_in_yuan_and_with_a_copula() -> None:
    body = "本年度收入合计为1234567.00元，支出合计为1200000.00元。"
    assert _total(body) == Decimal("120")


def test_a_bare_expenditure_without_the_years_income_is_no_total() -> None:
    assert _total("上年结转12.30万元，支出860.05万元。") is None


def test_a_narrower_expenditure_after_the_income_is_not_the_total() -> None:
    assert _total("本年收入856.20万元，项目支出300.00万元。") is None


def test_a_project_report_is_left_alone() -> None:
    head = "某镇中心小学2023年度项目支出绩效自评报告\n"
    assert _total("本年收入856.20万元，支出860.05万元。", head) is None
