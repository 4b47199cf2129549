"""The audit engine: run every enabled rule on a report and collect the findings.

Findings are values: the engine never raises because of one. A rule that breaks on input it
did not expect becomes a ``rule-failed`` warning instead of taking the whole audit down.
Findings come out sorted (severity, then where their evidence starts in the text) and with
identical findings removed.
"""

from __future__ import annotations

import dataclasses
import logging
import sys
from collections.abc import Iterable

from jixiao.audit import messages
from jixiao.audit.context import RuleContext, build_context
from jixiao.audit.registry import RULE_FAILED, RULES
from jixiao.audit.rulesets import RuleSet, ruleset_for_year
from jixiao.domain.findings import AuditReport, Finding, Severity
from jixiao.domain.report import Report

_log = logging.getLogger(__name__)


def run(
    report: Report,
    ruleset: RuleSet | None = None,
    *,
    context: RuleContext | None = None,
) -> AuditReport:
    """Audit one report with ``ruleset`` (by default, the one for the report's year)."""
    chosen = ruleset if ruleset is not None else ruleset_for_year(report.year)
    ctx = context if context is not None else build_context(report)
    findings: list[Finding] = []
    for code in chosen.enabled:
        findings.extend(_apply_override(f, chosen) for f in _run_rule(code, report, ctx))
    return AuditReport(source=report.source, findings=tuple(sort_findings(findings)))


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Duplicates removed; most severe first, then in text order (no evidence: last)."""
    unique = list(dict.fromkeys(findings))
    return sorted(unique, key=_sort_key)


def _run_rule(code: str, report: Report, context: RuleContext) -> list[Finding]:
    try:
        return list(RULES[code](report, context))
    except Exception as exc:  # a rule bug must not cost the user every other finding
        _log.exception("rule %s failed on %s", code, report.source)
        message = messages.render(RULE_FAILED, rule=code, reason=type(exc).__name__)
        return [Finding(RULE_FAILED, Severity.WARNING, message)]


def _apply_override(finding: Finding, ruleset: RuleSet) -> Finding:
    """The rule set's severity for a real finding; rounding notes (info) stay notes."""
    override = ruleset.override_for(finding.code)
    if override is None or finding.severity is Severity.INFO:
        return finding
    return dataclasses.replace(finding, severity=override)


def _sort_key(finding: Finding) -> tuple[int, int, int, str, str]:
    starts = [e.start for e in finding.evidence]
    position = min(starts) if starts else sys.maxsize
    return (finding.severity.rank, 0 if starts else 1, position, finding.code, finding.message)
