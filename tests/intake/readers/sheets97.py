""".xls test workbooks from a report's text, written by xlwt (not by jixiao).

The same layout as makers.xlsx_from_text: pipe rows as rows, other lines in column A, figures
as numbers with the number format that shows them as the text does. WPS .et files are the
same BIFF8 workbook under another name.
"""

from __future__ import annotations

import io
from decimal import Decimal

from tests.intake.readers.makers import _NUMBER, blocks


def xls_from_text(text: str, *, sheet_name: str = "报告") -> bytes:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet(sheet_name)
    styles: dict[str, object] = {}
    row = 0
    for kind, content in blocks(text):
        rows = [[str(content[0])]] if kind == "p" else content
        for cells in rows:
            for column, value in enumerate(cells):
                if column > 255:
                    break  # BIFF8 has 256 columns
                _put(sheet, row, column, value, styles)
            row += 1
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _put(sheet: object, row: int, column: int, value: str, styles: dict[str, object]) -> None:
    import xlwt

    if not value:
        return
    if not _NUMBER.match(value):
        sheet.write(row, column, value[:32767])  # type: ignore[attr-defined]
        return
    percent = value.endswith("%")
    digits = value.rstrip("%")
    decimals = len(digits.partition(".")[2])
    number = Decimal(digits) / (100 if percent else 1)
    pattern = "0" + ("." + "0" * decimals if decimals else "") + ("%" if percent else "")
    if pattern not in styles:
        styles[pattern] = xlwt.easyxf(num_format_str=pattern)
    shown = float(number) if decimals or percent else int(number)
    sheet.write(row, column, shown, styles[pattern])  # type: ignore[attr-defined]
