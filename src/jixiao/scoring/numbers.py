"""How numbers are written in scorecard sentences: exact inputs, rounded results, "−" signs."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from jixiao.domain.money import canonical
from jixiao.domain.scorecard import display

MINUS = "−"  # U+2212, as in "(11 − 13) / 13 = −15.38%"


def number(value: Decimal) -> str:
    """An input as stated: every digit kept ("57.38", "13", "−2")."""
    text = canonical(value)
    return MINUS + text[1:] if text.startswith("-") else text


def result(value: Decimal) -> str:
    """A computed value, rounded for display ("−15.38")."""
    text = display(value)
    return MINUS + text[1:] if text.startswith("-") else text


def percent(value: Decimal) -> str:
    return f"{result(value)}%"


def points(value: Decimal) -> str:
    return f"{result(value)}分"


def parse_decimal(text: str | None) -> Decimal | None:
    """A plain number from a table cell ("735", "100%", "98.5 %", "1,200"); None otherwise."""
    if text is None:
        return None
    cleaned = text.strip().replace(",", "").replace("，", "").replace("％", "%")
    cleaned = cleaned.removesuffix("%").strip()
    if not cleaned or cleaned in {"-", "—", "－", "/"}:
        return None
    try:
        value = Decimal(cleaned)
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() else None
