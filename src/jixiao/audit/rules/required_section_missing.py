"""Every required level-1 section of the report's outline must be present.

The outline is the one the report names (``report.outline``) or, failing that, the one its
level-1 headings match best (see ``jixiao.domain.outlines.detect_outline``). No outline, no
finding: a report that follows no known outline is not judged against one.
"""

from __future__ import annotations

from collections.abc import Iterable

from jixiao.audit import messages
from jixiao.audit.context import RuleContext
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.report import Report

CODE = "required-section-missing"


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    outline = context.outline
    if outline is None:
        return
    titles = [h.title for h in report.headings if h.level == 1]
    for section in outline.missing(titles):
        message = messages.render(
            CODE,
            outline=outline.title,
            ordinal=messages.ordinal(section.position),
            section=section.title,
        )
        yield Finding(CODE, Severity.WARNING, message)
