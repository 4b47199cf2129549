"""A performance self-evaluation must carry its indicators (年度指标值, 实际完成值, 分值, 得分).

Only for performance reports (部门整体 or 项目), as for ``self-score-missing``. A table whose
header row is printed (一级指标 二级指标 三级指标, even run together with no separator) is there,
though its cells could not be split: it is not reported missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from jixiao.audit import messages
from jixiao.audit.context import RuleContext
from jixiao.audit.rules.self_score_missing import PERFORMANCE_KINDS
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.report import Report

CODE = "indicator-table-missing"

_HEADER = re.compile(r"一级指标[\s|｜]{0,3}二级指标[\s|｜]{0,3}三级指标")


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    if report.kind not in PERFORMANCE_KINDS or report.performance.indicators:
        return
    if not _HEADER.search(report.text):
        yield Finding(CODE, Severity.WARNING, messages.render(CODE))
