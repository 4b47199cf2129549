"""PDF with a text layer → DocumentText: text in reading order, ruled tables with their cells.

pypdfium2 gives the characters and their boxes (a few ms a page); pdf_layout.py turns the
lines back into paragraphs. Two things need pdfplumber (pdfminer), which costs some 50 ms a
page and is used only where needed:

- ruled tables, on pages that draw enough lines to hold one; their rows replace the text
  PDFium found inside the table's box. Tables without ruling lines stay as lines of text
  ("三公经费 29.08 63.46"), which the text parser reads as flattened cells;
- pages set in a font the PDF does not embed and PDFium cannot substitute (a CJK font on a
  machine without CJK fonts): PDFium sees no glyph outlines there and silently drops every
  text object of one character, the "年" of "2022年12月" when digits are set in another
  font. pdfminer measures characters from the font's widths instead.
"""

from __future__ import annotations

import ctypes
import io
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from typing import Any

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

from jixiao.domain.errors import UnreadableInput
from jixiao.intake.document import DocumentText, join_lines
from jixiao.intake.readers.pdf_layout import (
    GENERATED,
    Box,
    Line,
    Page,
    Table,
    assemble,
    line_of,
)

Progress = Callable[[int, int], None]  # (pages read, pages in all): OCR only
MIN_TABLE_PATHS = 4  # path objects on a page before looking for a ruled table there
_DROPPED = frozenset({0xFFFE, 0xFFFF, 0xFEFF, 0x00AD})  # PDFium's hyphen marks, BOM, soft hyphen
# Fonts every PDF reader carries (PDF's standard 14 and their usual aliases).
_STANDARD_FONTS = (
    "Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats", "Arial", "TimesNewRoman",
    "CourierNew",
)  # fmt: skip


def read_pdf(
    data: bytes, *, label: str, progress: Progress | None = None, ocr: bool = True
) -> DocumentText:
    """Read a PDF's text layer; a PDF without one (a scan), or whose text cannot be
    decoded, is read through OCR, and so are the image-only pages of a PDF whose other
    pages have text (mixed_pdf.py). Raises UnreadableInput for encrypted or damaged files,
    with what to do in Chinese. ``progress`` hears of each page OCR reads."""
    document = _open(data, label)
    try:
        read = list(_pages(document, data))
        pages = [page for page, _ in read]
        document_text = assemble(pages) if any(p.lines or p.tables for p in pages) else None
        if document_text is None or _undecodable(document_text.text):
            # Imported only for scans: the recogniser takes seconds to load.
            from jixiao.intake.readers.ocr import read_scanned_pdf  # noqa: PLC0415

            return read_scanned_pdf(document, label=label, progress=progress, ocr=ocr)
        scanned = [image and not (page.lines or page.tables) for page, image in read]
        if any(scanned):
            from jixiao.intake.readers.mixed_pdf import read_mixed_pdf  # noqa: PLC0415

            return read_mixed_pdf(document, pages, scanned, label=label, progress=progress, ocr=ocr)
    except pdfium.PdfiumError as error:
        raise UnreadableInput(
            f"{label}已损坏，无法读取其中的文字：请重新导出 PDF 后再提交"
        ) from error
    finally:
        document.close()
    return document_text


def _undecodable(text: str) -> bool:
    """Mostly private-use code points or U+FFFD: glyph ids, not characters (a font without
    a ToUnicode map); figures read from such text would be noise."""
    letters = [char for char in text if not char.isspace()]
    bad = sum(1 for char in letters if char == "\ufffd" or "\ue000" <= char <= "\uf8ff")
    return bool(letters) and bad > 0.3 * len(letters)


def _open(data: bytes, label: str) -> Any:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) in (
            pdfium_c.FPDF_ERR_PASSWORD,
            pdfium_c.FPDF_ERR_SECURITY,
        ):
            raise UnreadableInput(
                f"{label}设有打开密码（已加密），无法读取：请取消密码后重新导出 PDF 再提交"
            ) from error
        raise UnreadableInput(
            f"{label}已损坏，不是完整的 PDF 文件：请重新导出或重新下载后再提交"
        ) from error
    if len(document) == 0:
        document.close()
        raise UnreadableInput(f"{label}没有任何页面：请重新导出 PDF 后再提交")
    return document


