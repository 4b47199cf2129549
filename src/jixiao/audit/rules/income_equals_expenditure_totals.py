"""决算总表 balances: 收入总计 = 支出总计 (both grand totals include carry-overs).

A text that says "收、支总计各是4125.49,4143.91万元" does not balance: an error beyond rounding.
"""

from __future__ import annotations

from collections.abc import Iterable

from jixiao.audit import messages
from jixiao.audit.context import RuleContext
from jixiao.audit.figures import primary
from jixiao.audit.sums import finding, term
from jixiao.audit.tolerance import Outcome, compare_amounts
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.report import Report

CODE = "income-equals-expenditure-totals"


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    income = primary(report, "accounts.income_grand_total")
    expenditure = primary(report, "accounts.expenditure_grand_total")
    if income is None or expenditure is None:
        return
    comparison = compare_amounts(income.money, expenditure.money)
    if comparison.outcome is Outcome.EQUAL:
        return
    like = [income.money, expenditure.money]
    fields = {
        "income": term(income),
        "expenditure": term(expenditure),
        "difference": messages.derived_text(abs(comparison.difference), like),
    }
    evidence = [income.evidence, expenditure.evidence]
    if comparison.outcome is Outcome.ROUNDING:
        message = messages.render(f"{CODE}:rounding", **fields)
        yield finding(CODE, Severity.INFO, message, comparison, evidence)
    else:
        yield finding(CODE, Severity.ERROR, messages.render(CODE, **fields), comparison, evidence)
