"""A satisfaction indicator while the report never says how many people were surveyed.

A scoring warning (``jixiao.scoring.warnings``) shown by the audit; its message and figures
come from the report's scorecard under the default framework for its kind.
"""

from __future__ import annotations

from collections.abc import Iterable

from jixiao.audit.context import RuleContext
from jixiao.domain.findings import Finding
from jixiao.domain.report import Report
from jixiao.scoring.findings import scorecard_findings

CODE = "satisfaction-without-sample"


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    return scorecard_findings(report, CODE, context.memo)
