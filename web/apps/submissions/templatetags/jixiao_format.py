"""Template filters for exact figures: amounts never pass through float."""

from __future__ import annotations

from decimal import Decimal

from django import template

from apps.submissions import fields
from apps.submissions.reportdata import decimal_or_none

register = template.Library()

_CENT = Decimal("0.01")


@register.filter
def amount(value: object) -> str:
    """An amount with at least two decimals and no superfluous zeros beyond them: 340.00,
    38.766462, 5252.64; empty for none."""
    number = decimal_or_none(value)
    if number is None:
        return ""
    trimmed = number.normalize()
    if trimmed.as_tuple().exponent >= -2:  # type: ignore[operator]
        trimmed = number.quantize(_CENT)
    return format(trimmed, ",f")


@register.filter
def points(value: object) -> str:
    """A score or rate as printed: 93.6, 100, 98.91."""
    number = decimal_or_none(value)
    if number is None:
        return ""
    text = format(number.normalize(), "f")
    return text


@register.filter
def signed(value: object) -> str:
    number = decimal_or_none(value)
    if number is None:
        return ""
    text = amount(number)
    return text if number < 0 else f"+{text}"


@register.filter
def quoted(value: object) -> str:
    """In Chinese quotation marks, nested ones made single (see fields.quoted)."""
    return fields.quoted(str(value))
