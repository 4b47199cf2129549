""".xlsx → DocumentText: every visible sheet, each row a pipe row, each cell as Excel shows it.

openpyxl reads in read-only mode with cached values (data_only): what the finance bureau
saw when it saved the file, not the formulas. A number is written as its number format
shows it ("0.00" → 861.10, "0.00%" → 97.06%, "#,##0" → 1,234), from the exact decimal of
the stored double (``Decimal(str(value))``); no float reaches the domain. A merged range is
written once, at its top-left cell; the rows below it hold an empty cell in its first
column. The cell address in evidence is (sheet number, Excel row, Excel column).

The layouts of framework.md §2.3 and §3.3 (项目支出绩效自评表, 部门整体支出绩效自评表,
基础数据表) need nothing special here: their labels and column headers come through as
cells, and the text parser finds them by their words.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from openpyxl import load_workbook  # type: ignore[import-untyped]
from openpyxl.utils import range_boundaries  # type: ignore[import-untyped]
from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

from jixiao.domain.errors import UnreadableInput
from jixiao.intake.document import DocumentBuilder, DocumentText
from jixiao.intake.readers.safety import check_package, damaged_message

MAX_ROWS = 50_000  # rows, all sheets together: a report's tables are far smaller
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3}\d+(?::[A-Z]{1,3}\d+)?)"')
_QUOTED = re.compile(r'"([^"]*)"')
_IGNORED = re.compile(r"\[[^\]]*\]|_.|\*.|\\(.)")  # colours, locales, padding, fills
_SIGNIFICANT = 15  # a double holds 15 significant decimal digits; beyond is binary noise
_OPEN_ERRORS = (InvalidFileException, KeyError, ValueError, TypeError, zipfile.BadZipFile, OSError)


def read_xlsx(data: bytes, *, label: str) -> DocumentText:
    """Read a workbook (already sniffed as a zip holding xl/). Raises UnreadableInput."""
    check_package(data, label=label)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except _OPEN_ERRORS as error:
        raise UnreadableInput(damaged_message(label)) from error
    builder = DocumentBuilder("xlsx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            budget = MAX_ROWS
            for sheet in book.worksheets:
                if sheet.sheet_state == "visible":  # as the user sees the tabs
                    budget = _read_sheet(builder, sheet, _merged(archive, sheet), budget, label)
    except _OPEN_ERRORS as error:
        raise UnreadableInput(damaged_message(label)) from error
    finally:
        book.close()
    document = builder.build()
    if not document.text.strip():
        raise UnreadableInput(f"{label}中没有任何内容：请检查是否选错了文件或工作表")
    return document


def _read_sheet(
    builder: DocumentBuilder,
    sheet: Any,
    merged: dict[tuple[int, int], str],
    budget: int,
    label: str,
) -> int:
    """Write one sheet's rows; return how many rows the workbook may still have."""
    sheet.reset_dimensions()  # a wrong <dimension> would cut the sheet short in read-only mode
    table = builder.new_table()
    for row_number, row in enumerate(sheet.iter_rows(min_row=1, min_col=1), start=1):
        budget -= 1
        if budget < 0:
            raise UnreadableInput(
                f"{label}的表格超过 {MAX_ROWS} 行，不像是一份绩效报告或自评表："
                "请只提交报告所附的表格"
            )
        cells: list[tuple[int, str | None]] = []
        for column, cell in enumerate(row, start=1):
            covered = merged.get((row_number, column))
            if covered == "across":
                continue
            text = None if covered else display(cell.value, cell.number_format)
            cells.append((column, text))
        builder.row(table, row_number, cells)
    return budget


def _merged(archive: zipfile.ZipFile, sheet: Any) -> dict[tuple[int, int], str]:
    """Cells covered by a merged range: "across" (written nowhere) for the rest of its top
    row and its other columns, "below" (an empty cell) for its first column further down.

    Read-only mode does not read merges (they follow the rows in the sheet's XML), so they
    are taken from the part itself."""
    path = getattr(sheet, "_worksheet_path", None)
    if not path:
        return {}
    try:
        xml = archive.read(path)
    except KeyError:
        return {}
    covered: dict[tuple[int, int], str] = {}
    for ref in _MERGE.findall(xml):
        first_col, first_row, last_col, last_row = range_boundaries(ref.decode("ascii"))
        for row in range(first_row, last_row + 1):
            for col in range(first_col, last_col + 1):
                if (row, col) != (first_row, first_col):
                    covered[(row, col)] = "below" if col == first_col else "across"
    return covered


def display(value: object, number_format: str | None) -> str | None:
    """A cell's value as Excel shows it (as far as a report needs): numbers by their format,
    dates as dates, text as it is."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime | dt.date):
        return _date(value, number_format or "")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, int | float):
        return format_number(_exact(value), number_format or "General")
    text = str(value).strip()
    return text or None


def _exact(value: int | float) -> Decimal:
    """The decimal a double stands for, without its binary noise (0.1 + 0.2 → 0.3)."""
    exact = Decimal(str(value))  # str() is the shortest repr that reads back as the same double
    if (
        isinstance(value, float)
        and exact.is_finite()
        and exact != 0
        and len(exact.as_tuple().digits) > _SIGNIFICANT
    ):
        exact = round(exact, _SIGNIFICANT - exact.adjusted() - 1)
    return exact


def format_number(value: Decimal, number_format: str) -> str:
    """``value`` shown in an Excel number format: decimals, thousands separators, percent,
    and literal text ("0.00"万元"" → 12.50万元). Unknown formats show the plain value."""
    section = number_format.split(";", 1)[0]
    literal = _QUOTED.sub(lambda m: "\x00" + m.group(1) + "\x00", section)
    literal = _IGNORED.sub(lambda m: m.group(1) or "", literal)
    numeric = re.sub("\x00[^\x00]*\x00", "", literal)
    if "General" in section or not re.search(r"[0#?]", numeric) or "E" in numeric.upper():
        return _plain(value)
    percent = "%" in numeric
    if percent:
        value *= 100
    decimals = 0
    if "." in numeric:
        decimals = len(re.findall(r"[0#?]", numeric.split(".", 1)[1]))
    try:
        rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return _plain(value)
    grouped = "," in numeric.split(".", 1)[0]
    shown = f"{rounded:,.{decimals}f}" if grouped else f"{rounded:.{decimals}f}"
    before, after = _affixes(literal)
    return before + shown + ("%" if percent else "") + after


def _affixes(literal: str) -> tuple[str, str]:
    """Quoted text before the first and after the last digit placeholder."""
    parts = literal.split("\x00")
    texts = parts[1::2]
    outside = parts[0::2]
    if not texts:
        return "", ""
    first_digit = next((i for i, part in enumerate(outside) if re.search(r"[0#?]", part)), 0)
    before = "".join(texts[:first_digit])
    after = "".join(texts[first_digit:])
    return before, after


def _plain(value: Decimal) -> str:
    text = (
        format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    )
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _date(value: dt.date, number_format: str) -> str:
    if isinstance(value, dt.datetime) and (value.hour, value.minute, value.second) != (0, 0, 0):
        return value.strftime("%Y-%m-%d %H:%M")
    if "年" in number_format:
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
