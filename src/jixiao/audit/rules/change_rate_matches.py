"""A stated change rate = change / (amount − change) × 100, within one section.

For a field that states, in the same section and scope, its amount X, its signed change Δ on
the year before and its signed change rate r, r must equal Δ / (X − Δ) × 100 within one unit
of r's last printed digit plus what the amounts' rounding can move the quotient: an error
beyond, a note within (silent when r is the correctly rounded quotient). With only X and r
there is nothing to check.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TypeVar

from jixiao.audit import messages
from jixiao.audit.context import RuleContext
from jixiao.audit.spans import Spans
from jixiao.audit.sums import finding
from jixiao.audit.tolerance import Comparison, Outcome, ratio_comparison
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.money import Money, Rate, canonical
from jixiao.domain.report import Mention, Report

CODE = "change-rate-matches"

_EXTRA_PLACES = 2  # decimals shown for the recomputed rate beyond the stated rate's


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    yield from _fields(report)
    yield from _any_figure(report)
    yield from _growth_rows(report)


def _growth_rows(report: Report) -> Iterable[Finding]:
    """A table's 增减% row against its rows of this year and of the year before.

    The rate was computed from the unrounded amounts, so the bound is exactly what correct
    rounding allows: each printed amount within half a unit of its true value, the rate
    within half a unit of its last digit ("12 | 90 | -86.62" agrees: 11.5…12.5 of 89.5…90.5
    gives -87.3…-86.0 %; "37 | 73 | -47.95" does not: 36.5…37.5 of 72.5…73.5 gives at most
    -48.3 %).
    """
    for growth in report.growths:
        value, base, rate = growth.value, growth.base, growth.rate
        if base.value <= 0:
            continue
        computed = (value.value - base.value) / base.value * 100
        spread = (value.ulp * abs(base.value) + abs(value.value) * base.ulp) / 2
        tolerance = rate.ulp / 2 + Decimal(100) * spread / (base.value * base.value)
        comparison = Comparison(stated=rate.value, computed=computed, tolerance=tolerance)
        if comparison.outcome is not Outcome.MISMATCH:
            continue
        places = messages.rate_places(Rate(rate.value, rate.ulp))
        shown_places = places + _EXTRA_PLACES
        shown = computed.quantize(Decimal(1).scaleb(-shown_places))
        change = value.value - base.value
        fields = {
            "label": messages.label(growth.path),
            "value": f"{canonical(value.value)}万元",
            "change": messages.change_text(change, [Money(change, min(value.ulp, base.ulp))]),
            "base": f"{canonical(base.value)}万元",
            "computed": messages.signed_rate_text(shown, shown_places, places),
            "stated": messages.signed_rate_text(rate.value, places, places),
            "difference": messages.points_text(rate.value - shown, shown_places, places),
        }
        yield finding(
            CODE,
            Severity.ERROR,
            messages.render(f"{CODE}:any", **fields),
            dataclasses.replace(comparison, computed=shown),
            [value.evidence, base.evidence, rate.evidence],
        )


def _any_figure(report: Report) -> Iterable[Finding]:
    """The same identity for figures the lexicon does not name (report.changes)."""
    checked = Spans(
        m.evidence for m in report.mentions if m.aspect == "change_rate" and m.anchor is not None
    )
    for stated in report.changes:
        rate_at = stated.rate.evidence
        if checked.overlaps(rate_at.start, rate_at.end):
            continue  # a field's change: checked above with its mentions
        value, change, rate = stated.value, stated.change, stated.rate
        ulp = min(value.ulp, change.ulp)
        base = Money(value.value if stated.value_is_base else value.value - change.value, ulp)
        comparison = ratio_comparison(rate.value, rate.ulp, Money(change.value, ulp), base)
        if comparison is None or comparison.outcome is Outcome.EQUAL:
            continue
        places = messages.rate_places(Rate(rate.value, rate.ulp))
        shown_places = places + _EXTRA_PLACES
        computed = comparison.computed.quantize(Decimal(1).scaleb(-shown_places))
        fields = {
            "label": value.label.rstrip("为是:："),
            "value": f"{canonical(value.value)}万元",
            "change": messages.change_text(change.value, [Money(change.value, change.ulp)]),
            "base": f"{canonical(base.wan)}万元",
            "computed": messages.signed_rate_text(computed, shown_places, places),
            "stated": messages.signed_rate_text(rate.value, places, places),
            "difference": messages.points_text(rate.value - computed, shown_places, places),
        }
        shown = dataclasses.replace(comparison, computed=computed)
        evidence = [value.evidence, change.evidence, rate.evidence]
        severity = Severity.INFO if comparison.outcome is Outcome.ROUNDING else Severity.ERROR
        key = f"{CODE}:any-rounding" if severity is Severity.INFO else f"{CODE}:any"
        yield finding(CODE, severity, messages.render(key, **fields), shown, evidence)


def _fields(report: Report) -> Iterable[Finding]:
    seen: set[tuple[str, str, Decimal, Decimal, Decimal]] = set()
    for triple in [*_anchored_triples(report), *_section_triples(report)]:
        value, change, rate = triple
        path, scope = value[1].path, value[1].scope
        figures = (path, scope, value[0].wan, change[0].wan, rate[0].percent)
        if figures in seen:
            continue
        seen.add(figures)
        found = _check(path, scope, value, change, rate)
        if found is not None:
            yield found


_Triple = tuple[tuple[Money, Mention], tuple[Money, Mention], tuple[Rate, Mention]]


def _anchored_triples(report: Report) -> Iterable[_Triple]:
    """Each value with the changes stated right after it, in pairs: "9.07万元，较年初预算减少
    10.93万元，下降54.65%，较上年减少0.71万元，下降7.83%" gives two checks of one value."""
    values = {
        (m.evidence.start, m.evidence.end): m
        for m in report.mentions
        if m.aspect == "value" and isinstance(m.value, Money)
    }
    changes: dict[tuple[int, int, str], list[Mention]] = {}
    for mention in report.mentions:
        if mention.aspect in ("change", "change_rate") and mention.anchor is not None:
            key = (mention.anchor.start, mention.anchor.end, mention.path)
            changes.setdefault(key, []).append(mention)
    for (start, end, path), stated in changes.items():
        value = values.get((start, end))
        if value is None or value.path != path or not isinstance(value.value, Money):
            continue
        stated.sort(key=lambda m: m.evidence.start)
        for change, rate in itertools.pairwise(stated):
            if (
                change.aspect == "change"
                and rate.aspect == "change_rate"
                and isinstance(change.value, Money)
                and isinstance(rate.value, Rate)
            ):
                yield (value.value, value), (change.value, change), (rate.value, rate)


