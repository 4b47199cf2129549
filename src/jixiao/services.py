"""The use cases the command line and the web application call."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jixiao.audit.engine import run as run_audit
from jixiao.domain.findings import AuditReport
from jixiao.domain.report import Report
from jixiao.intake.files import read_text_document
from jixiao.intake.parse import parse_text


@dataclass(frozen=True, slots=True)
class Evaluation:
    report: Report
    audit: AuditReport


def report_read(*, path: Path, source: str | None = None) -> Report:
    """Read one report file into what it states. Raises UnreadableInput with a reason."""
    decoded = read_text_document(path)
    return parse_text(decoded.text, source=source or str(path))


def report_evaluate(*, path: Path, source: str | None = None) -> Evaluation:
    """Read one report and audit it."""
    report = report_read(path=path, source=source)
    return Evaluation(report=report, audit=run_audit(report))


def text_evaluate(*, text: str, source: str) -> Evaluation:
    report = parse_text(text, source=source)
    return Evaluation(report=report, audit=run_audit(report))
