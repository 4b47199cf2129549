"""What a scoring method works on and gives back: the case, the outcome, the rule protocol.

Shared by the named methods (``value_methods``, ``judged_methods``) and the engines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Protocol

from jixiao.domain.basic_data import Judgement
from jixiao.domain.scorecard import ScoreLine, ScoreWarning
from jixiao.scoring.numbers import number, points


class Better(Enum):
    HIGHER = "higher"  # higher is better (≥)
    LOWER = "lower"  # lower is better (≤)
    EQUAL = "equal"  # the target exactly (=)


class Needs(Enum):
    VALUE = "value"  # the formula's value
    OPERANDS = "operands"  # the formula's inputs themselves
    JUDGEMENT = "judgement"  # an evaluator's judgement
    TARGET = "target"  # a project indicator's target and actual


class ParamError(ValueError):
    """A parameter a method cannot use; ``field`` names it (``params.limit``)."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"params.{name}：{reason}")
        self.field = f"params.{name}"


@dataclass(frozen=True, slots=True)
class Case:
    """What one indicator brings to its method."""

    weight: Decimal
    better: Better = Better.HIGHER
    value: Decimal | None = None  # percent, or a project indicator's actual
    target: Decimal | None = None
    operands: tuple[Decimal, ...] = ()
    labels: tuple[str, ...] = ()  # the operands' labels
    unit: str = "%"  # the unit of value and target
    judgement: Judgement | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    score: Decimal | None  # None: the method needs something nobody stated
    clause: str  # "不高于0，得满分5分"
    missing: tuple[str, ...] = ()  # what to supply, in Chinese
    warnings: tuple[tuple[str, str], ...] = field(default=())  # (code, message)


class Rule(Protocol):
    @property
    def method(self) -> str: ...

    @property
    def needs(self) -> Needs: ...

    def apply(self, case: Case) -> Outcome: ...

    def describe(self, weight: Decimal, better: Better) -> str: ...

    def max_points(self) -> Decimal | None: ...


def full(weight: Decimal) -> str:
    return f"得满分{points(weight)}"


def limit_text(limit: Decimal, unit: str = "%") -> str:
    return number(limit) if limit == 0 else f"{number(limit)}{unit}"


@dataclass
class Scored:
    """What a scorer hands the engine: lines, warnings, notes, and the execution rate used."""

    lines: list[ScoreLine] = field(default_factory=list)
    warnings: list[ScoreWarning] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    execution_rate: Decimal | None = None
    ratio_basis: str = ""  # how the indicator score ratio was taken
    indicator_ratio: Decimal | None = None
