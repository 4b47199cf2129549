"""A target the unit's own row shows as not met, scored at full marks by the unit.

A scoring warning (``jixiao.scoring.warnings``) shown by the audit; its message and figures
come from the report's scorecard under the default framework for its kind.
"""

from __future__ import annotations

from collections.abc import Iterable

from jixiao.audit.context import RuleContext
from jixiao.domain.findings import Finding
from jixiao.domain.report import Report
from jixiao.scoring.findings import scorecard_findings

CODE = "unachieved-full-marks"


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    return scorecard_findings(report, CODE, context.memo)
