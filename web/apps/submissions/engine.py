"""The one module of the web application that calls jixiao's core.

Reading and auditing come from ``jixiao.services``. Scoring and rendering are looked up when
called: ``jixiao.services.report_score`` / ``report_render`` when the services offer them, else
the public functions ``jixiao.scoring.engine.score`` and ``jixiao.render.render``; while neither
exists the application says "即将提供" instead of failing. Only ``_score_function`` and
``_render_function`` know those names.
"""

from __future__ import annotations

import dataclasses
import enum
import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from jixiao.audit.engine import run as run_audit
from jixiao.contract import audit_json
from jixiao.domain.errors import JixiaoError
from jixiao.domain.report import Report

_log = logging.getLogger(__name__)

JSON = dict[str, Any]
# Findings about the document's layout, meaningless for a report typed into the forms.
_DOCUMENT_ONLY_CODES = frozenset({"required-section-missing"})

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


class ReadError(Exception):
    """The document cannot be read; ``str()`` is the core's Chinese message."""


def read_report(path: Path, *, source: str) -> Report:
    """The report a stored file states, or ReadError with what to do."""
    services = importlib.import_module("jixiao.services")
    try:
        report: Report = services.report_read(path=path, source=source)
    except JixiaoError as error:
        raise ReadError(str(error)) from error
    return report


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


def _score_function() -> Callable[..., Any] | None:
    """``report_score(report=, framework=)`` from the services, else the scoring engine."""
    services = importlib.import_module("jixiao.services")
    found = getattr(services, "report_score", None)
    if callable(found):
        return found
    try:
        scoring = importlib.import_module("jixiao.scoring.engine")
    except ImportError:
        return None
    engine_score = getattr(scoring, "score", None)
    if not callable(engine_score):
        return None

    def by_engine(*, report: Report, framework: str | None) -> Any:
        return engine_score(report, framework)

    return by_engine


def scoring_available() -> bool:
    return _score_function() is not None


def framework_choices() -> list[tuple[str, str]]:
    """(name, title) of every bundled scoring framework; empty while scoring is absent."""
    try:
        frameworks = importlib.import_module("jixiao.scoring.frameworks")
        return [(f.name, f.title) for f in frameworks.bundled()]
    except (ImportError, AttributeError, JixiaoError):
        return []


def score(report: Report, *, framework: str) -> Scored | None:
    """The scorecard by the campaign's framework, or None while scoring is not available.

    Only a bundled framework's name is passed on (never a path typed into a form); any other
    value scores by the default framework for the report's kind.
    """
    function = _score_function()
    if function is None:
        return None
    known = {name for name, _ in framework_choices()}
    try:
        card = function(report=report, framework=framework if framework in known else None)
    except JixiaoError as error:
        return Scored(total=None, grade="", card={"error": str(error)})
    except Exception:  # scoring must never cost the user the save of their data
        _log.exception("scoring failed on %s", report.source)
        return Scored(total=None, grade="", card={"error": "评分时发生内部错误，请联系管理员"})
    as_json = _scorecard_json(card)
    total = as_json.get("total", as_json.get("score"))
    return Scored(
        total=Decimal(str(total)) if total is not None else None,
        grade=str(as_json.get("grade") or ""),
        card=as_json,
    )


def _scorecard_json(card: Any) -> JSON:
    for module_name in ("jixiao.contract", "jixiao.scoring.output"):
        try:
            converter = getattr(importlib.import_module(module_name), "scorecard_json", None)
        except ImportError:
            converter = None
        if callable(converter):
            converted: JSON = converter(card)
            return converted
    plain = to_plain(card)
    return plain if isinstance(plain, dict) else {"value": plain}


def to_plain(value: Any) -> Any:
    """Dataclasses, enums and decimals as JSON values (decimals as strings, never floats)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    return value


def _render_function() -> Callable[..., Any] | None:
    """``report_render(report=, to=)`` from the services, else ``jixiao.render.render``."""
    services = importlib.import_module("jixiao.services")
    found = getattr(services, "report_render", None)
    if callable(found):
        return found
    try:
        module = importlib.import_module("jixiao.render")
    except ImportError:
        return None
    render_bytes = getattr(module, "render", None)
    if not callable(render_bytes):
        return None

    def by_module(*, report: Report, to: str) -> Any:
        return render_bytes(report, to)

    return by_module


def render_available() -> bool:
    return _render_function() is not None


def render(report: Report, *, to: str) -> bytes | None:
    """The report written as ``to`` (docx, pdf, xlsx), or None while rendering is absent."""
    function = _render_function()
    if function is None or to not in RENDER_FORMATS:
        return None
    try:
        output = function(report=report, to=to)
    except Exception:  # a writer's failure is a message on the page, not a server error
        _log.exception("rendering %s as %s failed", report.source, to)
        return None
    if isinstance(output, bytes):
        return output
    if isinstance(output, Path):
        return output.read_bytes()
    _log.warning("report_render returned %s, not bytes", type(output).__name__)
    return None
