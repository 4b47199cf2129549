"""Named formulas a framework file refers to: how an indicator's value comes from its inputs.

    ratio      [a, b]   a / b × 100%            在职人员控制率 = 在职人数 / 编制数
    change     [a, b]   (a − b) / b × 100%      “三公”经费变动率 = (本年 − 上年) / 上年
    judgement  []       no value: a qualitative indicator, scored from an evaluator's judgement

A value is a percent, exact. A formula that divides by zero has no value (``None``) with the
reason; a change from zero to zero is 0%, not an error.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from jixiao.scoring.numbers import number, percent

_HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Computed:
    value: Decimal | None  # percent; None when it cannot be computed
    text: str  # "(11 − 13) / 13 = −15.38%" or the reason there is no value


@dataclass(frozen=True, slots=True)
class Operand:
    """One input of a formula: its exact value, its label, and how it was stated."""

    value: Decimal
    label: str
    shown: str = ""  # "387664.62元" when stated in another unit than 万元; else the digits

    @property
    def text(self) -> str:
        return self.shown or number(self.value)


@dataclass(frozen=True, slots=True)
class Formula:
    name: str
    arity: int
    compute: Callable[[Sequence[Operand]], Computed]
    describe: Callable[[Sequence[str]], str]  # labels → "在职人数 / 编制数 × 100%"


def _ratio(operands: Sequence[Operand]) -> Computed:
    a, b = operands
    if b.value == 0:
        return Computed(None, f"{b.label}为0，无法计算")
    value = a.value / b.value * _HUNDRED
    return Computed(value, f"{a.text} / {b.text} = {percent(value)}")


def _change(operands: Sequence[Operand]) -> Computed:
    a, b = operands
    if b.value == 0:
        if a.value == 0:
            return Computed(Decimal(0), f"{a.label}与{b.label}均为0，变动率为0%")
        return Computed(None, f"{b.label}为0，变动率无法计算")
    value = (a.value - b.value) / b.value * _HUNDRED
    return Computed(value, f"({a.text} − {b.text}) / {b.text} = {percent(value)}")


def _judgement(operands: Sequence[Operand]) -> Computed:
    return Computed(None, "")


FORMULAS: dict[str, Formula] = {
    "ratio": Formula("ratio", 2, _ratio, lambda ls: f"{ls[0]} / {ls[1]} × 100%"),
    "change": Formula("change", 2, _change, lambda ls: f"({ls[0]} − {ls[1]}) / {ls[1]} × 100%"),
    "judgement": Formula("judgement", 0, _judgement, lambda ls: "定性指标，按评价判断计分"),
}
