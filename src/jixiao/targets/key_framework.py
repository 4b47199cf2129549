"""The indicators a key project is evaluated on: the framework's 决策/过程 indicators, then the
project's own approved targets as its 产出/效益 indicators (财预〔2020〕10号 附件1).

Each target row goes to the category whose words its level-1 (or level-2) name contains; the
category's weight is shared out over its rows in proportion to the points the approved table
gives them (equally when it gives none), to two decimals, the rounding remainder on the last
row so the category adds up exactly. A category with no row, or a row of no category, is
reported rather than guessed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from jixiao.scoring.key_rules import KeyFramework, TargetCategory
from jixiao.scoring.panel import PanelIndicator, TargetFigure
from jixiao.targets.model import TargetRow, TargetTable

_CENT = Decimal("0.01")
COMMON_PREFIX = "c-"
TARGET_PREFIX = "t-"


@dataclass(frozen=True, slots=True)
class KeyIndicator:
    key: str  # "c-<framework id>" or "t-<target row key>"
    level1: str
    level2: str
    level3: str
    weight: Decimal
    standard: str  # how it is scored, in words
    formula: str = ""  # "execution": re-computed from the budget and its execution
    row_key: str = ""  # the target row, for a target indicator
    target: str = ""  # the approved target as shown: "≥1200人次", "11月底前完成"
    quantitative: bool = False

    @property
    def panel(self) -> PanelIndicator:
        return PanelIndicator(self.key, self.level1, self.level2, self.level3, self.weight)


@dataclass(frozen=True, slots=True)
class KeyIndicators:
    indicators: tuple[KeyIndicator, ...]
    problems: tuple[str, ...]  # Chinese: why the list cannot be used as it is

    @property
    def usable(self) -> bool:
        return not self.problems


def target_text(row: TargetRow) -> str:
    if row.quantitative:
        direction = row.direction.value if row.direction else ""
        return f"{direction}{row.value}{row.unit}"
    return row.value


def key_indicators(table: TargetTable, framework: KeyFramework) -> KeyIndicators:
    out = [
        KeyIndicator(
            key=f"{COMMON_PREFIX}{c.id}",
            level1=c.level1,
            level2=c.level2,
            level3=c.level3,
            weight=c.weight,
            standard=c.standard,
            formula=c.formula,
        )
        for c in framework.common
    ]
    problems: list[str] = []
    grouped: dict[str, list[TargetRow]] = {c.id: [] for c in framework.categories}
    for row in table.rows:
        category = _category(row, framework.categories)
        if category is None:
            problems.append(
                f"绩效目标“{row.level3}”的一级指标“{row.level1}”不属于"
                f"{'、'.join(c.level1 for c in framework.categories)}，无法计分"
            )
            continue
        grouped[category.id].append(row)
    for category in framework.categories:
        rows = grouped[category.id]
        if not rows:
            problems.append(
                f"批复的绩效目标中没有{category.level1}指标，{category.level1}的"
                f"{category.weight}分无法分配"
            )
            continue
        for row, weight in zip(rows, _shares(rows, category.weight), strict=True):
            out.append(
                KeyIndicator(
                    key=f"{TARGET_PREFIX}{row.key}",
                    level1=category.level1,
                    level2=row.level2,
                    level3=row.level3,
                    weight=weight,
                    standard=_standard(row),
                    row_key=row.key,
                    target=target_text(row),
                    quantitative=row.quantitative,
                )
            )
    return KeyIndicators(tuple(out), tuple(problems))


def target_figures(table: TargetTable, actuals: Mapping[str, str]) -> tuple[TargetFigure, ...]:
    """Each target row with the actual value the evaluation verified (by row key)."""
    figures = []
    for row in table.rows:
        actual = (actuals.get(row.key) or "").strip() or None
        figures.append(TargetFigure(f"{TARGET_PREFIX}{row.key}", row.as_indicator(actual=actual)))
    return tuple(figures)


def _category(row: TargetRow, categories: tuple[TargetCategory, ...]) -> TargetCategory | None:
    for level in (row.level1, row.level2):
        for category in categories:
            if any(word in level for word in category.match):
                return category
    return None


def _shares(rows: list[TargetRow], weight: Decimal) -> list[Decimal]:
    stated = [row.weight for row in rows]
    if all(w is not None and w > 0 for w in stated):
        total = sum((w for w in stated if w is not None), Decimal(0))
        exact = [weight * (w or Decimal(0)) / total for w in stated]
    else:
        exact = [weight / len(rows)] * len(rows)
    shares = [value.quantize(_CENT, rounding=ROUND_HALF_UP) for value in exact[:-1]]
    shares.append(weight - sum(shares, Decimal(0)))
    return shares


def _standard(row: TargetRow) -> str:
    if row.scoring_rule:
        return row.scoring_rule
    if row.quantitative:
        return "达到指标值得满分；未达到的按 完成值/指标值 的比例计分（“≤”类按 指标值/完成值）"
    return "达成得分值的100%–80%，部分达成80%–60%，未达成60%–0%"
