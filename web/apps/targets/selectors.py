"""Reads on target tables and self-evaluations, always through what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from apps.accounts.models import Role
from apps.accounts.policy import as_member, units_q
from apps.submissions.models import State
from apps.targets.models import (
    EvaluationEvent,
    TargetEvaluation,
    TargetEvent,
    TargetIndicator,
    TargetTable,
)


def tables_visible(*, user: Any) -> QuerySet[TargetTable]:
    return TargetTable.objects.filter(units_q(user, prefix="unit__"))


def table_list(
    *, user: Any, year: int | None = None, state: str = "", unit_id: int | None = None
) -> QuerySet[TargetTable]:
    rows = tables_visible(user=user).select_related("unit", "unit__region", "evaluation")
    if year is not None:
        rows = rows.filter(year=year)
    if state:
        rows = rows.filter(state=state)
    if unit_id is not None:
        rows = rows.filter(unit_id=unit_id)
    return rows.order_by("-year", "unit__code", "kind", "title")


def table_years(*, user: Any) -> list[int]:
    years = tables_visible(user=user).values_list("year", flat=True).distinct()
    return sorted(set(years), reverse=True)


def table_get(*, user: Any, pk: int) -> TargetTable:
    """The table, or 404 when it does not exist or the user may not see it."""
    found = (
        tables_visible(user=user)
        .select_related("unit", "unit__region", "current_version", "approved_version")
        .prefetch_related(
            "budget_lines",
            Prefetch("indicators", queryset=TargetIndicator.objects.select_related("budget_line")),
        )
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404("没有找到这份绩效目标表")
    return found


def table_events(*, table: TargetTable) -> QuerySet[TargetEvent]:
    return table.events.select_related("actor", "version").order_by("at", "id")


def last_return(*, events: QuerySet[TargetEvent] | QuerySet[EvaluationEvent]) -> str:
    """The comment of the last return or send-back, to show while the unit revises."""
    found = events.filter(action__in=("return", "send_back")).order_by("-at", "-id").first()
    return found.comment if found else ""


def approved_tables(*, unit_id: int, year: int) -> QuerySet[TargetTable]:
    """A unit's approved tables of a year, with their lines and indicators."""
    return (
        TargetTable.objects.filter(unit_id=unit_id, year=year, state=State.ACCEPTED)
        .select_related("approved_version")
        .prefetch_related("budget_lines", "indicators")
        .order_by("kind", "title")
    )


def evaluation_get(*, user: Any, pk: int) -> TargetEvaluation:
    found = (
        TargetEvaluation.objects.filter(units_q(user, prefix="unit__"))
        .select_related("table", "table__approved_version", "unit", "unit__region")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404("没有找到这份自评表")
    return found


def evaluation_events(*, evaluation: TargetEvaluation) -> QuerySet[EvaluationEvent]:
    return evaluation.events.select_related("actor", "version").order_by("at", "id")


_WAITING: dict[str, tuple[State, ...]] = {
    Role.PREPARER: (State.DRAFT, State.RETURNED),
    Role.HEAD: (State.SUBMITTED,),
    Role.REVIEWER: (State.UNDER_REVIEW, State.RESUBMITTED),
    Role.ADMIN: (State.UNDER_REVIEW, State.RESUBMITTED),
}


def tables_waiting(*, user: Any) -> QuerySet[TargetTable]:
    """The target tables waiting for this user's step."""
    member = as_member(user)
    if member is None:
        return TargetTable.objects.none()
    return table_list(user=user).filter(state__in=_WAITING.get(member.role, ()))


def evaluations_waiting(*, user: Any) -> QuerySet[TargetEvaluation]:
    member = as_member(user)
    if member is None:
        return TargetEvaluation.objects.none()
    return (
        TargetEvaluation.objects.filter(
            units_q(user, prefix="unit__"), state__in=_WAITING.get(member.role, ())
        )
        .select_related("table", "unit")
        .order_by("-year", "unit__code")
    )


def evaluation_list(*, user: Any, year: int | None = None) -> QuerySet[TargetEvaluation]:
    rows = TargetEvaluation.objects.filter(units_q(user, prefix="unit__")).select_related(
        "table", "unit"
    )
    if year is not None:
        rows = rows.filter(year=year)
    return rows.order_by("-year", "unit__code")


def graded(*, year: int, grades: tuple[str, ...], unit_filter: Q) -> QuerySet[TargetEvaluation]:
    """Accepted self-evaluations of a year with one of these grades, among the given units."""
    return (
        TargetEvaluation.objects.filter(unit_filter, year=year, state=State.ACCEPTED)
        .filter(grade__in=grades)
        .select_related("table", "unit")
    )
