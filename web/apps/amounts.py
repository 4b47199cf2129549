"""The amount field every form of the application uses for money, rates and scores."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms


class AmountField(forms.DecimalField):
    """A decimal that keeps no sign on zero: "-0" and "-0.0" are taken as 0 and 0.0, so
    that a stored figure never reads "-0.0"."""

    def to_python(self, value: Any) -> Decimal | None:
        number = super().to_python(value)
        return abs(number) if number is not None and number.is_zero() else number
