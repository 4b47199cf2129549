"""A performance self-evaluation must carry its indicators (年度指标值, 实际完成值, 分值, 得分).

Only for performance reports (部门整体 or 项目), as for ``self-score-missing``.
"""

from __future__ import annotations

from collections.abc import Iterable

from jixiao.audit import messages
from jixiao.audit.context import RuleContext
from jixiao.audit.rules.self_score_missing import PERFORMANCE_KINDS
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.report import Report

CODE = "indicator-table-missing"


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    if report.kind in PERFORMANCE_KINDS and not report.performance.indicators:
        yield Finding(CODE, Severity.WARNING, messages.render(CODE))
