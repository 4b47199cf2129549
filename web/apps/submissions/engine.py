"""The one module of the web application that calls jixiao's core.

Reading, auditing, scoring and rendering all come from ``jixiao.services`` (and the scoring
frameworks' list from ``jixiao.scoring.frameworks``); nothing else in ``apps`` imports the core's
engines directly.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import typst

from jixiao import services
from jixiao.audit.engine import run as run_audit
from jixiao.contract import audit_json
from jixiao.domain.errors import JixiaoError
from jixiao.domain.money import canonical
from jixiao.domain.report import Report
from jixiao.intake.files import read_document_bytes
from jixiao.intake.parse import parse_document
from jixiao.render import fonts
from jixiao.render.fonts import font_directory
from jixiao.scoring import frameworks
from jixiao.scoring.cases import Needs
from jixiao.scoring.inputs import inputs_from_report
from jixiao.scoring.judged_methods import Checklist, QualitativeBand, Violations
from jixiao.scoring.output import scorecard_json

_log = logging.getLogger(__name__)

JSON = dict[str, Any]
# Findings about the document's layout, meaningless for a report typed into the forms.
_DOCUMENT_ONLY_CODES = frozenset({"required-section-missing"})

# Kept for the API's documented message fields; scoring and rendering are always there now.
SCORING_PENDING = "评分功能即将提供"
RENDER_PENDING = "报告生成功能即将提供"

RENDER_FORMATS: dict[str, tuple[str, str]] = {
    # format: (Chinese name, MIME type)
    "docx": (
        "Word 报告（.docx）",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "pdf": ("PDF 报告（.pdf）", "application/pdf"),
    "xlsx": (
        "自评表（.xlsx）",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}


# Every extension the reader accepts, and how a form names them.
READABLE_SUFFIXES: tuple[str, ...] = services.READABLE_SUFFIXES
READABLE_NAMES = (
    ".docx、.doc、.wps、.pdf、.ofd、.txt、.xlsx、.xls、.et 或扫描件图片（.jpg、.png、.tif）"
)


class ReadError(Exception):
    """The document cannot be read; ``str()`` is the core's Chinese message."""


def read_report(
    path: Path, *, source: str, progress: Callable[[int, int], None] | None = None
) -> Report:
    """The report a stored file states, or ReadError with what to do.

    ``source`` is the user's own file name: messages quote it, never the name the file is
    stored under. OSError when the stored file cannot be opened. ``progress`` hears (pages
    done, pages) while a scan is recognised."""
    data = path.read_bytes()
    try:
        document = read_document_bytes(data, name=source, progress=progress)
        return parse_document(document, source=source)
    except JixiaoError as error:
        raise ReadError(str(error)) from error


def check_readable(data: bytes, *, name: str) -> None:
    """Whether a file can be read at all (its format, encoding, encryption, zip bombs, XML
    entities): the decoding step alone, linear in size; ReadError with the reason. A scan
    or photograph is opened and checked, not recognised (OCR is the worker's)."""
    try:
        read_document_bytes(data, name=name, ocr=False)
    except JixiaoError as error:
        raise ReadError(str(error)) from error


def audit(report: Report) -> list[JSON]:
    """Every finding, as the contract's JSON."""
    findings: list[JSON] = audit_json(run_audit(report))["findings"]
    if not report.text:
        findings = [f for f in findings if f["code"] not in _DOCUMENT_ONLY_CODES]
    return findings


@dataclass(frozen=True, slots=True)
class Scored:
    total: Decimal | None
    grade: str
    card: JSON


def scoring_available() -> bool:
    return True


def render_available() -> bool:
    return True


def framework_choices() -> list[tuple[str, str]]:
    """(name, title) of every bundled scoring framework."""
    try:
        return [(f.name, f.title) for f in frameworks.bundled()]
    except JixiaoError:
        _log.exception("the bundled scoring frameworks cannot be read")
        return []


def score(report: Report, *, framework: str, basic_data: Mapping[str, Any] | None = None) -> Scored:
    """The scorecard by the campaign's framework (an error card when scoring fails).

    Only a bundled framework's name is passed on (never a path typed into a form); any other
    value scores by the default framework for the report's kind. ``basic_data`` is what the
    unit filled in on the 基础数据 page (``{"basic": {key: "45"}, "judgements": {id: {...}}}``,
    the shape of a data file); it fills or replaces what the report states. The card keeps,
    under ``report_inputs``, what the report itself states of each input, so that the page
    can show it beside each field without reading the document again.
    """
    known = {name for name, _ in framework_choices()}
    try:
        card = services.report_score(
            report=report,
            framework=framework if framework in known else None,
            basic_data=basic_data or None,
        )
    except JixiaoError as error:
        return Scored(total=None, grade="", card={"error": str(error)})
    except Exception:  # scoring must never cost the user the save of their data
        _log.exception("scoring failed on %s", report.source)
        return Scored(total=None, grade="", card={"error": "评分时发生内部错误，请联系管理员"})
    as_json = scorecard_json(card)
    as_json["report_inputs"] = report_inputs(report)
    total = as_json.get("total")
    return Scored(
        total=Decimal(str(total)) if total is not None else None,
        grade=str(as_json.get("grade") or ""),
        card=as_json,
    )