def _pages(document: Any, data: bytes) -> Iterator[tuple[Page, bool]]:
    """Each page's text layer, and whether the page draws an image (a page with an image
    and no text is a scanned page of a mixed PDF)."""
    plumber = _Plumber(data)
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                objects = _objects(page.raw)
                ruled = sum(1 for kind, _ in objects if kind == pdfium_c.FPDF_PAGEOBJ_PATH)
                unmeasured = _has_unmeasured_font(objects)
                needed = ruled >= MIN_TABLE_PATHS or unmeasured
                imaged = any(kind == pdfium_c.FPDF_PAGEOBJ_IMAGE for kind, _ in objects)
                yield _page(page, plumber.page(index) if needed else None, unmeasured), imaged
            finally:
                page.close()
    finally:
        plumber.close()


def _page(page: Any, plumber_page: Any | None, unmeasured: bool) -> Page:
    height = page.get_height()
    tables: list[Table] = []
    lines: list[Line] | None = None
    if plumber_page is not None:
        try:
            tables = _plumber_tables(plumber_page, height)
            if unmeasured:
                lines = _plumber_lines(plumber_page, height, tables)
        except Exception:  # pdfminer fails in many ways on odd files: PDFium's text stands
            tables, lines = [], None
    if lines is None:
        lines = _pdfium_lines(page, tables)
    return Page(page.get_width(), height, lines, tables)


