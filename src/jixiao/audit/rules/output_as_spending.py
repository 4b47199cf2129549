"""An output (产出) indicator measured by money arrived, paid or spent rather than by what was
done (成本 indicators are money by nature and are not flagged).

A scoring warning (``jixiao.scoring.warnings``) shown by the audit; its message and figures
come from the report's scorecard under the default framework for its kind.
"""

from __future__ import annotations

from collections.abc import Iterable

from jixiao.audit.context import RuleContext
from jixiao.domain.findings import Finding
from jixiao.domain.report import Report
from jixiao.scoring.findings import scorecard_findings

CODE = "output-as-spending"


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    return scorecard_findings(report, CODE, context.memo)
