"""The 自评表's own arithmetic: each 得分 ≤ its 分值, 预算执行率's 得分 = 分值 × 执行率 (capped
at 100%), and where the table states its 总分, 总分 = Σ 得分 and Σ 分值 = 100.

A score above its weight, or a 总分 that is not the sum of the scores, is an error. Provinces
score the execution rate in steps as well as in proportion, so a funds-row score off the
proportional one by more than a point is only a warning, as is a weight total other than 100
(an excerpt may omit rows). At a full execution rate every scheme gives full marks, so there a
score below its weight is an error.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from jixiao.audit import messages
from jixiao.audit.context import RuleContext
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.money import canonical
from jixiao.domain.report import Report

CODE = "score-table-adds-up"
_FULL = Decimal(100)


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    yield from _above_weight(report)
    yield from _funds_row(report)
    yield from _totals(report)


def _above_weight(report: Report) -> Iterable[Finding]:
    for row in report.performance.indicators:
        if row.weight is not None and row.score is not None and row.score > row.weight:
            message = messages.render(
                f"{CODE}:above-weight",
                name=row.level3,
                score=canonical(row.score),
                weight=canonical(row.weight),
            )
            yield Finding(
                CODE,
                Severity.ERROR,
                message,
                stated=row.score,
                computed=row.weight,
                difference=row.score - row.weight,
                evidence=(row.evidence,) if row.evidence else (),
            )


def _funds_row(report: Report) -> Iterable[Finding]:
    budget = report.budget
    if budget.weight is None or budget.score is None or budget.execution_rate is None:
        return
    weight, score = budget.weight.value.percent, budget.score.value.percent
    rate = min(budget.execution_rate.value.percent, _FULL)
    expected = (weight * rate / _FULL).quantize(Decimal("0.01"))
    evidence = (budget.score.evidence, budget.weight.evidence, budget.execution_rate.evidence)
    if score > weight:
        severity = Severity.ERROR
    elif abs(score - expected) > max(Decimal(1), budget.score.value.ulp):
        severity = Severity.ERROR if rate >= _FULL else Severity.WARNING
    else:
        return
    message = messages.render(
        f"{CODE}:funds-row",
        score=canonical(score),
        weight=canonical(weight),
        rate=messages.rate_text(budget.execution_rate.value),
        expected=canonical(expected),
    )
    yield Finding(CODE, severity, message, score, expected, score - expected, evidence)


def _totals(report: Report) -> Iterable[Finding]:
    total = report.performance.self_score
    rows = [r for r in report.performance.indicators if r.weight is not None]
    if (
        total is None
        or not rows
        or (total.evidence.cell is None and "|" not in total.evidence.quote)
    ):
        return
    scores = [r.score for r in rows]
    if any(s is None for s in scores):
        return
    weights = sum((r.weight for r in rows if r.weight is not None), Decimal(0))
    summed = sum((s for s in scores if s is not None), Decimal(0))
    if report.budget.weight is not None and report.budget.score is not None:
        weights += report.budget.weight.value.percent
        summed += report.budget.score.value.percent
    if weights != _FULL:
        return  # rows left out of the excerpt (or a 90 + 10 table): no total to compare
    stated = total.value.percent
    tolerance = Decimal("0.01") * (len(rows) + 1)
    if abs(stated - summed) <= tolerance:
        return
    message = messages.render(f"{CODE}:total", stated=canonical(stated), summed=canonical(summed))
    yield Finding(CODE, Severity.ERROR, message, stated, summed, stated - summed, (total.evidence,))