_QUOTE_LIMIT = 80


def report_inputs(report: Report) -> dict[str, dict[str, str]]:
    """What the report states of each 基础数据 input: its value (万元, a count or percent),
    the amount as printed when not in 万元, and the quote it was read from."""
    try:
        stated = inputs_from_report(report).basic.stated()
    except Exception:  # a hint beside a field is never worth a failed save
        _log.exception("reading the stated inputs of %s failed", report.source)
        return {}
    out: dict[str, dict[str, str]] = {}
    for key, value in stated.items():
        quote = value.evidence.quote if value.evidence is not None else ""
        out[key] = {
            "value": canonical(value.value),
            "shown": value.shown,
            "source": value.source,
            "quote": quote[:_QUOTE_LIMIT],
        }
    return out


@dataclass(frozen=True, slots=True)
class JudgementItem:
    """A qualitative indicator of a framework that an evaluator's judgement scores."""

    id: str
    title: str  # the level-3 name
    group: str  # "过程 › 预算管理"
    method: str  # checklist | violations | qualitative_band
    weight: Decimal
    points: tuple[str, ...] = ()  # checklist: the 评价要点
    bands: tuple[tuple[str, Decimal, Decimal], ...] = ()  # qualitative_band: level, low, high


@dataclass(frozen=True, slots=True)
class FrameworkNeeds:
    """What a framework scores from: the 基础数据 keys and the judgements it asks for."""

    name: str
    title: str
    kind: str
    inputs: frozenset[str]
    judgements: tuple[JudgementItem, ...]


# A project framework scores 预算执行 from these; its indicators come from the report.
_PROJECT_INPUTS = frozenset({"budget", "budget_completed", "execution_rate"})


def framework_needs(name: str | None, *, kind: str = "overall") -> FrameworkNeeds | None:
    """The needs of a bundled framework by name (the kind's default for another name);
    None when the frameworks cannot be read."""
    try:
        known = {f.name: f for f in frameworks.bundled()}
        chosen = known.get(name or "") or frameworks.default_for(kind)
    except JixiaoError:
        _log.exception("the bundled scoring frameworks cannot be read")
        return None
    if chosen.kind == "project":
        return FrameworkNeeds(chosen.name, chosen.title, chosen.kind, _PROJECT_INPUTS, ())
    inputs = frozenset(key for spec in chosen.indicators for key in spec.inputs)
    judgements = []
    for spec in chosen.indicators:
        rule = spec.rule
        if rule.needs is not Needs.JUDGEMENT or spec.weight <= 0:
            continue
        group = " › ".join(p for p in (spec.level1, spec.level2) if p)
        item = JudgementItem(spec.id, spec.level3, group, rule.method, spec.weight)
        if isinstance(rule, Checklist):
            item = replace(item, points=rule.items)
        elif isinstance(rule, QualitativeBand):
            bands = tuple(
                (b.level.value, spec.weight * b.low / 100, spec.weight * b.high / 100)
                for b in rule.bands
            )
            item = replace(item, bands=bands)
        elif not isinstance(rule, Violations):
            continue  # a judged method this page does not know how to ask for
        judgements.append(item)
    return FrameworkNeeds(chosen.name, chosen.title, chosen.kind, inputs, tuple(judgements))


_PAGE_LOCK = threading.Lock()


@functools.cache
def _typst() -> typst.Compiler:
    return typst.Compiler(font_paths=[str(font_directory())], ignore_system_fonts=True)


def typst_pdf(source: str) -> bytes:
    """A Typst source compiled to PDF with the fonts the core's PDF embeds (Noto SC)."""
    with _PAGE_LOCK:  # one compiler, not meant for two threads at once
        result = _typst().compile(source.encode("utf-8"), format="pdf", timestamp=0)
    assert isinstance(result, bytes)
    return result


SANS_FAMILY = fonts.SANS_FAMILY


def render(report: Report, *, to: str) -> bytes | None:
    """The report written as ``to`` (docx, pdf, xlsx); None for another format or a failure."""
    if to not in RENDER_FORMATS:
        return None
    try:
        return services.report_render(report=report, to=to)
    except Exception:  # a writer's failure is a message on the page, not a server error
        _log.exception("rendering %s as %s failed", report.source, to)
        return None
