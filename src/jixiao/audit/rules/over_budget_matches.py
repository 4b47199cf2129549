"""A stated overrun or saving against the budget = 决算 − 预算.

"公务接待费预算为1万元，支出决算为1.5万元，超支0.3万元": the actual and the budget of the same
field, stated nearest before, put the overrun at 0.5万元, not 0.3万元. A saving ("决算数小于预算数
0.2万元") is the same identity with the sign turned. Rounding of the printed figures is a note.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from jixiao.audit import messages
from jixiao.audit.context import RuleContext
from jixiao.audit.ratios import stated_value, whole_before
from jixiao.audit.tolerance import Comparison, Outcome
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.money import Money
from jixiao.domain.report import Mention, Report

CODE = "over-budget-matches"


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    for mention in report.mentions:
        if mention.aspect != "over_budget":
            continue
        actual = stated_value(report, mention)
        budget = whole_before(report, mention.path, mention, scope="预算")
        if actual is None or budget is None:
            continue
        found = _finding(mention, actual, budget)
        if found is not None:
            yield found


def _finding(over: Mention, actual: Mention, budget: Mention) -> Finding | None:
    stated, spent, planned = over.value, actual.value, budget.value
    if not (isinstance(stated, Money) and isinstance(spent, Money) and isinstance(planned, Money)):
        return None
    comparison = Comparison(
        stated=stated.wan,
        computed=spent.wan - planned.wan,
        tolerance=stated.ulp + spent.ulp + planned.ulp,
    )
    if comparison.outcome is Outcome.EQUAL:
        return None
    like = [stated, spent, planned]
    fields = {
        "stated": messages.quote_text(over.evidence.quote),
        "actual": messages.label(actual.path, actual.scope) + messages.money_text(spent),
        "budget": messages.label(budget.path, budget.scope) + messages.money_text(planned),
        "computed": _signed(comparison.computed, like),
        "difference": messages.derived_text(abs(comparison.difference), like),
    }
    rounding = comparison.outcome is Outcome.ROUNDING
    return Finding(
        CODE,
        Severity.INFO if rounding else Severity.ERROR,
        messages.render(f"{CODE}:rounding" if rounding else CODE, **fields),
        stated=comparison.stated,
        computed=comparison.computed,
        difference=comparison.difference,
        evidence=(over.evidence, actual.evidence, budget.evidence),
    )


def _signed(wan: Decimal, like: list[Money]) -> str:
    word = "超出预算" if wan >= 0 else "低于预算"
    return word + messages.derived_text(abs(wan), like)
