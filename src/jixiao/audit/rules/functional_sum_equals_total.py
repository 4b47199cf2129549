"""Σ 功能分类 = the whole it breaks down.

``spending.functional_basis`` says what the list is a breakdown of: 支出合计 (TOTAL), 项目支出
(PROJECT), or an amount stated just before the list (STATED). When the text does not say
(UNKNOWN), the list must match either 项目支出 or 支出合计, and the message names both when it
matches neither. A list of fewer than two classes may have been cut short: at most a warning.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from jixiao.audit import messages
from jixiao.audit.context import RuleContext
from jixiao.audit.figures import Figure, primary
from jixiao.audit.sums import evidence_of, finding, term
from jixiao.audit.tolerance import Comparison, Outcome, compare_sum
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.report import FunctionalBasis, Report

CODE = "functional-sum-equals-total"

_WHOLE_PATHS = {
    FunctionalBasis.TOTAL: ("spending.total",),
    FunctionalBasis.PROJECT: ("spending.project",),
    FunctionalBasis.STATED: ("spending.functional_whole",),
    FunctionalBasis.UNKNOWN: ("spending.project", "spending.total"),
    FunctionalBasis.PARTIAL: (),  # an item lost its name: the listed ones cannot add up
}
# The whole a list may really belong to when the text put it under the other heading.
_OTHER_WHOLE = {
    FunctionalBasis.TOTAL: "spending.project",
    FunctionalBasis.PROJECT: "spending.total",
}


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    items = [
        Figure("spending.functional", item.amount.value, item.amount.evidence)
        for item in report.spending.functional
    ]
    basis = report.spending.functional_basis
    wholes = [f for p in _WHOLE_PATHS[basis] if (f := primary(report, p)) is not None]
    if not items or not wholes:
        return
    compared = [(whole, compare_sum(whole.money, [i.money for i in items])) for whole in wholes]
    if any(c.outcome is Outcome.EQUAL for _, c in compared):
        return
    # The whole the list comes closest to: within rounding if any, else the nearest.
    near = [wc for wc in compared if wc[1].outcome is Outcome.ROUNDING] or compared
    whole, comparison = min(near, key=lambda wc: abs(wc[1].difference))
    fields = _fields(whole, comparison, items)
    evidence = evidence_of([whole, *items])
    if comparison.outcome is Outcome.ROUNDING:
        message = messages.render(f"{CODE}:rounding", **fields)
        yield finding(CODE, Severity.INFO, message, comparison, evidence)
    elif len(items) < 2:
        message = messages.render(f"{CODE}:short-list", **fields)
        yield finding(CODE, Severity.WARNING, message, comparison, evidence)
    elif basis is not FunctionalBasis.UNKNOWN:
        yield _known_basis(
            report, basis, whole=whole, comparison=comparison, items=items, fields=fields
        )
    elif len(compared) == 1:
        message = messages.render(f"{CODE}:unknown-basis", **fields)
        yield finding(CODE, Severity.ERROR, message, comparison, evidence)
    else:
        yield _neither(compared, comparison, items)


def _known_basis(
    report: Report,
    basis: FunctionalBasis,
    *,
    whole: Figure,
    comparison: Comparison,
    items: Sequence[Figure],
    fields: dict[str, object],
) -> Finding:
    """An error, unless the list is that of the other whole and only placed under the wrong
    heading (项目支出 listed with the total's classes): then the figures agree and the text
    only mislabels them, a warning. When the other whole is stated, the error names it too."""
    other_path = _OTHER_WHOLE.get(basis)
    other = primary(report, other_path) if other_path else None
    if other is None:
        message = messages.render(CODE, **fields)
        return finding(CODE, Severity.ERROR, message, comparison, evidence_of([whole, *items]))
    evidence = evidence_of([whole, other, *items])
    other_comparison = compare_sum(other.money, [i.money for i in items])
    if other_comparison.outcome is Outcome.MISMATCH:
        like = [other.money, *(i.money for i in items)]
        message = messages.render(
            f"{CODE}:other-whole-too",
            **fields,
            other=term(other),
            other_difference=messages.derived_text(abs(other_comparison.difference), like),
        )
        return finding(CODE, Severity.ERROR, message, comparison, evidence)
    message = messages.render(
        f"{CODE}:other-whole",
        **fields,
        other=term(other),
        other_label=messages.label(other.path),
        label=messages.label(whole.path),
    )
    return finding(CODE, Severity.WARNING, message, comparison, evidence)


def _fields(whole: Figure, comparison: Comparison, items: Sequence[Figure]) -> dict[str, object]:
    like = [whole.money, *(i.money for i in items)]
    return {
        "whole": term(whole),
        "count": len(items),
        "computed": messages.derived_text(comparison.computed, like),
        "difference": messages.derived_text(abs(comparison.difference), like),
    }


def _neither(
    compared: Sequence[tuple[Figure, Comparison]],
    comparison: Comparison,
    items: Sequence[Figure],
) -> Finding:
    """项目支出 and 支出合计 both stated, the list matching neither: name both."""
    (first, first_cmp), (second, second_cmp) = compared[0], compared[1]
    like = [first.money, *(i.money for i in items)]
    message = messages.render(
        f"{CODE}:neither",
        count=len(items),
        computed=messages.derived_text(comparison.computed, like),
        first=term(first),
        first_difference=messages.derived_text(abs(first_cmp.difference), like),
        second=term(second),
        second_difference=messages.derived_text(abs(second_cmp.difference), like),
    )
    return finding(CODE, Severity.ERROR, message, comparison, evidence_of([first, second, *items]))