class _Plumber:
    """pdfplumber, opened on the first page that needs it (None where it cannot read)."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._pdf: Any = None
        self._failed = False

    def page(self, index: int) -> Any | None:
        if self._failed:
            return None
        try:
            if self._pdf is None:
                # Only for the pages that need it: pdfplumber is slow to import and to run.
                import pdfplumber  # noqa: PLC0415

                self._pdf = pdfplumber.open(io.BytesIO(self._data))
            pages = self._pdf.pages
        except Exception:  # pdfminer fails in many ways on odd files: PDFium's text stands
            self._failed = True
            return None
        return pages[index] if index < len(pages) else None

    def close(self) -> None:
        if self._pdf is not None:
            try:
                self._pdf.close()
            except Exception:  # a malformed page box can make pdfminer fail even on close
                self._failed = True


def _objects(container: Any, form: bool = False, depth: int = 0) -> list[tuple[int, Any]]:
    """(type, handle) of every page object, inside form XObjects too."""
    count = (pdfium_c.FPDFFormObj_CountObjects if form else pdfium_c.FPDFPage_CountObjects)(
        container
    )
    found: list[tuple[int, Any]] = []
    for index in range(max(count, 0)):
        handle = (pdfium_c.FPDFFormObj_GetObject if form else pdfium_c.FPDFPage_GetObject)(
            container, index
        )
        kind = pdfium_c.FPDFPageObj_GetType(handle)
        found.append((kind, handle))
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 8:
            found.extend(_objects(handle, True, depth + 1))
    return found


def _has_unmeasured_font(objects: list[tuple[int, Any]]) -> bool:
    """Does some text use a font that is neither embedded nor one PDFium carries?"""
    seen: set[int] = set()
    for kind, handle in objects:
        if kind != pdfium_c.FPDF_PAGEOBJ_TEXT:
            continue
        font = pdfium_c.FPDFTextObj_GetFont(handle)
        address = ctypes.cast(font, ctypes.c_void_p).value or 0
        if not address or address in seen:
            continue
        seen.add(address)
        if pdfium_c.FPDFFont_GetIsEmbedded(font):
            continue
        buffer = ctypes.create_string_buffer(256)
        pdfium_c.FPDFFont_GetBaseFontName(font, buffer, 256)
        name = buffer.value.decode("latin-1").split("+")[-1].replace(" ", "").replace("-", "")
        if not name.startswith(_STANDARD_FONTS):
            return True
    return False


def _pdfium_lines(page: Any, tables: list[Table]) -> list[Line]:
    """The page's lines, as PDFium breaks them; characters inside a ruled table are left
    out (the table's cells hold them)."""
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        lines: list[Line] = []
        chars: list[tuple[str, Box | None]] = []
        for index in range(pdfium_c.FPDFText_CountChars(raw)):
            code = pdfium_c.FPDFText_GetUnicode(raw, index)
            if code in (0x0A, 0x0D):
                _close(chars, lines)
                continue
            if code in _DROPPED or (code < 0x20 and code != 0x09):
                continue
            char = " " if chr(code).isspace() else chr(code)
            if pdfium_c.FPDFText_IsGenerated(raw, index) == 1:
                chars.append((GENERATED, None))  # PDFium saw a gap: see pdf_layout._text
                continue
            # Loose boxes span the glyph's advance; tight ones of some fonts have no height.
            box = textpage.get_charbox(index, loose=True)
            if any(table.holds(box) for table in tables):
                continue
            chars.append((char, None if char == " " else box))
        _close(chars, lines)
        return lines
    finally:
        textpage.close()


def _close(chars: list[tuple[str, Box | None]], lines: list[Line]) -> None:
    line = line_of(chars)
    if line is not None:
        lines.append(line)
    chars.clear()


def _plumber_lines(plumber_page: Any, height: float, tables: list[Table]) -> list[Line]:
    """The page's lines from pdfminer's characters, outside the ruled tables."""
    chars = [c for c in plumber_page.chars if not any(t.holds(_box(c, height)) for t in tables)]
    lines: list[Line] = []
    for row in _rows_of(chars):
        line = line_of(_with_gaps(row, height))
        if line is not None:
            lines.append(line)
    return lines


def _plumber_tables(plumber_page: Any, height: float) -> list[Table]:
    """Ruled tables of one page, as rows of (column, text) cells. A cell's text is built
    from its characters like a line's (pdfplumber's own cell text puts a space into every
    gap that justification leaves between 汉字)."""
    tables = []
    chars = sorted(plumber_page.chars, key=lambda c: c["top"])
    tops = [c["top"] for c in chars]
    for found in plumber_page.find_tables():
        rows = found.rows
        if max((len(row.cells) for row in rows), default=0) < 2:
            continue  # a framed paragraph, not a table (a table's last row may open a page)
        x0, top, x1, bottom = found.bbox
        table = Table(top=height - top, bottom=height - bottom, left=x0, right=x1)
        for row in rows:
            # A None box is a position covered by a merged cell: written once, not repeated.
            table.rows.append(
                [
                    (column, _cell_text(chars, tops, cell, height))
                    for column, cell in enumerate(row.cells, 1)
                    if cell is not None
                ]
            )
        tables.append(table)
    return tables


def _cell_text(
    chars: list[Any], tops: list[float], cell: tuple[float, float, float, float], height: float
) -> str:
    x0, top, x1, bottom = cell
    inside = [
        c
        for c in chars[bisect_left(tops, top - 2) : bisect_right(tops, bottom)]
        if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom
    ]
    lines = [line_of(_with_gaps(row, height)) for row in _rows_of(inside)]
    return join_lines([line.text for line in lines if line is not None])


def _rows_of(chars: list[Any]) -> list[list[Any]]:
    """Characters sharing a vertical middle, top to bottom, each row left to right."""
    rows: list[tuple[float, float, list[Any]]] = []  # (middle, height, chars)
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        middle = (char["top"] + char["bottom"]) / 2
        size = max(char["bottom"] - char["top"], 1.0)
        if rows and abs(rows[-1][0] - middle) < 0.4 * max(rows[-1][1], size):
            rows[-1][2].append(char)
        else:
            rows.append((middle, size, [char]))
    return [sorted(row, key=lambda c: c["x0"]) for _, _, row in rows]


def _with_gaps(row: list[Any], height: float) -> list[tuple[str, Box | None]]:
    """A row of pdfminer characters for line_of: the file's spaces kept, a gap marked
    GENERATED (a space only if it is wide; pdfplumber's line reader drops spaces)."""
    chars: list[tuple[str, Box | None]] = []
    previous: Box | None = None
    for char in row:
        if char["text"].isspace():
            chars.append((" ", None))
            previous = None
            continue
        box = _box(char, height)
        if previous is not None and box[0] > previous[2] + 0.01:
            chars.append((GENERATED, None))
        chars.append((char["text"], box))
        previous = box
    return chars


def _box(char: Any, height: float) -> Box:
    """A pdfminer character's box in PDF units, origin at the bottom left."""
    return (char["x0"], height - char["bottom"], char["x1"], height - char["top"])
