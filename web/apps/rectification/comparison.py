"""Year-on-year and peer comparison of units' figures and indicators, with outliers flagged
by jixiao.targets.comparison (limits from results.toml).

Figures are the report columns the campaign view already reads (one row per unit and year);
indicators are the actuals of accepted self-evaluations, matched across years by name.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from apps.accounts.policy import units_q
from apps.rectification.selectors import DELIVERED
from apps.submissions.models import Submission
from apps.submissions.reportdata import decimal_or_none
from apps.targets.models import EvaluationRow
from apps.units.models import Unit
from jixiao.scoring.targets import number_and_unit
from jixiao.targets.comparison import Deviation, load_rules, peer_deviations, year_change

FIGURES: tuple[tuple[str, str], ...] = (
    ("total", "支出合计（万元）"),
    ("basic", "基本支出（万元）"),
    ("project", "项目支出（万元）"),
    ("three_public", "“三公”经费（万元）"),
    ("execution_rate", "预算执行率（%）"),
    ("score", "核算得分"),
    ("self_score", "自评得分"),
)


@dataclass(frozen=True, slots=True)
class Cell:
    value: Decimal | None
    deviation: Deviation | None = None

    @property
    def flagged(self) -> bool:
        return self.deviation is not None and self.deviation.flagged


@dataclass(frozen=True, slots=True)
class Line:
    label: str
    cells: tuple[Cell, ...]

    @property
    def flagged(self) -> bool:
        return any(cell.flagged for cell in self.cells)


def _reports_by_year(
    unit_ids: list[int], years: list[int] | None = None
) -> dict[tuple[int, int], Submission]:
    rows = (
        Submission.objects.filter(unit_id__in=unit_ids, state__in=DELIVERED)
        .select_related("campaign")
        .defer("data", "findings", "scorecard")
        .order_by("campaign_id")
    )
    if years is not None:
        rows = rows.filter(campaign__year__in=years)
    return {(s.unit_id, s.campaign.year): s for s in rows}  # the latest campaign of a year wins


def _series(values: list[Decimal | None]) -> tuple[Cell, ...]:
    limits = load_rules().limits
    cells = []
    previous: Decimal | None = None
    for value in values:
        deviation = year_change(value, previous, limits) if value is not None else None
        cells.append(Cell(value, deviation))
        previous = value
    return tuple(cells)


def unit_years(*, unit: Unit) -> tuple[list[int], list[Line], list[Line]]:
    """The unit's years, its figures by year and its indicators' actuals by year."""
    reports = _reports_by_year([unit.pk])
    actuals: dict[str, dict[int, Decimal]] = defaultdict(dict)
    rows = EvaluationRow.objects.filter(
        evaluation__unit=unit, evaluation__state="accepted"
    ).select_related("indicator", "evaluation")
    for row in rows:
        number, _ = number_and_unit(row.actual)
        if number is not None:
            actuals[row.indicator.level3][row.evaluation.year] = number
    years = sorted({year for _, year in reports} | {y for v in actuals.values() for y in v})
    figures = [
        Line(label, _series([_figure(reports.get((unit.pk, y)), key) for y in years]))
        for key, label in FIGURES
    ]
    indicators = [
        Line(name, _series([by_year.get(y) for y in years]))
        for name, by_year in sorted(actuals.items())
    ]
    return years, figures, indicators


def _figure(report: Submission | None, key: str) -> Decimal | None:
    return None if report is None else decimal_or_none(getattr(report, key))


@dataclass(frozen=True, slots=True)
class PeerRow:
    unit: Unit
    cells: tuple[Cell, ...]

    @property
    def flagged(self) -> bool:
        return any(cell.flagged for cell in self.cells)


def peers(*, user: Any, year: int, kind: str) -> list[PeerRow]:
    """Units of one kind the user may see, each figure against the kind's median that year."""
    units = list(Unit.objects.filter(units_q(user), kind=kind).order_by("code"))
    reports = _reports_by_year([u.pk for u in units], [year])
    limits = load_rules().limits
    columns = []
    for key, _ in FIGURES:
        values = {u.pk: _figure(reports.get((u.pk, year)), key) for u in units}
        columns.append((values, peer_deviations(values, limits)))
    return [
        PeerRow(u, tuple(Cell(values[u.pk], found.get(u.pk)) for values, found in columns))
        for u in units
        if (u.pk, year) in reports
    ]


def unit_against_peers(*, unit: Unit, year: int) -> list[tuple[str, Cell]]:
    """The unit's figures against all units of its kind (only the median is shown)."""
    units = list(Unit.objects.filter(kind=unit.kind, active=True).values_list("pk", flat=True))
    reports = _reports_by_year(units, [year])
    limits = load_rules().limits
    found = []
    for key, label in FIGURES:
        values = {pk: _figure(reports.get((pk, year)), key) for pk in units}
        deviation = peer_deviations(values, limits).get(unit.pk)
        found.append((label, Cell(values.get(unit.pk), deviation)))
    return found