def _section_triples(report: Report) -> Iterable[_Triple]:
    """A field's one value, change and rate within a section (figures read back from a data
    file carry no place in a text to pair them by)."""
    buckets: dict[tuple[str, int, str], dict[str, list[Mention]]] = {}
    for mention in report.mentions:
        key = (mention.path, mention.cluster, mention.scope)
        buckets.setdefault(key, {}).setdefault(mention.aspect, []).append(mention)
    for by_aspect in buckets.values():
        value = _single(by_aspect.get("value", []), Money)
        change = _single(by_aspect.get("change", []), Money)
        rate = _single(by_aspect.get("change_rate", []), Rate)
        if value is not None and change is not None and rate is not None:
            yield value, change, rate


_Value = TypeVar("_Value", Money, Rate)


def _single(mentions: Sequence[Mention], kind: type[_Value]) -> tuple[_Value, Mention] | None:
    """The one value these mentions state (all agreeing), with the first mention."""
    values = [m.value for m in mentions if isinstance(m.value, kind)]
    if not values or len({str(v) for v in values}) != 1:
        return None
    first = next(m for m in mentions if isinstance(m.value, kind))
    return values[0], first


def _check(
    path: str,
    scope: str,
    value: tuple[Money, Mention],
    change: tuple[Money, Mention],
    rate: tuple[Rate, Mention],
) -> Finding | None:
    amount, delta, stated = value[0], change[0], rate[0]
    ulp = min(amount.ulp, delta.ulp)  # printed side by side: one precision (tolerance.py)
    base = Money(wan=amount.wan - delta.wan, ulp=ulp, stated_unit=amount.stated_unit)
    comparison = ratio_comparison(
        stated.percent, stated.ulp, Money(delta.wan, ulp, delta.stated_unit), base
    )
    if comparison is None or comparison.outcome is Outcome.EQUAL:
        return None
    keep = messages.rate_places(stated)
    places = keep + _EXTRA_PLACES
    computed = comparison.computed.quantize(Decimal(1).scaleb(-places))
    fields = {
        "label": messages.label(path, scope),
        "value": messages.money_text(amount),
        "change": messages.change_text(delta.wan, [delta]),
        "base": messages.derived_text(base.wan, [amount, delta]),
        "computed": messages.signed_rate_text(computed, places, keep),
        "stated": messages.signed_rate_text(stated.percent, keep, keep),
        "difference": messages.points_text(stated.percent - computed, places, keep),
    }
    shown = dataclasses.replace(comparison, computed=computed)
    evidence = [value[1].evidence, change[1].evidence, rate[1].evidence]
    if comparison.outcome is Outcome.ROUNDING:
        message = messages.render(f"{CODE}:rounding", **fields)
        return finding(CODE, Severity.INFO, message, shown, evidence)
    return finding(CODE, Severity.ERROR, messages.render(CODE, **fields), shown, evidence)
