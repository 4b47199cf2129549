"""Excel sheets a finance clerk can read at once: every table the application exports as .xlsx.

``write_table`` writes a header and rows through the formula guard (``apps.exports``) and
formats them by what each column holds: money with thousands separators and two decimals,
rates as percentages (the application keeps a rate in per cent, 93.7; Excel's % format wants
0.937, so the value is divided by 100 exactly, as a Decimal), scores with two decimals,
counts as whole numbers. Columns are as wide as their longest text (a Chinese character
counts as two), the header is bold on a grey band and stays in view when scrolling (frozen
panes), and the table has a filter on its header.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from apps.exports import safe_value

Kind = Literal["text", "money", "rate", "score", "count"]

FORMATS: dict[Kind, str] = {
    "text": "@",
    "money": "#,##0.00",
    "rate": "0.00%",
    "score": "0.00",
    "count": "0",
}
MIN_WIDTH = 8.0
MAX_WIDTH = 60.0
_HEADER_FILL = PatternFill("solid", fgColor="EEF1F4")
_HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    kind: Kind = "text"


def money(title: str) -> Column:
    return Column(title, "money")


def rate(title: str) -> Column:
    return Column(title, "rate")


def score(title: str) -> Column:
    return Column(title, "score")


def count(title: str) -> Column:
    return Column(title, "count")


def display_width(value: Any, kind: Kind = "text") -> float:
    """About how many Latin characters wide the value shows (a CJK character is two)."""
    if value is None:
        return 0.0
    if kind in ("money", "score", "rate") and isinstance(value, int | float | Decimal):
        # 1,234,567.89 or 93.70%: the digits, separators, two decimals and a sign
        digits = len(f"{abs(int(value)):,}")
        return digits + 4.0
    text = str(value)
    longest = max(text.splitlines() or [""], key=len)
    return float(sum(2 if ord(ch) > 0x2E7F else 1 for ch in longest))


def _value(value: Any, kind: Kind) -> Any:
    if kind == "rate" and isinstance(value, int | Decimal) and not isinstance(value, bool):
        return Decimal(value) / _HUNDRED
    if kind == "rate" and isinstance(value, float):
        return Decimal(str(value)) / _HUNDRED
    return safe_value(value)


def write_table(ws: Worksheet, columns: Sequence[Column], rows: Iterable[Sequence[Any]]) -> None:
    """Header in row 1, one row per item, formatted and sized by column."""
    ws.append([c.title for c in columns])
    widths = [display_width(c.title) for c in columns]
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    count_rows = 0
    for row in rows:
        count_rows += 1
        ws.append([_value(v, c.kind) for v, c in zip(row, columns, strict=True)])
        for index, (value, column) in enumerate(zip(row, columns, strict=True)):
            widths[index] = max(widths[index], display_width(value, column.kind))
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = min(MAX_WIDTH, max(MIN_WIDTH, widths[index - 1] + 2))
        if column.kind == "text":
            continue
        for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
            cell.number_format = FORMATS[column.kind]
    ws.freeze_panes = "A2"
    if count_rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count_rows + 1}"
