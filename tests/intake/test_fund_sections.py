"""A government's report gives each fund a section; the totals in it are that fund's."""

from __future__ import annotations

from jixiao.audit.engine import run
from jixiao.intake.parse import parse_text

TEXT = (
    "某县白沙镇人民政府2023年决算报告\n"
    "一、预算收支决算情况\n"
    "（一）一般公共预算收支情况\n"
    "全镇一般公共预算收入实现80.50万元，加上上级补助等1,200.00万元，收入总计1,280.50万元。"
    "全镇一般公共预算支出1,280.50万元，支出总计1,280.50万元，当年收支平衡。\n"
    "（二）政府性基金预算收支情况\n"
    "全镇政府性基金收入0万元，加上上年结转收入0万元，收入总计0万元。\n"
    "全镇政府性基金支出0万元，支出总计0万元。\n"
    "（三）国有资本经营预算收支情况\n"
    "本镇国有资本经营预算收入总计0万元，支出总计0万元。\n"
)


def test_the_totals_of_a_fund_section_are_that_funds() -> None:
    report = parse_text(TEXT, source="t")
    zeros = {
        (m.path, m.scope)
        for m in report.mentions
        if m.path.startswith("accounts.") and m.value is not None and str(m.value) == "0"
    }
    assert ("accounts.income_grand_total", "政府性基金") in zeros
    assert ("accounts.expenditure_grand_total", "国有资本经营") in zeros
    assert report.spending.total is not None
    assert str(report.spending.total.value.wan) == "1280.50"


def test_zero_fund_totals_are_not_the_general_totals_swapped() -> None:
    codes = {finding.code for finding in run(parse_text(TEXT, source="t")).findings}
    assert "values-swapped" not in codes
    assert "figure-restated-differently" not in codes
