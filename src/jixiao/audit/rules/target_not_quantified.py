"""An indicator whose 年度指标值 is not a number, or is a number without a unit (a declared
定性 indicator may have a qualitative target and is not flagged).

A scoring warning (``jixiao.scoring.warnings``) shown by the audit; its message and figures
come from the report's scorecard under the default framework for its kind.
"""

from __future__ import annotations

from collections.abc import Iterable

from jixiao.audit.context import RuleContext
from jixiao.domain.findings import Finding
from jixiao.domain.report import Report
from jixiao.scoring.findings import scorecard_findings

CODE = "target-not-quantified"


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    return scorecard_findings(report, CODE, context.memo)
