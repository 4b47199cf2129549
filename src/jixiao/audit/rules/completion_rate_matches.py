"""A stated completion of the budget (完成预算的 X%) = actual ÷ budget × 100.

"公务接待费预算为1万元，支出决算为0.53万元，完成预算的47%": the budget is the same field's 预算
figure stated nearest before. A completion that is really the unspent share (47% for 53%) is an
error, as is one that disagrees with a stated overrun: "支出总计220万元，完成年初预算100%，决算数
大于预算数20万元" puts the budget at 200万元, and 220 ÷ 200 is 110%.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from jixiao.audit import messages
from jixiao.audit.context import RuleContext
from jixiao.audit.ratios import (
    RatioCheck,
    over_budget_of,
    ratio_finding,
    stated_value,
    whole_before,
)
from jixiao.domain.findings import Finding
from jixiao.domain.money import Money
from jixiao.domain.report import Mention, Report

CODE = "completion-rate-matches"


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    for mention in report.mentions:
        if mention.aspect != "completion":
            continue
        actual = stated_value(report, mention)
        if actual is None:
            continue
        budget = whole_before(report, mention.path, mention, scope="预算")
        if budget is not None:
            found = ratio_finding(CODE, RatioCheck(mention, actual, budget))
        else:
            found = _against_overrun(report, mention, actual)
        if found is not None:
            yield found


def _against_overrun(report: Report, completion: Mention, actual: Mention) -> Finding | None:
    """The completion against the budget that the actual and its stated overrun imply."""
    over = over_budget_of(report, actual)
    if over is None or not isinstance(actual.value, Money) or not isinstance(over.value, Money):
        return None
    implied = Money(
        actual.value.wan - over.value.wan,
        actual.value.ulp + over.value.ulp,
        actual.value.stated_unit,
    )
    if implied.wan <= 0:
        return None
    budget = dataclasses.replace(over, value=implied, aspect="value", scope="预算")
    wording = (
        f"按“{messages.quote_text(over.evidence.quote)}”推算的预算{messages.money_text(implied)}"
    )
    return ratio_finding(CODE, RatioCheck(completion, actual, budget), denominator=wording)
