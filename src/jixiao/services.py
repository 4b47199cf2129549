"""The use cases the command line and the web application call."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jixiao.audit.engine import run as run_audit
from jixiao.domain.findings import AuditReport
from jixiao.domain.report import Report
from jixiao.intake.files import read_document
from jixiao.intake.parse import parse_document, parse_text


@dataclass(frozen=True, slots=True)
class Evaluation:
    report: Report
    audit: AuditReport


def report_read(*, path: Path, source: str | None = None) -> Report:
    """Read one report file (.txt, .docx, .pdf, .xlsx) into what it states, with evidence
    that names the page and table cell where known. Raises UnreadableInput with a reason."""
    return parse_document(read_document(path), source=source or str(path))


def report_evaluate(*, path: Path, source: str | None = None) -> Evaluation:
    """Read one report and audit it."""
    report = report_read(path=path, source=source)
    return Evaluation(report=report, audit=run_audit(report))


def text_evaluate(*, text: str, source: str) -> Evaluation:
    report = parse_text(text, source=source)
    return Evaluation(report=report, audit=run_audit(report))
