"""Exact quantities: money in 万元 (canonical), rates in percent, counts.

Every quantity remembers how precisely it was printed (``ulp``: one unit of the last
printed digit, in the canonical unit) so that the audit can tell a rounding difference
from a real mismatch.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum


class MoneyUnit(Enum):
    YUAN = "元"
    WAN = "万元"
    YI = "亿元"

    @property
    def in_wan(self) -> Decimal:
        """How many 万元 one of this unit is."""
        return _IN_WAN[self]


_IN_WAN = {
    MoneyUnit.YUAN: Decimal("0.0001"),
    MoneyUnit.WAN: Decimal(1),
    MoneyUnit.YI: Decimal(10000),
}


def printed_ulp(digits: str) -> Decimal:
    """One unit of the last printed digit of a plain decimal string ("57.38" -> 0.01)."""
    if "." in digits:
        return Decimal(1).scaleb(-len(digits.split(".", 1)[1]))
    return Decimal(1)


def canonical(value: Decimal) -> str:
    """A decimal string without exponent or superfluous trailing zeros ("340", "57.38")."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in 万元, with the unit it was stated in and its printed precision."""

    wan: Decimal
    ulp: Decimal = Decimal("0.01")
    stated_unit: MoneyUnit = MoneyUnit.WAN

    @classmethod
    def parse(cls, digits: str, unit: MoneyUnit = MoneyUnit.WAN) -> Money:
        """Money from a plain decimal string in ``unit`` ("387664.62", 元)."""
        plain = digits.replace(",", "")
        value = Decimal(plain)
        # "0万元" means none at all, not something that rounds to zero: it is exact.
        ulp = Decimal(0) if value == 0 else printed_ulp(plain) * unit.in_wan
        return cls(wan=value * unit.in_wan, ulp=ulp, stated_unit=unit)

    @classmethod
    def of(cls, value: str | int | Decimal) -> Money:
        """Money from a value already in 万元 (tests and data files)."""
        return cls.parse(str(value), MoneyUnit.WAN)

    def __str__(self) -> str:
        return canonical(self.wan)


@dataclass(frozen=True, slots=True)
class Rate:
    """A percentage: ``percent`` is 97.06 for 97.06%."""

    percent: Decimal
    ulp: Decimal = Decimal("0.01")

    @classmethod
    def parse(cls, digits: str) -> Rate:
        plain = digits.replace(",", "")
        return cls(percent=Decimal(plain), ulp=printed_ulp(plain))

    def __str__(self) -> str:
        return canonical(self.percent)


@dataclass(frozen=True, slots=True)
class Count:
    """A count with its measure word: 18 家, 116 次."""

    value: Decimal
    measure: str

    def __str__(self) -> str:
        return f"{canonical(self.value)}{self.measure}"


def sum_money(parts: list[Money]) -> Money:
    """The sum of amounts; its ulp is the sum of the parts' ulps (rounding adds up)."""
    return Money(
        wan=sum((p.wan for p in parts), Decimal(0)),
        ulp=sum((p.ulp for p in parts), Decimal(0)),
    )
