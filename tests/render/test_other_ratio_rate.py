"""A rate the report words as 发放率 is written back under its own name, not as 执行率."""

from __future__ import annotations

from jixiao.intake.parse import parse_text
from jixiao.render import render
from tests.render.readback import error_codes, read_back

TEXT = (
    "某县民政局2024年度困难群众救助资金项目支出绩效自评报告\n"
    "一、项目基本情况\n全年预算数200万元，全年执行数190万元。\n"
    "二、绩效指标完成情况\n补助资金发放率为99%。\n"
)


def test_a_payout_rate_reads_back_with_the_same_errors_from_a_workbook() -> None:
    report = parse_text(TEXT, source="t")
    assert report.budget.execution_rate is not None
    again = read_back(render(report, "xlsx"), "xlsx")
    assert error_codes(again) == error_codes(report)
