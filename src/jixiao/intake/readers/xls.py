"""Excel 97–2003 .xls and WPS .et → DocumentText, as the .xlsx reader writes a workbook.

Both keep a BIFF8 workbook in the Workbook stream of an OLE container. The stream is taken
out through ole.py's checks and given to xlrd as raw BIFF (xlrd reads no other part of the
file). Values are cached values, as in the .xlsx reader; numbers are shown by their number
format (xlrd's formatting_info) with xlsx.display, so a figure reads the same from either
format. Every visible sheet is a table; merged ranges are written once; the cell address in
evidence is (sheet number, Excel row, Excel column).
"""

from __future__ import annotations

from typing import Any

from jixiao.domain.errors import UnreadableInput, UnsupportedFormat
from jixiao.intake.document import DocumentBuilder, DocumentText
from jixiao.intake.readers.ole import damaged, open_ole, read_stream
from jixiao.intake.readers.safety import password_message
from jixiao.intake.readers.xlsx import MAX_ROWS, display


def read_xls(data: bytes, *, label: str, reader: str = "xls") -> DocumentText:
    """Read an .xls/.et workbook (already known to hold a Workbook or Book stream)."""
    import xlrd  # type: ignore[import-untyped]  # noqa: PLC0415 (only for old workbooks)

    ole = open_ole(data, label=label)
    try:
        name = "Workbook" if ole.exists("Workbook") else "Book"
        stream = read_stream(ole, name, label=label, size_limit=len(data))
    finally:
        ole.close()
    try:
        book = xlrd.open_workbook(
            file_contents=stream, formatting_info=True, on_demand=True, logfile=_Silent()
        )
    except xlrd.XLRDError as error:
        if "encrypt" in str(error).lower():
            raise UnsupportedFormat(password_message(label)) from error
        raise UnreadableInput(damaged(label)) from error
    except Exception as error:  # xlrd fails in many ways on a damaged stream
        raise UnreadableInput(damaged(label)) from error
    builder = DocumentBuilder("xls")
    try:
        budget = MAX_ROWS
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            if sheet.visibility == 0:  # as the user sees the tabs
                budget = _read_sheet(builder, book, sheet, budget, label)
    except UnreadableInput:
        raise
    except Exception as error:
        raise UnreadableInput(damaged(label)) from error
    finally:
        book.release_resources()
    document = builder.build()
    if not document.text.strip():
        raise UnreadableInput(f"{label}中没有任何内容：请检查是否选错了文件或工作表")
    return DocumentText(text=document.text, format="xls", cells=document.cells, reader=reader)


def _read_sheet(builder: DocumentBuilder, book: Any, sheet: Any, budget: int, label: str) -> int:
    table = builder.new_table()
    merged = _merged(sheet)
    for row in range(sheet.nrows):
        budget -= 1
        if budget < 0:
            raise UnreadableInput(
                f"{label}的表格超过 {MAX_ROWS} 行，不像是一份绩效报告或自评表："
                "请只提交报告所附的表格"
            )
        cells: list[tuple[int, str | None]] = []
        for column in range(sheet.row_len(row)):
            covered = merged.get((row, column))
            if covered == "across":
                continue
            text = None if covered else _shown(book, sheet.cell(row, column))
            cells.append((column + 1, text))
        builder.row(table, row + 1, cells)
    return budget


def _merged(sheet: Any) -> dict[tuple[int, int], str]:
    """As xlsx._merged: "across" for the rest of a merged range's top row and its other
    columns, "below" for its first column further down (0-based row, column)."""
    covered: dict[tuple[int, int], str] = {}
    for first_row, end_row, first_col, end_col in sheet.merged_cells:
        for row in range(first_row, end_row):
            for col in range(first_col, end_col):
                if (row, col) != (first_row, first_col):
                    covered[(row, col)] = "below" if col == first_col else "across"
    return covered


def _shown(book: Any, cell: Any) -> str | None:
    import xlrd  # noqa: PLC0415

    kind = cell.ctype
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return None
    number_format = _number_format(book, cell.xf_index)
    if kind == xlrd.XL_CELL_BOOLEAN:
        return display(bool(cell.value), None)
    if kind == xlrd.XL_CELL_DATE:
        try:
            when = xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return display(cell.value, number_format)
        return display(when, number_format)
    if kind == xlrd.XL_CELL_NUMBER:
        value = cell.value
        return display(int(value) if float(value).is_integer() else value, number_format)
    return display(cell.value, number_format)


def _number_format(book: Any, xf_index: int | None) -> str | None:
    if xf_index is None or xf_index >= len(book.xf_list):
        return None
    found = book.format_map.get(book.xf_list[xf_index].format_key)
    return str(found.format_str) if found is not None else None


class _Silent:
    """xlrd writes warnings about odd records to a log file; a user sees none of them."""

    def write(self, text: str) -> int:
        return len(text)
