"""The scorecard: every point given or taken, with the formula, the numbers and a sentence.

Scores are exact Decimals; they are rounded only for display (``display``): half up to two
decimals, trailing zeros dropped. The total is the sum of the unrounded scores; the grade is
the band of the total as displayed, so a reader never sees 90 beside 良.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from jixiao.domain.evidence import Evidence
from jixiao.domain.money import canonical

ROUNDING_RULE = (
    "计算值和得分在计算中保持精确的十进制数值，只在显示时四舍五入保留两位小数（去掉末尾的0）；"
    "总分是各项未舍入得分之和，显示规则相同；等级按显示的总分判定"
)
_CENT = Decimal("0.01")


def display(value: Decimal) -> str:
    """Half up to two decimals, no trailing zeros, "−" never shown as "-0"."""
    return canonical(value.quantize(_CENT, rounding=ROUND_HALF_UP))


def rounded(value: Decimal) -> Decimal:
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


class LineStatus(Enum):
    SCORED = "scored"  # computed from the inputs
    MISSING = "missing"  # an input is missing: listed, never guessed
    INCOMPUTABLE = "incomputable"  # inputs present but the formula has no value (÷ 0)
    NOT_APPLICABLE = "not_applicable"  # dropped, the rest rescaled to the full points
    REFERENCE = "reference"  # weight 0 in this framework: shown, never counted
    UNWEIGHTED = "unweighted"  # listed by the unit without points: not counted, warned


@dataclass(frozen=True, slots=True)
class MissingInput:
    """An input one indicator needs and nobody stated."""

    indicator: str  # indicator id
    key: str  # input key (basic data key, "judgement:<id>", "indicator.actual" …)
    label: str  # what to supply, in Chinese


@dataclass(frozen=True, slots=True)
class NeededInput:
    """One input to supply, once, with every indicator that waits for it."""

    key: str
    label: str
    indicators: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ScoreWarning:
    """Something a reviewer should look at; ``code`` is stable and kebab-case."""

    code: str
    message: str
    indicator: str | None = None
    stated: Decimal | None = None
    computed: Decimal | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class ScoreLine:
    """One indicator: what was computed, the points, and why."""

    id: str
    level1: str
    level2: str
    level3: str
    weight: Decimal
    status: LineStatus
    explanation: str  # the Chinese sentence with the formula and the numbers
    value: Decimal | None = None  # the computed indicator value
    value_unit: str = "%"
    score: Decimal | None = None  # exact
    stated_score: Decimal | None = None  # the unit's own score, when it gave one
    missing: tuple[MissingInput, ...] = ()
    target: str | None = None  # project indicators: as printed
    actual: str | None = None
    unit: str | None = None

    @property
    def counted(self) -> bool:
        """Whether this line's weight is part of the points the total is out of."""
        return self.status in (LineStatus.SCORED, LineStatus.MISSING, LineStatus.INCOMPUTABLE)


@dataclass(frozen=True, slots=True)
class FrameworkRef:
    name: str
    title: str
    kind: str  # "overall" | "project"
    basis: str
    region: str


@dataclass(frozen=True, slots=True)
class Scorecard:
    source: str
    framework: FrameworkRef
    unit_name: str | None
    year: int | None
    lines: tuple[ScoreLine, ...]
    full_points: Decimal  # what the framework's total is out of (100)
    scored: Decimal  # the sum of the scores computed so far (exact)
    counted_weight: Decimal  # the weights the total is out of before rescaling
    total: Decimal | None  # exact, rescaled to full_points; None while inputs are missing
    grade: str | None
    self_score: Decimal | None = None
    self_grade: str | None = None
    missing: tuple[MissingInput, ...] = ()
    warnings: tuple[ScoreWarning, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return self.total is not None

    @property
    def rescaled(self) -> bool:
        return self.counted_weight != self.full_points

    def line(self, indicator: str) -> ScoreLine:
        """The line of one indicator id; KeyError when there is none."""
        for line in self.lines:
            if line.id == indicator:
                return line
        raise KeyError(indicator)

    def needed(self) -> tuple[NeededInput, ...]:
        """Each missing input once, in the order the indicators need them."""
        order: dict[tuple[str, str], list[str]] = {}
        for item in self.missing:
            order.setdefault((item.key, item.label), []).append(item.indicator)
        return tuple(NeededInput(k, label, tuple(ids)) for (k, label), ids in order.items())

    def warning_codes(self) -> tuple[str, ...]:
        return tuple(w.code for w in self.warnings)
