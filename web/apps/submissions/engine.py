"""The one module of the web application that calls jixiao's core.

Reading, auditing, scoring and rendering all come from ``jixiao.services`` (and the scoring
frameworks' list from ``jixiao.scoring.frameworks``); nothing else in ``apps`` imports the core's
engines directly.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from jixiao import services
from jixiao.audit.engine import run as run_audit
from jixiao.contract import audit_json
from jixiao.domain.errors import JixiaoError
from jixiao.domain.report import Report
from jixiao.scoring import frameworks
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


class ReadError(Exception):
    """The document cannot be read; ``str()`` is the core's Chinese message."""


def read_report(path: Path, *, source: str) -> Report:
    """The report a stored file states, or ReadError with what to do."""
    try:
        return services.report_read(path=path, source=source)
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


def score(report: Report, *, framework: str) -> Scored:
    """The scorecard by the campaign's framework (an error card when scoring fails).

    Only a bundled framework's name is passed on (never a path typed into a form); any other
    value scores by the default framework for the report's kind.
    """
    known = {name for name, _ in framework_choices()}
    try:
        card = services.report_score(
            report=report, framework=framework if framework in known else None
        )
    except JixiaoError as error:
        return Scored(total=None, grade="", card={"error": str(error)})
    except Exception:  # scoring must never cost the user the save of their data
        _log.exception("scoring failed on %s", report.source)
        return Scored(total=None, grade="", card={"error": "评分时发生内部错误，请联系管理员"})
    as_json = scorecard_json(card)
    total = as_json.get("total")
    return Scored(
        total=Decimal(str(total)) if total is not None else None,
        grade=str(as_json.get("grade") or ""),
        card=as_json,
    )


def render(report: Report, *, to: str) -> bytes | None:
    """The report written as ``to`` (docx, pdf, xlsx); None for another format or a failure."""
    if to not in RENDER_FORMATS:
        return None
    try:
        return services.report_render(report=report, to=to)
    except Exception:  # a writer's failure is a message on the page, not a server error
        _log.exception("rendering %s as %s failed", report.source, to)
        return None
