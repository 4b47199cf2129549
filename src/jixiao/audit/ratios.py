"""A percentage a report states of two figures it also states: shares and completions.

Shared by share-matches and completion-rate-matches: find the figures the percentage is of,
compare with the rounding rule of ``tolerance.ratio_comparison``, word the finding.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal

from jixiao.audit import messages
from jixiao.audit.sums import finding
from jixiao.audit.tolerance import Outcome, ratio_comparison
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.money import Money, Rate
from jixiao.domain.report import Mention, Report

_REACH = 400  # characters: a whole stated further back belongs to another passage
_EXTRA_PLACES = 2


@dataclass(frozen=True, slots=True)
class RatioCheck:
    stated: Mention  # the percentage (its value is a Rate)
    numerator: Mention
    denominator: Mention


def stated_value(report: Report, ratio: Mention) -> Mention | None:
    """The value a share or completion was stated of (its anchor)."""
    if ratio.anchor is None:
        return None
    for mention in report.mentions:
        if (
            mention.aspect == "value"
            and mention.path == ratio.path
            and mention.evidence.start == ratio.anchor.start
            and mention.evidence.end == ratio.anchor.end
        ):
            return mention
    return None


def whole_before(report: Report, path: str, ratio: Mention, *, scope: str) -> Mention | None:
    """The value of ``path`` in ``scope`` stated nearest before ``ratio`` (within reach),
    preferring one in the same section."""
    position = ratio.evidence.start
    found = [
        m
        for m in report.mentions
        if m.path == path
        and m.aspect == "value"
        and m.scope == scope
        and isinstance(m.value, Money)
        and position - _REACH <= m.evidence.start < position
    ]
    if not found:
        return None
    same = [m for m in found if m.cluster == ratio.cluster] or found
    return max(same, key=lambda m: m.evidence.start)


def ratio_finding(code: str, check: RatioCheck) -> Finding | None:
    rate, top, bottom = check.stated.value, check.numerator.value, check.denominator.value
    if not (isinstance(rate, Rate) and isinstance(top, Money) and isinstance(bottom, Money)):
        return None
    comparison = ratio_comparison(rate.percent, rate.ulp, top, bottom)
    if comparison is None or comparison.outcome is Outcome.EQUAL:
        return None
    keep = messages.rate_places(rate)
    places = keep + _EXTRA_PLACES
    computed = comparison.computed.quantize(Decimal(1).scaleb(-places))
    fields = {
        "stated": messages.rate_text(rate),
        "numerator": messages.label(check.numerator.path, check.numerator.scope)
        + messages.money_text(top),
        "denominator": messages.label(check.denominator.path, check.denominator.scope)
        + messages.money_text(bottom),
        "computed": messages.percent_text(computed, places, keep),
        "difference": messages.points_text(rate.percent - computed, places, keep),
    }
    shown = dataclasses.replace(comparison, computed=computed)
    evidence = [check.stated.evidence, check.numerator.evidence, check.denominator.evidence]
    if comparison.outcome is Outcome.ROUNDING:
        message = messages.render(f"{code}:rounding", **fields)
        return finding(code, Severity.INFO, message, shown, evidence)
    return finding(code, Severity.ERROR, messages.render(code, **fields), shown, evidence)
