"""From a submission's data (and its document) to findings, a score and the figures the
campaign view reads: the one computation every write of the data goes through."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from apps.submissions import amendments, engine, read_cache, slot_checks, storage
from apps.submissions.models import Document, State, Submission
from apps.submissions.reportdata import Data, decimal_or_none, report_with_data
from jixiao.domain.report import Report

JSON = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Evaluated:
    report: Report
    findings: list[JSON]
    scored: engine.Scored | None
    # What the uploaded document states of each report field (apps.submissions.amendments).
    stated: dict[str, JSON] = field(default_factory=dict)


def base_report(document: Document | None) -> Report | None:
    """The report read from the submission's document, None when there is none to read."""
    if document is None:
        return None
    try:
        path = storage.path_of(document.stored_name)
        kept = read_cache.recall(path)
        if kept is not None:
            return kept
        report = engine.read_report(path, source=document.original_name)
    except (engine.ReadError, OSError):
        return None
    read_cache.keep(path, report)
    return report


def evaluate(
    *,
    submission: Submission,
    data: Data,
    document: Document | None,
    base: Report | None = None,
    basic_data: JSON | None = None,
) -> Evaluated:
    """Audit and score ``data``; the score also takes the unit's 基础数据 (``basic_data``, by
    default what the submission keeps), so that a later edit of the figures keeps them."""
    if base is None:
        base = base_report(document)
    report = report_with_data(
        base=base,
        data=data,
        source=document.original_name if document else f"{submission.unit.name}",
        year=submission.campaign.year,
    )
    findings = engine.audit(report)
    year = submission.campaign.year
    if base is not None:
        needs = engine.framework_needs(submission.campaign.framework)
        findings += slot_checks.slot_findings(
            report=base,
            unit_name=submission.unit.name,
            year=year,
            expected_kind=needs.kind if needs else None,
        )
    findings += slot_checks.change_findings(
        report=report, data=data, previous=previous_year_data(submission), year=year
    )
    scored = engine.score(
        report,
        framework=submission.campaign.framework,
        basic_data=submission.basic_data if basic_data is None else basic_data,
    )
    return Evaluated(
        report=report, findings=findings, scored=scored, stated=amendments.stated_of(base)
    )


# The previous year's report the system trusts most: the bureau's word first.
_STATE_RANK = (State.PUBLISHED, State.ACCEPTED, State.RESUBMITTED, State.UNDER_REVIEW)


def previous_year_data(submission: Submission) -> JSON | None:
    """The unit's report data of the campaign year before, None when the system has none.

    Of several (two campaigns of that year), a published or accepted one first; a report
    that reached the bureau is read as submitted (its current version)."""
    rows = list(
        Submission.objects.filter(
            unit_id=submission.unit_id, campaign__year=submission.campaign.year - 1
        )
        .exclude(pk=submission.pk)
        .select_related("current_version")
        .only("state", "data", "current_version__data")
    )
    if not rows:
        return None
    rank = {state: index for index, state in enumerate(_STATE_RANK)}
    best = min(rows, key=lambda s: rank.get(State(s.state), len(rank)))
    if best.current_version is not None and best.state in rank:
        return dict(best.current_version.data)
    return dict(best.data or {})


def with_standard_names(data: Data, report: Report) -> Data:
    """The data with each 功能分类 line's code and standard name as the report matched them."""
    spending = data.get("spending")
    if not isinstance(spending, dict):
        return data
    spending["functional"] = [
        {
            "code": item.code,
            "name": item.name,
            "stated_name": item.stated_name,
            "amount": _amount_as_typed(spending.get("functional"), item.stated_name)
            or format(item.amount.value.wan, "f"),
        }
        for item in report.spending.functional
    ]
    return data


def _amount_as_typed(items: object, stated_name: str) -> str | None:
    if not isinstance(items, list):
        return None
    for item in items:
        if isinstance(item, dict) and item.get("stated_name") == stated_name:
            amount = item.get("amount")
            return None if amount is None else str(amount)
    return None


def _money(data: Data, section: str, name: str) -> Decimal | None:
    part = data.get(section)
    return decimal_or_none(part.get(name)) if isinstance(part, dict) else None


def denormalized(data: Data, evaluated: Evaluated) -> dict[str, Any]:
    """The Submission columns the campaign view reads, from the data and its evaluation."""
    findings = evaluated.findings
    functional: dict[str, str] = {}
    for item in evaluated.report.spending.functional:
        key = item.name or item.stated_name
        previous = Decimal(functional.get(key, "0"))
        functional[key] = format(previous + item.amount.value.wan, "f")
    scored = evaluated.scored
    rate = evaluated.report.budget.execution_rate
    computed_rate = execution_rate_of(data) if rate is None else None
    self_score = evaluated.report.performance.self_score
    return {
        "total": _money(data, "spending", "total"),
        "basic": _money(data, "spending", "basic"),
        "project": _money(data, "spending", "project"),
        "three_public": _money(data, "three_public", "total"),
        "execution_rate": _points(rate.value.percent if rate else computed_rate),
        "self_score": _points(self_score.value.percent if self_score else None),
        "self_grade": str(data.get("grade") or "")[:8],
        "score": _points(scored.total) if scored else None,
        "grade": scored.grade[:8] if scored else "",
        "error_count": sum(1 for f in findings if f["severity"] == "error"),
        "warning_count": sum(1 for f in findings if f["severity"] == "warning"),
        "finding_codes": sorted({f["code"] for f in findings if f["severity"] != "info"}),
        "functional": functional,
    }


def _points(value: Decimal | None) -> Decimal | None:
    """A score or rate as the column stores it (two decimals), None when out of range."""
    if value is None or abs(value) >= Decimal(100000):
        return None
    return value.quantize(Decimal("0.01"))


def execution_rate_of(data: Data) -> Decimal | None:
    """全年执行数 ÷ 全年预算数 × 100, when the report states both but not the rate."""
    adjusted = _money(data, "budget", "adjusted")
    executed = _money(data, "budget", "executed")
    if adjusted is None or executed is None or adjusted <= 0:
        return None
    return executed / adjusted * 100
