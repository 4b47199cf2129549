"""A figure read from a scan or photograph that the recogniser was unsure of, or that was
repaired from known OCR damage, is shown to the reviewer to check against the original.

The reader records such places as doubts on the report (``report.reading``); any figure whose
quote overlaps one gets a warning naming the page, what was read and, for a repair, what the
recogniser had read before. Nothing here changes a figure.
"""

from __future__ import annotations

from collections.abc import Iterable

from jixiao.audit import messages
from jixiao.audit.context import RuleContext
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.reading import DoubtKind
from jixiao.domain.report import Report

CODE = "ocr-low-confidence"


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    reading = report.reading
    if reading is None or not reading.doubts:
        return
    seen: set[tuple[str, int]] = set()
    for mention in report.mentions:
        evidence = mention.evidence
        for doubt in reading.doubts_in(evidence.start, evidence.end):
            key = (mention.path, doubt.start)
            if key in seen:
                continue
            seen.add(key)
            page = f"第{doubt.page}页" if doubt.page else "原件"
            fields = {
                "label": messages.label(mention.path, mention.scope),
                "figure": report.text[doubt.start : doubt.end],
                "page": page,
            }
            if doubt.kind is DoubtKind.REPAIRED:
                message = messages.render(
                    f"{CODE}:repaired", recognised=doubt.recognised or "", **fields
                )
            elif doubt.kind is DoubtKind.LONE_STROKE:
                message = messages.render(f"{CODE}:lone-stroke", **fields)
            elif doubt.kind is DoubtKind.RUN_TOGETHER:
                message = messages.render(f"{CODE}:run-together", **fields)
            else:
                confidence = f"{(doubt.confidence or 0) * 100:.0f}%"
                message = messages.render(CODE, confidence=confidence, **fields)
            yield Finding(CODE, Severity.WARNING, message, evidence=(evidence,))
