"""“三公”经费 = 因公出国(境)费 + 公务用车购置及运行费 + 公务接待费; 公务用车 = 购置 + 运行.

Reports often leave out a part that is zero. When every part is stated the sum must match;
when some are missing, the stated parts may not exceed the whole beyond rounding (error),
and a shortfall is only noted (info): the unstated parts must then make up the gap.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from jixiao.audit import messages
from jixiao.audit.context import RuleContext
from jixiao.audit.figures import Figure, Group, cluster_groups, primary_group
from jixiao.audit.sums import (
    SumKey,
    evidence_of,
    finding,
    join_terms,
    sum_finding,
    sum_key,
    term,
)
from jixiao.audit.tolerance import Outcome, compare_sum
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.report import Report

CODE = "three-public-equals-parts"

_TOTAL = "three_public.total"
_OVERSEAS = "three_public.overseas"
_VEHICLE = "three_public.vehicle"
_PURCHASE = "three_public.vehicle_purchase"
_OPERATION = "three_public.vehicle_operation"
_RECEPTION = "three_public.reception"
_PATHS = (_TOTAL, _OVERSEAS, _VEHICLE, _PURCHASE, _OPERATION, _RECEPTION)


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    seen: set[tuple[str, SumKey]] = set()
    for group in [primary_group(report, _PATHS), *cluster_groups(report, _PATHS, whole=_TOTAL)]:
        vehicle = group.get(_VEHICLE)
        if vehicle is not None:
            parts, missing = _stated([_PURCHASE, _OPERATION], group)
            yield from _once(seen, _VEHICLE, vehicle, parts, missing)
        total = group.get(_TOTAL)
        if total is not None:
            parts, missing = _total_parts(group)
            yield from _once(seen, _TOTAL, total, parts, missing)


def _once(
    seen: set[tuple[str, SumKey]],
    identity: str,
    whole: Figure,
    parts: Sequence[Figure],
    missing: Sequence[str],
) -> Iterable[Finding]:
    if not parts:
        return
    key = (identity, sum_key(whole, parts))
    if key in seen:
        return
    seen.add(key)
    found = _compare(whole, parts, missing)
    if found is not None:
        yield found


def _compare(whole: Figure, parts: Sequence[Figure], missing: Sequence[str]) -> Finding | None:
    if not missing:
        return sum_finding(CODE, whole, parts)
    comparison = compare_sum(whole.money, [p.money for p in parts])
    if comparison.difference <= 0 and comparison.outcome is not Outcome.MISMATCH:
        return None  # exactly the whole, or over it by rounding only: the rest is zero
    like = [whole.money, *(p.money for p in parts)]
    fields = {
        "whole": term(whole),
        "parts": join_terms([term(p, within=whole.scope) for p in parts]),
        "computed": messages.derived_text(comparison.computed, like),
        "difference": messages.derived_text(abs(comparison.difference), like),
        "missing": "、".join(missing),
    }
    figures = [whole, *parts]
    if comparison.difference < 0:
        message = messages.render(f"{CODE}:exceeds", **fields)
        return finding(CODE, Severity.ERROR, message, comparison, evidence_of(figures))
    message = messages.render(f"{CODE}:gap", **fields)
    return finding(CODE, Severity.INFO, message, comparison, evidence_of(figures))


def _stated(paths: Sequence[str], group: Group) -> tuple[list[Figure], list[str]]:
    """The stated figures among ``paths``, and the names of the others."""
    stated = [group[p] for p in paths if p in group]
    missing = [messages.label(p) for p in paths if p not in group]
    return stated, missing


def _total_parts(group: Group) -> tuple[list[Figure], list[str]]:
    overseas, missing_overseas = _stated([_OVERSEAS], group)
    reception, missing_reception = _stated([_RECEPTION], group)
    if _VEHICLE in group:
        vehicle, missing_vehicle = [group[_VEHICLE]], list[str]()
    else:
        vehicle, missing_vehicle = _stated([_PURCHASE, _OPERATION], group)
        if not vehicle:
            missing_vehicle = [messages.label(_VEHICLE)]
    return (
        [*overseas, *vehicle, *reception],
        [*missing_overseas, *missing_vehicle, *missing_reception],
    )
