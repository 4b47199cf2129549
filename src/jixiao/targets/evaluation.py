"""The year-end self-evaluation of a target table, scored against the ORIGINAL targets.

The unit enters its targets once; at year end it adds, row by row, the actual value, the
reason for any gap and (for a qualitative row) its own score inside the band. The targets
themselves are never retyped: each row's 指标值, direction, unit and 分值 come from the approved
table, so the score cannot drift with a target quietly lowered in December.

Scoring is jixiao.scoring's project method (财预〔2020〕10号: 预算执行率, then each indicator by
its category), fed with the table's rows and the year's budget and execution.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.basic_data import BasicData, BasicValue, Level
from jixiao.domain.report import Indicator
from jixiao.domain.scorecard import Scorecard
from jixiao.scoring import engine
from jixiao.scoring.inputs import ScoringInputs
from jixiao.scoring.targets import read
from jixiao.targets.model import TargetTable

DEFAULT_FRAMEWORK = "project-self-2020"


@dataclass(frozen=True, slots=True)
class Actual:
    """What the unit reports for one row at year end (matched to the row by ``key``)."""

    key: str
    value: str  # 实际完成值 as typed: "690", "98%", "已完成"; "不适用" drops the row
    reason: str = ""  # 偏差原因分析及改进措施
    score: Decimal | None = None  # the unit's own score: needed for a qualitative row
    # A qualitative row's band as the unit chose it. Without it the scorer reads the band from
    # the words of ``value``, which "12月底前已完成" defeats (it starts with a number).
    level: Level | None = None

    def scored_value(self, *, qualitative: bool) -> str | None:
        if qualitative and self.level is not None:
            return self.level.value
        return self.value.strip() or None


def indicators_with_actuals(table: TargetTable, actuals: Iterable[Actual]) -> tuple[Indicator, ...]:
    """Each target row with the actual reported for it (none when the unit has not said)."""
    by_key = {a.key: a for a in actuals}
    rows = []
    for row in table.rows:
        actual = by_key.get(row.key)
        rows.append(
            row.as_indicator(
                actual=actual.scored_value(qualitative=not row.quantitative) if actual else None,
                score=actual.score if actual else None,
                deviation_reason=(actual.reason.strip() or None) if actual else None,
            )
        )
    return tuple(rows)


def gaps_without_reason(table: TargetTable, actuals: Iterable[Actual]) -> tuple[str, ...]:
    """The rows whose target was not met and whose reason is blank (the form asks for one)."""
    missing = []
    for row, indicator in zip(table.rows, indicators_with_actuals(table, actuals), strict=True):
        if read(indicator).achieved is False and not indicator.deviation_reason:
            missing.append(row.key)
    return tuple(missing)


def score_against_targets(
    *,
    table: TargetTable,
    actuals: Iterable[Actual],
    budget: Decimal | None,
    executed: Decimal | None,
    unit_name: str,
    year: int,
    source: str,
    framework: str = DEFAULT_FRAMEWORK,
) -> Scorecard:
    """The scorecard of the table's year: execution (executed ÷ budget) and every target row."""
    values: dict[str, BasicValue] = {}
    if budget is not None:
        values["budget"] = BasicValue(budget, "绩效目标表所列预算")
    if executed is not None:
        values["budget_completed"] = BasicValue(executed, "单位填报的全年执行数")
    inputs = ScoringInputs(
        source=source,
        kind="project",
        unit_name=unit_name,
        year=year,
        basic=BasicData.of(values),
        indicators=indicators_with_actuals(table, actuals),
    )
    return engine.score(inputs, framework)
