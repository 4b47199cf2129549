"""The stated change of “三公”经费 on the year before = the sum of its parts' stated changes.

A part whose change is not stated counts as unchanged only when its own amount is stated as
0 this year (and the message says so); if any other part's change is unknown, nothing can be
checked. A part's statements are looked for in the total's own section first, then anywhere
in the report with the same scope, as long as they agree.

Real case: total 同比减少63.96万元; 购置 −54.2, 运行 +53.81, 接待 −60.14, 出国 0 this year with no
change stated → the parts give −60.53, a 3.43万元 gap: an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.audit import messages
from jixiao.audit.context import RuleContext
from jixiao.audit.figures import Figure, money_of, primary
from jixiao.audit.sums import finding, join_terms
from jixiao.audit.tolerance import Comparison, Outcome
from jixiao.domain.evidence import Evidence
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.report import Mention, Report

CODE = "three-public-change-equals-parts"

_TOTAL = "three_public.total"
_OVERSEAS = "three_public.overseas"
_VEHICLE = "three_public.vehicle"
_PURCHASE = "three_public.vehicle_purchase"
_OPERATION = "three_public.vehicle_operation"
_RECEPTION = "three_public.reception"


@dataclass
class _Parts:
    """The parts' changes as far as they are known."""

    changes: list[Figure] = field(default_factory=list)
    zero: list[Figure] = field(default_factory=list)  # amount 0, change unstated
    complete: bool = True


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    seen: set[tuple[Decimal, tuple[Decimal, ...]]] = set()
    index = _index(report)
    for mention in report.mentions:
        money = money_of(mention)
        if mention.path != _TOTAL or mention.aspect != "change" or money is None:
            continue
        whole = Figure(_TOTAL, money, mention.evidence, mention.scope)
        lookup = _Lookup(report, mention, index)
        parts = _parts(lookup)
        if not parts.complete or not parts.changes:
            continue
        key = (money.wan, tuple(p.money.wan for p in parts.changes))
        if key in seen:
            continue
        seen.add(key)
        found = _compare(whole, parts)
        if found is not None:
            yield found


class _Lookup:
    """A part's statements with the total's scope: in the total's cluster first, else anywhere."""

    def __init__(self, report: Report, total: Mention, index: _Index) -> None:
        self._report = report
        self._total = total
        self._index = index

    def figure(self, path: str, aspect: str) -> Figure | None:
        same_scope, by_cluster = self._index.get((path, aspect, self._total.scope), ([], {}))
        local = by_cluster.get(self._total.cluster, [])
        for candidates in (local, same_scope):
            values = {money.wan for m in candidates if (money := money_of(m)) is not None}
            if len(values) == 1:
                chosen = candidates[0]
                money = money_of(chosen)
                assert money is not None
                return Figure(path, money, chosen.evidence, chosen.scope)
            if len(values) > 1:
                return None  # stated differently: unknown
        if aspect == "value" and not self._total.scope:
            return primary(self._report, path)
        return None

    def zero_amount(self, path: str) -> Figure | None:
        amount = self.figure(path, "value")
        return amount if amount is not None and amount.money.wan == 0 else None


_Index = dict[tuple[str, str, str], tuple[list[Mention], dict[int, list[Mention]]]]


def _index(report: Report) -> _Index:
    """The report's amounts by path, aspect and scope, built once: a lookup that scanned
    every mention for every total made a long report's audit quadratic."""
    index: _Index = {}
    for mention in report.mentions:
        if mention.path.startswith("three_public.") and money_of(mention) is not None:
            every, by_cluster = index.setdefault(
                (mention.path, mention.aspect, mention.scope), ([], {})
            )
            every.append(mention)
            by_cluster.setdefault(mention.cluster, []).append(mention)
    return index


def _parts(lookup: _Lookup) -> _Parts:
    parts = _Parts()
    _add(parts, lookup, _OVERSEAS)
    vehicle = lookup.figure(_VEHICLE, "change")
    if vehicle is not None:
        parts.changes.append(vehicle)
    elif (zero := lookup.zero_amount(_VEHICLE)) is not None:
        parts.zero.append(zero)
    else:
        _add(parts, lookup, _PURCHASE)
        _add(parts, lookup, _OPERATION)
    _add(parts, lookup, _RECEPTION)
    return parts


def _add(parts: _Parts, lookup: _Lookup, path: str) -> None:
    change = lookup.figure(path, "change")
    if change is not None:
        parts.changes.append(change)
    elif (zero := lookup.zero_amount(path)) is not None:
        parts.zero.append(zero)
    else:
        parts.complete = False


def _compare(whole: Figure, parts: _Parts) -> Finding | None:
    comparison = Comparison(
        stated=whole.money.wan,
        computed=sum((p.money.wan for p in parts.changes), Decimal(0)),
        tolerance=whole.money.ulp + sum((p.money.ulp for p in parts.changes), Decimal(0)),
    )
    if comparison.outcome is Outcome.EQUAL:
        return None
    like = [whole.money, *(p.money for p in parts.changes)]
    note = ""
    if parts.zero:
        zero_labels = join_terms([_part_label(z, whole) for z in parts.zero])
        note = messages.render(f"{CODE}:zero-part", parts=zero_labels)
    fields = {
        "whole": messages.label(whole.path, whole.scope),
        "change": messages.change_text(whole.money.wan, [whole.money]),
        "parts": _changes_text(parts.changes, whole),
        "computed": messages.change_text(comparison.computed, like),
        "difference": messages.derived_text(abs(comparison.difference), like),
        "note": note,
    }
    evidence: list[Evidence] = [whole.evidence]
    evidence += [p.evidence for p in [*parts.changes, *parts.zero]]
    if comparison.outcome is Outcome.ROUNDING:
        message = messages.render(f"{CODE}:rounding", **fields)
        return finding(CODE, Severity.INFO, message, comparison, evidence)
    return finding(CODE, Severity.ERROR, messages.render(CODE, **fields), comparison, evidence)


def _changes_text(changes: Sequence[Figure], whole: Figure) -> str:
    return join_terms(
        [_part_label(c, whole) + messages.change_text(c.money.wan, [c.money]) for c in changes]
    )


def _part_label(part: Figure, whole: Figure) -> str:
    """A part's name, without the scope the whole's name already gives."""
    return messages.label(part.path, "" if part.scope == whole.scope else part.scope)
