"""A stated change rate = change / (amount − change) × 100, within one section.

For a field that states, in the same section and scope, its amount X, its signed change Δ on
the year before and its signed change rate r, r must equal Δ / (X − Δ) × 100 within one unit
of r's last printed digit plus what the amounts' rounding can move the quotient: an error
beyond, a note within (silent when r is the correctly rounded quotient). With only X and r
there is nothing to check.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TypeVar

from jixiao.audit import messages
from jixiao.audit.context import RuleContext
from jixiao.audit.sums import finding
from jixiao.audit.tolerance import Outcome, ratio_comparison
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.money import Money, Rate
from jixiao.domain.report import Mention, Report

CODE = "change-rate-matches"

_EXTRA_PLACES = 2  # decimals shown for the recomputed rate beyond the stated rate's


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    buckets: dict[tuple[str, int, str], dict[str, list[Mention]]] = {}
    for mention in report.mentions:
        key = (mention.path, mention.cluster, mention.scope)
        buckets.setdefault(key, {}).setdefault(mention.aspect, []).append(mention)
    seen: set[tuple[str, str, Decimal, Decimal, Decimal]] = set()
    for (path, _, scope), by_aspect in buckets.items():
        value = _single(by_aspect.get("value", []), Money)
        change = _single(by_aspect.get("change", []), Money)
        rate = _single(by_aspect.get("change_rate", []), Rate)
        if value is None or change is None or rate is None:
            continue
        figures = (path, scope, value[0].wan, change[0].wan, rate[0].percent)
        if figures in seen:
            continue
        seen.add(figures)
        found = _check(path, scope, value, change, rate)
        if found is not None:
            yield found


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
    base = Money(
        wan=amount.wan - delta.wan, ulp=amount.ulp + delta.ulp, stated_unit=amount.stated_unit
    )
    comparison = ratio_comparison(stated.percent, stated.ulp, delta, base)
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
