"""A funds total row printed as zeros, kept to be checked against the 其中 rows under it.

"年度资金总额 0 0 0 10 0 0" above "其中:本年财政拨款 50 48.5 48.5": tables.py reads the one 其中 row
with money as the project's budget, and keeps the zero row and the 其中 rows here, so that the
form's own contradiction (a total of 0 over parts that have money) reaches the audit as a
breakdown (whole-equals-stated-parts).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.domain.money import Money, MoneyUnit
from jixiao.intake.cells import Cell
from jixiao.intake.headers import Column
from jixiao.intake.quantities import Quantity


@dataclass(frozen=True)
class StatedCell:
    """One amount of a funds row, with its row's label and the span from label to value."""

    label: str
    money: Money
    start: int
    end: int


@dataclass
class ZeroTotal:
    """A funds total row printed as zeros and the 其中 rows under it that have money: the
    form's own total contradicts its parts (checked as a breakdown)."""

    total: StatedCell
    parts: list[StatedCell] = field(default_factory=list)


def stated_cell(
    label: Cell,
    assigned: list[tuple[Column, tuple[Cell, Quantity | None]]],
    kind: str,
    unit: MoneyUnit,
) -> StatedCell | None:
    for column, (cell, quantity) in assigned:
        if column.kind != kind or quantity is None or quantity.kind == "rate":
            continue
        money = (
            quantity.money() if quantity.kind == "amount" else Money.parse(quantity.digits, unit)
        )
        if money is None:
            return None
        start, end = min(label.start, cell.start), max(label.end, cell.end)
        return StatedCell(label.text.rstrip(":："), money, start, end)
    return None
