"""A performance self-evaluation (部门整体 or 项目) must state its self score.

Only for performance reports: a 决算说明 or 预算说明 has no score to give.
"""

from __future__ import annotations

from collections.abc import Iterable

from jixiao.audit import messages
from jixiao.audit.context import RuleContext
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.report import Report, ReportKind

CODE = "self-score-missing"

PERFORMANCE_KINDS = (ReportKind.OVERALL, ReportKind.PROJECT)


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    if report.kind in PERFORMANCE_KINDS and report.performance.self_score is None:
        yield Finding(CODE, Severity.WARNING, messages.render(CODE))
