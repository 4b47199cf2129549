"""执行率 = 全年执行数 / 全年预算数 (the adjusted budget when stated, else the initial one).

The tolerance is one unit of the rate's last printed digit plus what the amounts' own
rounding can move the quotient; a rate that is the correctly rounded quotient is silent,
and 100% with 执行数 equal to 预算数 is of course fine.

A rate the text names 发放率, 兑付率, 使用率 or 拨付率 (and not 执行/支付/支出) that does not match
is a warning, not an error: such a rate is often of people or items ("经费发放率98%" among a
project's 质量指标, the share of beneficiaries paid on time) or of money passed down rather
than spent, so the audit cannot tell that it was meant as 执行数 ÷ 预算数.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from decimal import Decimal

from jixiao.audit import messages
from jixiao.audit.context import RuleContext
from jixiao.audit.figures import primary
from jixiao.audit.sums import finding, term
from jixiao.audit.tolerance import Outcome, ratio_comparison
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.rate_words import may_be_another_ratio
from jixiao.domain.report import Report

CODE = "execution-rate-matches"

# Extra decimals shown for a recomputed rate beyond those the stated rate printed.
_EXTRA_PLACES = 2


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    stated = report.budget.execution_rate
    executed = primary(report, "budget.executed")
    budget = primary(report, "budget.adjusted") or primary(report, "budget.initial")
    if stated is None or executed is None or budget is None:
        return
    rate = stated.value
    comparison = ratio_comparison(rate.percent, rate.ulp, executed.money, budget.money)
    if comparison is None or comparison.outcome is Outcome.EQUAL:
        return
    keep = messages.rate_places(rate)
    places = keep + _EXTRA_PLACES
    computed = comparison.computed.quantize(Decimal(1).scaleb(-places))
    fields = {
        "stated": messages.rate_text(rate),
        "executed": term(executed),
        "budget": term(budget),
        "computed": messages.percent_text(computed, places, keep),
        "difference": messages.points_text(rate.percent - computed, places, keep),
    }
    shown = dataclasses.replace(comparison, computed=computed)
    evidence = [stated.evidence, executed.evidence, budget.evidence]
    if comparison.outcome is Outcome.ROUNDING:
        message = messages.render(f"{CODE}:rounding", **fields)
        yield finding(CODE, Severity.INFO, message, shown, evidence)
    elif may_be_another_ratio(stated.evidence.quote):
        quote = messages.quote_text(stated.evidence.quote)
        message = messages.render(f"{CODE}:other-ratio", quote=quote, **fields)
        yield finding(CODE, Severity.WARNING, message, shown, evidence)
    else:
        yield finding(CODE, Severity.ERROR, messages.render(CODE, **fields), shown, evidence)
