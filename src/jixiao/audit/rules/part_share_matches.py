"""A listed part's stated share of the whole it is listed under: 占 X% = part ÷ whole × 100.

"收入预算总额7783.26万元……其中：财政拨款收入751.8万元，占收入预算总额的9.7%；其他收入7000万元，
占收入预算总额的90.3%": the parts of a 其中 list, whatever they are (收入的来源, 支出的用途), each
give their share of the whole named just before 其中. A share that names its whole ("占收入
预算总额的…") is checked only when the words match the whole's own label; "占59.2%" names none
and is of the list's whole. The list need not be finished in the text: a share holds part by
part. Parts the audit knows a field for (基本支出, “三公”分项) have share-matches instead.
Within the rounding of the printed figures it is silent; beyond, an error.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from jixiao.audit import messages
from jixiao.audit.context import RuleContext
from jixiao.audit.spans import Spans
from jixiao.audit.tolerance import Outcome, ratio_comparison
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.money import Money, Rate
from jixiao.domain.relations import Breakdown, PartShare, StatedQuantity
from jixiao.domain.report import Report

CODE = "part-share-matches"
_KNOWN = ("spending.", "three_public.")
_EXTRA_PLACES = 2


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    known = Spans(
        m.evidence
        for m in report.mentions
        if m.aspect in ("value", "share") and m.path.startswith(_KNOWN)
    )
    for breakdown in report.breakdowns:
        for share in breakdown.shares:
            part = share.part.evidence
            if known.overlaps(part.start, part.end):
                continue  # share-matches checks a known field's share
            whole = _whole_of(share, breakdown)
            if whole is not None:
                found = _finding(share, whole)
                if found is not None:
                    yield found


def _whole_of(share: PartShare, breakdown: Breakdown) -> StatedQuantity | None:
    """The whole a share is of: the one it names, or else the one before 其中 when that can
    hold the parts listed (a figure of a reason clause right before 其中 cannot)."""
    if share.named is not None:
        return share.named
    whole = breakdown.whole
    if share.of and share.of not in whole.label:
        return None  # it names a whole the text does not give near
    listed = sum((p.value for p in breakdown.parts), Decimal(0))
    slack = whole.ulp + sum((p.ulp for p in breakdown.parts), Decimal(0))
    return whole if listed <= whole.value + slack else None


def _finding(share: PartShare, whole: StatedQuantity) -> Finding | None:
    part = share.part
    if not (part.is_money and whole.is_money):
        return None
    rate = Rate(share.percent, share.ulp)
    comparison = ratio_comparison(
        rate.percent, rate.ulp, Money(part.value, part.ulp), Money(whole.value, whole.ulp)
    )
    if comparison is None or comparison.outcome is not Outcome.MISMATCH:
        return None
    keep = messages.rate_places(rate)
    places = keep + _EXTRA_PLACES
    computed = comparison.computed.quantize(Decimal(1).scaleb(-places))
    message = messages.render(
        CODE,
        stated=messages.rate_text(rate),
        part=messages.quote_text(part.evidence.quote),
        whole=messages.quote_text(whole.evidence.quote),
        computed=messages.percent_text(computed, places, keep),
        difference=messages.points_text(rate.percent - computed, places, keep),
    )
    return Finding(
        code=CODE,
        severity=Severity.ERROR,
        message=message,
        stated=rate.percent,
        computed=computed,
        difference=rate.percent - computed,
        evidence=(share.evidence, part.evidence, whole.evidence),
    )
