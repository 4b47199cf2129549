"""Scorecard warnings as audit findings, so that `jixiao audit` shows them beside the sums.

Each audit rule of a scoring warning (``jixiao.audit.rules.<code>``) asks for its own code;
the scorecard is computed once per report (a small cache) with the default framework for the
report's kind. A warning becomes a ``warning`` finding with the same code and message, its
stated and computed figures and the quote of the indicator it is about.
"""

from __future__ import annotations

from jixiao.domain.findings import Finding, Severity
from jixiao.domain.report import Report, ReportKind
from jixiao.domain.scorecard import Scorecard, ScoreWarning
from jixiao.scoring.engine import score

_SCORED_KINDS = (ReportKind.OVERALL, ReportKind.PROJECT)


def scorecard_findings(
    report: Report, code: str, memo: dict[str, object] | None = None
) -> list[Finding]:
    """The findings of one warning code on a performance report (none on other kinds).

    ``memo`` is the audit's per-report scratch space: the scorecard is computed once there
    and shared by every warning rule (hashing a whole Report for a cache costs more).
    """
    if report.kind not in _SCORED_KINDS:
        return []
    card = _scorecard(report, {} if memo is None else memo)
    return [_finding(w) for w in card.warnings if w.code == code]


def _scorecard(report: Report, memo: dict[str, object]) -> Scorecard:
    card = memo.get("scorecard")
    if not isinstance(card, Scorecard):
        card = score(report)
        memo["scorecard"] = card
    return card


def _finding(warning: ScoreWarning) -> Finding:
    difference = (
        warning.stated - warning.computed
        if warning.stated is not None and warning.computed is not None
        else None
    )
    return Finding(
        code=warning.code,
        severity=Severity.WARNING,
        message=warning.message,
        stated=warning.stated,
        computed=warning.computed,
        difference=difference,
        evidence=warning.evidence,
    )
