"""Integers taken from a URL or a query string, bounded before they reach the database.

An id beyond a 64-bit integer (or "²", which ``str.isdigit`` accepts and ``int`` does not)
made the database driver fail with a 500. Path ids match at most 18 ASCII digits, so a
longer one is simply an address that does not exist (404); a query parameter out of range
or not a number is treated as not given.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.urls import register_converter

MAX_ID = 2**63 - 1
_DIGITS = re.compile(r"[0-9]{1,18}")


class IdConverter:
    """``<id:pk>``: a row id, 1 to 18 digits (always below the 64-bit limit)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


class YearConverter(IdConverter):
    """``<year:year>``: a budget year of four digits."""

    regex = "[0-9]{4}"


def bounded_int(text: object, *, low: int = 1, high: int = MAX_ID) -> int | None:
    """A typed or posted integer within [low, high], else None."""
    raw = str(text if text is not None else "").strip()
    if not _DIGITS.fullmatch(raw):
        return None
    value = int(raw)
    return value if low <= value <= high else None


def query_int(
    params: Mapping[str, str], name: str, *, low: int = 1, high: int = MAX_ID
) -> int | None:
    """The named query parameter as an integer within [low, high], else None."""
    return bounded_int(params.get(name), low=low, high=high)


def register() -> None:
    register_converter(IdConverter, "id")
    register_converter(YearConverter, "year")
