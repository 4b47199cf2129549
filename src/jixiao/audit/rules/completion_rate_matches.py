"""A stated completion of the budget (完成预算的 X%) = actual ÷ budget × 100.

"公务接待费预算为1万元，支出决算为0.53万元，完成预算的47%": the budget is the same field's 预算
figure stated nearest before. A completion that is really the unspent share (47% for 53%) is an
error, as is one that disagrees with a stated overrun.
"""

from __future__ import annotations

from collections.abc import Iterable

from jixiao.audit.context import RuleContext
from jixiao.audit.ratios import RatioCheck, ratio_finding, stated_value, whole_before
from jixiao.domain.findings import Finding
from jixiao.domain.report import Report

CODE = "completion-rate-matches"


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    for mention in report.mentions:
        if mention.aspect != "completion":
            continue
        actual = stated_value(report, mention)
        budget = whole_before(report, mention.path, mention, scope="预算")
        if actual is None or budget is None:
            continue
        found = ratio_finding(CODE, RatioCheck(mention, actual, budget))
        if found is not None:
            yield found
