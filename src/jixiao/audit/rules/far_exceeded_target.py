"""An actual far beyond its target (the framework's far_exceeded ratio): the target may have
been set too low, and 财预〔2020〕10号 asks for the reason.

A scoring warning (``jixiao.scoring.warnings``) shown by the audit; its message and figures
come from the report's scorecard under the default framework for its kind.
"""

from __future__ import annotations

from collections.abc import Iterable

from jixiao.audit.context import RuleContext
from jixiao.domain.findings import Finding
from jixiao.domain.report import Report
from jixiao.scoring.findings import scorecard_findings

CODE = "far-exceeded-target"


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    return scorecard_findings(report, CODE, context.memo)
