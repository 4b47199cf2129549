"""A unit's entries at a checkpoint, assessed: each line's and indicator's light, the unit's
execution against time, and where a reason is still owed. Nothing is written here.

Targets are the approved ones: each indicator is read from its table's approved version.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from apps.monitoring.models import Checkpoint
from apps.targets.models import BudgetLine, TargetIndicator, TargetTable
from apps.targets.tables import core_table
from jixiao.targets.model import TargetRow
from jixiao.targets.monitoring import (
    Light,
    Progress,
    execution_progress,
    indicator_progress,
    load_thresholds,
    time_progress,
    worst,
)


@dataclass(frozen=True, slots=True)
class LineEntry:
    budget_line_id: int
    executed: Decimal
    reason: str = ""
    corrective: str = ""


@dataclass(frozen=True, slots=True)
class IndicatorEntry:
    indicator_id: int
    done: str = ""
    expected: str = ""
    likelihood: str = ""
    reason: str = ""
    corrective: str = ""


@dataclass(frozen=True, slots=True)
class LineResult:
    entry: LineEntry
    line: BudgetLine
    progress: Progress | None

    @property
    def light(self) -> Light | None:
        return self.progress.light if self.progress else None


@dataclass(frozen=True, slots=True)
class IndicatorResult:
    entry: IndicatorEntry
    indicator: TargetIndicator
    light: Light | None
    completion: Decimal | None


@dataclass
class Assessment:
    time: Decimal
    budget: Decimal
    executed: Decimal
    execution: Progress | None
    lines: list[LineResult] = field(default_factory=list)
    indicators: list[IndicatorResult] = field(default_factory=list)
    reason: str = ""
    corrective: str = ""

    @property
    def indicator_light(self) -> Light | None:
        return worst(*(r.light for r in self.indicators))

    @property
    def light(self) -> Light | None:
        return worst(self.execution.light if self.execution else None, self.indicator_light)

    def count(self, light: Light) -> int:
        found = [r.light for r in self.lines] + [r.light for r in self.indicators]
        return sum(1 for item in found if item is light)

    def missing_reasons(self) -> list[tuple[str, int]]:
        """("line", id) or ("indicator", id): red without its reason and corrective step.

        The unit's overall execution is the lines' weighted average, so it is red only when
        some line is red: the reasons are asked where the money is, line by line."""

        def owed(light: Light | None, reason: str, corrective: str) -> bool:
            return light is Light.RED and not (reason.strip() and corrective.strip())

        missing = [
            ("line", r.line.pk)
            for r in self.lines
            if owed(r.light, r.entry.reason, r.entry.corrective)
        ]
        missing.extend(
            ("indicator", r.indicator.pk)
            for r in self.indicators
            if owed(r.light, r.entry.reason, r.entry.corrective)
        )
        return missing


def _approved_rows(tables: list[TargetTable]) -> dict[int, TargetRow]:
    rows: dict[int, TargetRow] = {}
    for table in tables:
        version = table.approved_version
        if version is None:
            continue
        for row in core_table(version.data).rows:
            rows[int(row.key)] = row
    return rows


def assess(
    *,
    checkpoint: Checkpoint,
    tables: list[TargetTable],
    lines: list[LineEntry],
    indicators: list[IndicatorEntry],
    reason: str = "",
    corrective: str = "",
) -> Assessment:
    """The lights of these entries at this checkpoint (entries for unknown rows are ignored)."""
    limits = load_thresholds()
    time = time_progress(checkpoint.as_of, basis=limits.basis)
    known_lines = {line.pk: line for table in tables for line in table.budget_lines.all()}
    known_rows = {row.pk: row for table in tables for row in table.indicators.all()}
    approved = _approved_rows(tables)
    result = Assessment(time=time, budget=Decimal(0), executed=Decimal(0), execution=None)
    result.reason, result.corrective = reason, corrective
    for entry in lines:
        line = known_lines.get(entry.budget_line_id)
        if line is None:
            continue
        progress = execution_progress(
            executed=entry.executed, budget=line.amount, time=time, thresholds=limits
        )
        result.lines.append(LineResult(entry, line, progress))
        result.budget += line.amount
        result.executed += entry.executed
    result.execution = execution_progress(
        executed=result.executed, budget=result.budget, time=time, thresholds=limits
    )
    for given in indicators:
        indicator = known_rows.get(given.indicator_id)
        row = approved.get(given.indicator_id)
        if indicator is None or row is None:
            continue
        reading = indicator_progress(
            row, done=given.done, likelihood=given.likelihood, time=time, thresholds=limits
        )
        result.indicators.append(
            IndicatorResult(given, indicator, reading.light, reading.completion)
        )
    return result
