"""A part's stated share of its whole (占 X%) = part ÷ whole × 100.

"公务接待费支出决算0.53万元，占69%": the whole of a 三公 part is the “三公”经费 of the same scope,
of 基本支出 and 项目支出 the 支出合计. The whole is the one stated nearest before the share, in its
section when it can be, and of the fund scope the share names (占一般公共预算支出的…). Within
the rounding of the printed figures it is a note; beyond, an error.
"""

from __future__ import annotations

from collections.abc import Iterable

from jixiao.audit.context import RuleContext
from jixiao.audit.ratios import (
    RatioCheck,
    fits_named_whole,
    named_whole,
    ratio_finding,
    stated_value,
    whole_before,
)
from jixiao.domain.findings import Finding
from jixiao.domain.report import Report

CODE = "share-matches"

WHOLE_OF = {
    "three_public.overseas": "three_public.total",
    "three_public.vehicle": "three_public.total",
    "three_public.reception": "three_public.total",
    "spending.basic": "spending.total",
    "spending.project": "spending.total",
}


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    for mention in report.mentions:
        whole_path = WHOLE_OF.get(mention.path)
        if mention.aspect != "share" or whole_path is None:
            continue
        part = stated_value(report, mention)
        whole = whole_before(report, whole_path, mention, scope=mention.scope)
        if (
            part is None
            or whole is None
            or not fits_named_whole(named_whole(report, mention), whole)
        ):
            continue  # "占一般公共预算支出的75%" is no share of the unit's whole 支出合计
        found = ratio_finding(CODE, RatioCheck(mention, part, whole))
        if found is not None:
            yield found
