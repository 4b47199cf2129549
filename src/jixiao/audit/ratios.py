"""A percentage a report states of two figures it also states: shares and completions.

Shared by share-matches and completion-rate-matches: find the figures the percentage is of,
compare with the rounding rule of ``tolerance.ratio_comparison``, word the finding.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
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
    return _values(report).by_span.get((ratio.path, ratio.anchor.start, ratio.anchor.end))


def whole_before(report: Report, path: str, ratio: Mention, *, scope: str) -> Mention | None:
    """The value of ``path`` in ``scope`` stated nearest before ``ratio`` (within reach),
    preferring one in the same section."""
    position = ratio.evidence.start
    stated = _values(report).amounts.get((path, scope), ([], []))
    starts, mentions = stated
    found = mentions[bisect_left(starts, position - _REACH) : bisect_left(starts, position)]
    if not found:
        return None
    same = [m for m in found if m.cluster == ratio.cluster] or found
    return max(same, key=lambda m: m.evidence.start)


@dataclass(frozen=True, slots=True)
class _Values:
    """A report's values indexed once: looking each ratio's figures up by a scan of every
    mention made a long report's audit quadratic."""

    by_span: dict[tuple[str, int, int], Mention]
    amounts: dict[tuple[str, str], tuple[list[int], list[Mention]]]  # (path, scope) -> by start


_last: list[tuple[Report, _Values]] = []  # the report audited last (rules run one report at a time)


def _values(report: Report) -> _Values:
    if _last and _last[0][0] is report:
        return _last[0][1]
    by_span: dict[tuple[str, int, int], Mention] = {}
    amounts: dict[tuple[str, str], tuple[list[int], list[Mention]]] = {}
    for mention in report.mentions:
        if mention.aspect != "value":
            continue
        key = (mention.path, mention.evidence.start, mention.evidence.end)
        by_span.setdefault(key, mention)
        if isinstance(mention.value, Money):
            amounts.setdefault((mention.path, mention.scope), ([], []))[1].append(mention)
    for starts, mentions in amounts.values():
        mentions.sort(key=lambda m: m.evidence.start)
        starts.extend(m.evidence.start for m in mentions)
    values = _Values(by_span, amounts)
    _last[:] = [(report, values)]
    return values


def named_whole(report: Report, share: Mention) -> str | None:
    """The words that name the whole a share is of ("占一般公共预算支出的19.62%" → 一般公共预算
    支出); None for "占69%" or "占比69%"."""
    named = _OF.search(report.text, max(0, share.evidence.start - _OF_BACK), share.evidence.start)
    # A PDF line wrap inside the name ("占一般公共预算支出\n的84.06%") is no part of it.
    of = "".join(named.group("of").split()) if named else ""
    return of or None


def fits_named_whole(named: str | None, whole: Mention) -> bool:
    """Can ``whole`` be the whole a share names? A name with a fund scope in it (一般公共预算支出,
    财政拨款支出) is a whole of that scope, never the unit's all-funds figure."""
    if named is None:
        return True
    scopes = [word for word in _FUND_SCOPES if word in named]
    return all(word in whole.scope for word in scopes)


_OF = re.compile(r"占(?!比)(?P<of>[^，,。；;\d%]{0,20}?)的?(?:比[重例])?(?:为|是)?\s*$")
_OF_BACK = 30
_FUND_SCOPES = ("一般公共预算", "政府性基金", "国有资本经营", "财政拨款")


def over_budget_of(report: Report, actual: Mention) -> Mention | None:
    """The stated overrun (or, negative, saving) of ``actual`` against its budget."""
    for mention in report.mentions:
        if (
            mention.aspect == "over_budget"
            and mention.path == actual.path
            and mention.anchor is not None
            and (mention.anchor.start, mention.anchor.end)
            == (actual.evidence.start, actual.evidence.end)
        ):
            return mention
    return None


def ratio_finding(
    code: str, check: RatioCheck, *, denominator: str | None = None
) -> Finding | None:
    """The finding on a stated percentage; ``denominator`` words a whole the text implies
    rather than states."""
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
        "denominator": denominator
        or messages.label(check.denominator.path, check.denominator.scope)
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
