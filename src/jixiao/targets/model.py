"""A target table (绩效目标表) as typed values: the year's goal and its indicator rows.

A unit sets its targets with the budget: one overall table (整体绩效目标表) and one table per
key project (项目绩效目标表). Each row names its indicator on three levels, says whether it is
quantitative (定量: ≥ ≤ = with a number and a unit) or qualitative (定性: words), and carries
the explanation and the scoring rule the evaluator will apply at year end.

Rows are built from plain mappings (the web forms' JSON, a data file) by ``table_from_mapping``,
which never refuses a row: a badly set target is the linter's business, not a parse error.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum

from jixiao.domain.report import Direction, Indicator


class TableKind(Enum):
    OVERALL = "overall"  # 部门（单位）整体绩效目标表
    PROJECT = "project"  # 项目支出绩效目标表

    @property
    def label(self) -> str:
        return "整体绩效目标表" if self is TableKind.OVERALL else "项目绩效目标表"


class ValueType(Enum):
    QUANTITATIVE = "定量"
    QUALITATIVE = "定性"


@dataclass(frozen=True, slots=True)
class TargetRow:
    """One indicator of a target table, as the unit set it."""

    level1: str  # 一级指标: 产出指标, 效益指标, 满意度指标
    level2: str  # 二级指标: 数量指标, 质量指标, 社会效益指标 …
    level3: str  # 三级指标: the indicator's own name
    value_type: ValueType
    direction: Direction | None  # ≥ ≤ =; None for a qualitative row
    value: str  # 指标值 as typed: "735", "95", "12月底前", "有效保障"
    unit: str = ""  # 计量单位: 人次, %, 万元
    explanation: str = ""  # 指标解释
    scoring_rule: str = ""  # 评（扣）分标准
    weight: Decimal | None = None  # 分值, when the table sets one
    key: str = ""  # a stable id of the row (the web's row id), carried into the scorecard

    @property
    def quantitative(self) -> bool:
        return self.value_type is ValueType.QUANTITATIVE

    def as_indicator(
        self,
        *,
        actual: str | None = None,
        score: Decimal | None = None,
        deviation_reason: str | None = None,
    ) -> Indicator:
        """The row as the scorer reads a self-evaluation row: the ORIGINAL target, the actual."""
        direction = self.direction if self.quantitative else Direction.QUALITATIVE
        return Indicator(
            level1=self.level1,
            level2=self.level2,
            level3=self.level3,
            direction=direction,
            target=self.value or None,
            actual=actual,
            unit=self.unit or None,
            weight=self.weight,
            score=score,
            deviation_reason=deviation_reason,
        )


@dataclass(frozen=True, slots=True)
class TargetTable:
    kind: TableKind
    goal: str  # 年度总体目标
    rows: tuple[TargetRow, ...]
    title: str = ""  # the project's name for a project table


_DIRECTIONS = {"≥": "≥", ">=": "≥", "≧": "≥", "≤": "≤", "<=": "≤", "≦": "≤", "=": "=", "＝": "="}


def direction_of(text: object) -> Direction | None:
    """≥ ≤ = from a cell (also >=, <=, full-width forms), None when blank or unknown."""
    cleaned = unicodedata.normalize("NFKC", str(text or "")).strip()
    found = _DIRECTIONS.get(cleaned)
    return Direction(found) if found else None


def value_type_of(text: object, direction: Direction | None) -> ValueType:
    """定量 or 定性 as stated; a row that states neither is quantitative when it has ≥ ≤ =."""
    cleaned = str(text or "").strip()
    if cleaned in (ValueType.QUALITATIVE.value, "qualitative"):
        return ValueType.QUALITATIVE
    if cleaned in (ValueType.QUANTITATIVE.value, "quantitative"):
        return ValueType.QUANTITATIVE
    return ValueType.QUANTITATIVE if direction is not None else ValueType.QUALITATIVE


def _text(row: Mapping[str, object], name: str) -> str:
    value = row.get(name)
    return "" if value is None else str(value).strip()


def _weight(value: object) -> Decimal | None:
    if value is None or str(value).strip() == "":
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def row_from_mapping(row: Mapping[str, object]) -> TargetRow:
    """A row from a mapping with the keys of ``TargetRow`` (value_type 定量/定性)."""
    direction = direction_of(row.get("direction"))
    value_type = value_type_of(row.get("value_type"), direction)
    return TargetRow(
        level1=_text(row, "level1"),
        level2=_text(row, "level2"),
        level3=_text(row, "level3"),
        value_type=value_type,
        direction=direction if value_type is ValueType.QUANTITATIVE else None,
        value=_text(row, "value"),
        unit=_text(row, "unit"),
        explanation=_text(row, "explanation"),
        scoring_rule=_text(row, "scoring_rule"),
        weight=_weight(row.get("weight")),
        key=_text(row, "key"),
    )


def table_from_mapping(
    *, kind: str, goal: str, rows: Sequence[Mapping[str, object]], title: str = ""
) -> TargetTable:
    """A table from plain data; rows without any indicator name are left out (blank lines)."""
    built = [row_from_mapping(row) for row in rows]
    return TargetTable(
        kind=TableKind(kind),
        goal=goal.strip(),
        rows=tuple(r for r in built if r.level1 or r.level2 or r.level3),
        title=title.strip(),
    )


def row_as_mapping(row: TargetRow) -> dict[str, str]:
    """The JSON a row is kept as (the inverse of ``row_from_mapping``)."""
    return {
        "key": row.key,
        "level1": row.level1,
        "level2": row.level2,
        "level3": row.level3,
        "value_type": row.value_type.value,
        "direction": row.direction.value if row.direction else "",
        "value": row.value,
        "unit": row.unit,
        "explanation": row.explanation,
        "scoring_rule": row.scoring_rule,
        "weight": "" if row.weight is None else format(row.weight, "f"),
    }
