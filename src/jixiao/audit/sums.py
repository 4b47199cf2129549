"""The shared shape of "a whole equals the sum of its parts" findings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from jixiao.audit import messages
from jixiao.audit.figures import Figure
from jixiao.audit.tolerance import Comparison, Outcome, compare_sum
from jixiao.domain.evidence import Evidence
from jixiao.domain.findings import Finding, Severity

SumKey = tuple[Decimal, tuple[Decimal, ...]]


def term(figure: Figure, *, within: str = "") -> str:
    """基本支出793.43万元: the figure's name (with its scope) and amount as written.

    ``within`` is the scope already named by the whole the figure is part of: a part in that
    same scope is not qualified again (一般公共预算基本支出 … 人员经费 …).
    """
    scope = "" if figure.scope == within else figure.scope
    return messages.label(figure.path, scope) + messages.money_text(figure.money)


def join_terms(terms: Sequence[str]) -> str:
    """A与B; A、B与C."""
    if len(terms) <= 1:
        return "".join(terms)
    return "、".join(terms[:-1]) + "与" + terms[-1]


def sum_key(whole: Figure, parts: Sequence[Figure]) -> SumKey:
    """What makes two checks of the same identity the same failure: the amounts involved."""
    return whole.money.wan, tuple(p.money.wan for p in parts)


def sum_finding(
    code: str,
    whole: Figure,
    parts: Sequence[Figure],
    *,
    mismatch_severity: Severity = Severity.ERROR,
    note: str = "",
) -> Finding | None:
    """A finding when ``whole`` is not the sum of ``parts``; None when they agree exactly."""
    comparison = compare_sum(whole.money, [p.money for p in parts])
    outcome = comparison.outcome
    if outcome is Outcome.EQUAL:
        return None
    like = [whole.money, *(p.money for p in parts)]
    fields = {
        "whole": term(whole),
        "parts": join_terms([term(p, within=whole.scope) for p in parts]),
        "computed": messages.derived_text(comparison.computed, like),
        "difference": messages.derived_text(abs(comparison.difference), like),
        "note": note,
    }
    if outcome is Outcome.ROUNDING:
        message = messages.render(f"{code}:rounding", **fields)
        return finding(code, Severity.INFO, message, comparison, evidence_of([whole, *parts]))
    message = messages.render(code, **fields)
    return finding(code, mismatch_severity, message, comparison, evidence_of([whole, *parts]))


def finding(
    code: str,
    severity: Severity,
    message: str,
    comparison: Comparison,
    evidence: Iterable[Evidence],
) -> Finding:
    """A finding carrying the comparison's figures and the evidence of every figure involved."""
    return Finding(
        code=code,
        severity=severity,
        message=message,
        stated=comparison.stated,
        computed=comparison.computed,
        difference=comparison.difference,
        evidence=tuple(evidence),
    )


def evidence_of(figures: Iterable[Figure]) -> list[Evidence]:
    return [f.evidence for f in figures]
