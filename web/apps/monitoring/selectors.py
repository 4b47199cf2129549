"""Reads on monitoring: checkpoints, a unit's record, the bureau's lights at a glance, and the
latest progress a self-evaluation starts from."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from apps.accounts.policy import units_q
from apps.monitoring.models import Checkpoint, IndicatorProgress, MonitoringRecord
from apps.submissions.models import State
from apps.targets.models import TargetTable
from apps.units.models import Unit


def checkpoint_list(*, year: int | None = None) -> QuerySet[Checkpoint]:
    rows = Checkpoint.objects.all()
    return rows.filter(year=year) if year is not None else rows


def checkpoint_get(*, pk: int) -> Checkpoint:
    found = Checkpoint.objects.filter(pk=pk).first()
    if found is None:
        raise Http404("没有找到这个监控时点")
    return found


def monitored_units(*, user: Any, year: int) -> QuerySet[Unit]:
    """The units this user may see that have an approved target table of the year."""
    approved = TargetTable.objects.filter(unit=OuterRef("pk"), year=year, state=State.ACCEPTED)
    return (
        Unit.objects.filter(units_q(user))
        .filter(Exists(approved))
        .select_related("region")
        .order_by("code")
    )


def unit_get(*, user: Any, pk: int) -> Unit:
    found = Unit.objects.filter(units_q(user)).filter(pk=pk).select_related("region").first()
    if found is None:
        raise Http404("没有找到这个单位")
    return found


def record_for(*, checkpoint: Checkpoint, unit: Unit) -> MonitoringRecord | None:
    return (
        MonitoringRecord.objects.filter(checkpoint=checkpoint, unit=unit)
        .prefetch_related("lines__budget_line__table", "indicators__indicator__table")
        .first()
    )


@dataclass(frozen=True, slots=True)
class OverviewRow:
    unit: Unit
    record: MonitoringRecord | None

    @property
    def light(self) -> str:
        return self.record.light if self.record and self.record.submitted_at else ""

    @property
    def order(self) -> tuple[int, str]:
        rank = {"red": 0, "yellow": 1, "green": 2}.get(self.light, 3)
        return rank, self.unit.code


@dataclass
class Overview:
    rows: list[OverviewRow]
    counts: dict[str, int] = field(default_factory=dict)


def overview(
    *, checkpoint: Checkpoint, user: Any, kind: str = "", region_id: int | None = None
) -> Overview:
    """Every monitored unit with its record (reds first): two queries whatever the count."""
    units = monitored_units(user=user, year=checkpoint.year)
    if kind:
        units = units.filter(kind=kind)
    if region_id is not None:
        units = units.filter(region_id=region_id)
    unit_list = list(units)
    records = {
        r.unit_id: r
        for r in MonitoringRecord.objects.filter(
            checkpoint=checkpoint, unit_id__in=[u.pk for u in unit_list]
        )
    }
    rows = sorted((OverviewRow(u, records.get(u.pk)) for u in unit_list), key=lambda r: r.order)
    counts = {"red": 0, "yellow": 0, "green": 0, "missing": 0}
    for row in rows:
        counts[row.light or "missing"] += 1
    return Overview(rows=rows, counts=counts)


@dataclass
class LatestProgress:
    """What the last reported record of a year said, for the year-end self-evaluation."""

    as_of: datetime.date | None = None
    executed: Decimal | None = None
    rate: Decimal | None = None
    indicators: dict[int, IndicatorProgress] = field(default_factory=dict)


def latest_progress(*, unit_id: int, year: int) -> LatestProgress:
    record = (
        MonitoringRecord.objects.filter(
            unit_id=unit_id, checkpoint__year=year, submitted_at__isnull=False
        )
        .select_related("checkpoint")
        .order_by("-checkpoint__as_of")
        .first()
    )
    if record is None:
        return LatestProgress()
    return LatestProgress(
        as_of=record.checkpoint.as_of,
        executed=record.executed,
        rate=record.execution_rate,
        indicators={p.indicator_id: p for p in record.indicators.all()},
    )
