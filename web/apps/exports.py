"""The one guard every CSV and Excel export of the application writes its cells through.

A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return before
them) as a formula: a unit named ``=HYPERLINK("http://…")`` would become a live link in the
bureau's spreadsheet. Such text is written with a leading apostrophe, which spreadsheets
show as text; numbers (including negative ones) stay numbers.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.http import HttpResponse

from apps.downloads import attachment

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(text: str) -> str:
    """Text a spreadsheet will not run as a formula."""
    first = text.lstrip(" ")[:1]
    if first and first in FORMULA_START and not _is_number(text):
        return "'" + text
    return text


def safe_value(value: Any) -> Any:
    """A cell value for a workbook: numbers as they are, every text guarded."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    return safe_cell(str(value))


def safe_row(values: Iterable[Any]) -> list[Any]:
    """A CSV row: every text guarded, None as an empty cell."""
    return ["" if v is None else safe_value(v) for v in values]


def csv_response(filename: str, header: list[str], rows: Iterable[Iterable[Any]]) -> HttpResponse:
    """A CSV download Excel opens as UTF-8 (with the BOM), every cell guarded."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    attachment(response, filename)
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(safe_row(header))
    for row in rows:
        writer.writerow(safe_row(row))
    return response


def _is_number(text: str) -> bool:
    try:
        Decimal(text.strip())
    except ArithmeticError:
        return False
    return True
