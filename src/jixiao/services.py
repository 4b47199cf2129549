"""The use cases the command line and the web application call."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path

from jixiao.audit.engine import run as run_audit
from jixiao.domain.basic_data import BasicData
from jixiao.domain.findings import AuditReport
from jixiao.domain.report import Report
from jixiao.domain.scorecard import Scorecard
from jixiao.intake.files import READABLE_SUFFIXES, read_document
from jixiao.intake.parse import parse_document, parse_text
from jixiao.render import render
from jixiao.render.model import render_gaps
from jixiao.scoring.engine import score
from jixiao.scoring.inputs import inputs_from_mapping, inputs_from_report

__all__ = ["READABLE_SUFFIXES"]  # the extensions a report file may have (upload forms)


@dataclass(frozen=True, slots=True)
class Evaluation:
    report: Report
    audit: AuditReport


def report_read(
    *,
    path: Path,
    source: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Read one report file (any format intake.files reads) into what it states, with
    evidence that names the page, table cell and (for a scan) box where known. Raises
    UnreadableInput with a reason. ``progress`` hears (pages done, pages) while OCR reads."""
    return parse_document(read_document(path, progress=progress), source=source or str(path))


def report_evaluate(
    *,
    path: Path,
    source: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Evaluation:
    """Read one report and audit it."""
    report = report_read(path=path, source=source, progress=progress)
    return Evaluation(report=report, audit=run_audit(report))


def text_evaluate(*, text: str, source: str) -> Evaluation:
    report = parse_text(text, source=source)
    return Evaluation(report=report, audit=run_audit(report))


def report_score(
    *,
    report: Report,
    framework: str | None = None,
    basic_data: Mapping[str, object] | None = None,
) -> Scorecard:
    """The scorecard of a report by a framework (the kind's default when None).

    ``basic_data`` holds 基础数据 a unit filled in beside its report (编制数, 三公 budgets …),
    labelled as in a data file; each value it gives fills or replaces what the report states.
    """
    inputs = inputs_from_report(report)
    if basic_data:
        extra = inputs_from_mapping(dict(basic_data), report.source)
        filled = {
            name: value
            for name in (f.name for f in fields(BasicData))
            if (value := getattr(extra.basic, name)) is not None
        }
        inputs = replace(
            inputs,
            basic=replace(inputs.basic, **filled),
            judgements=inputs.judgements + extra.judgements,
        )
    return score(inputs, framework)


def report_render(*, report: Report, to: str, outline: str | None = None) -> bytes:
    """The report written as ``to`` (docx, pdf, html, md, xlsx)."""
    return render(report, to, outline=outline)


def report_gaps(*, report: Report, outline: str | None = None) -> tuple[str, ...]:
    """What the rendered report fills with a placeholder because the report does not say it
    (a section of the outline it lacks, the 落款 date), one Chinese sentence each, to show
    before a download; empty when the report's own words cover the whole outline."""
    return render_gaps(report, outline)
