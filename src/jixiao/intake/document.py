"""The format-neutral result of reading a file: one text, and where its pages and cells are.

Every reader (text, .docx, .pdf, .xlsx, OCR of scans and photographs, .doc/.wps, .xls/.et,
OFD) produces a ``DocumentText``. Its ``text`` is what the parser reads and what every Evidence
offset points into; ``pages`` and ``cells`` let parse.py say on which page, or in which table
cell, a figure was stated. Text recognised from images also keeps ``boxes`` (where each line or
cell sits on its page, with its recognition confidence) and ``doubts`` (figures to check
against the original: read with low confidence, or repaired).

Tables are written into the text the way the text parser already reads flattened tables: one
row per line, as a pipe row ``| 年初预算数 | 全年预算数 | 全年执行数 |``. Paragraphs are one per
line. A merged cell is written once: repeating its value into every spanned column would
add figures the document states once, and the table reader right-aligns a row's figures
under its column headers, as it must for flattened text, where empty cells vanish.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from jixiao.domain.reading import Box, Doubt, Reading

_LATIN = re.compile(r"[0-9A-Za-z]")


@dataclass(frozen=True, slots=True)
class CellSpan:
    """The offsets of one table cell's text; table, row and column are 1-based."""

    start: int
    end: int
    table: int
    row: int
    column: int

    @property
    def address(self) -> tuple[int, int, int]:
        return (self.table, self.row, self.column)


@dataclass(frozen=True, slots=True)
class TextBox:
    """Where the text at [start, end) was recognised: its 1-based page, its box in pixels of
    the page image, and the mean confidence of its characters (0–1)."""

    start: int
    end: int
    page: int
    box: Box
    confidence: float


@dataclass(frozen=True, slots=True)
class DocumentText:
    """A document as text. ``pages`` holds the start offset of each page (PDF, OCR, OFD);
    ``cells`` the spans of table cells, in text order (Word and Excel tables, PDF tables
    with ruling lines, tables rebuilt from positions). ``reader`` names the reader when it
    is more than the format ("ocr" for a scanned PDF, "wps" for a WPS file read as Word 97);
    ``confidence`` is OCR's mean character confidence; ``boxes`` are in text order."""

    text: str
    format: str  # "text", "docx", "pdf", "xlsx", "image", "doc", "xls" or "ofd"
    pages: tuple[int, ...] = ()
    cells: tuple[CellSpan, ...] = ()
    encoding: str | None = None  # plain text only
    reader: str | None = None
    confidence: float | None = None
    boxes: tuple[TextBox, ...] = ()
    doubts: tuple[Doubt, ...] = ()
    _cell_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _box_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_cell_starts", tuple(cell.start for cell in self.cells))
        object.__setattr__(self, "_box_starts", tuple(box.start for box in self.boxes))

    @property
    def reading(self) -> Reading:
        return Reading(
            reader=self.reader or self.format, confidence=self.confidence, doubts=self.doubts
        )

    def box_at(self, start: int, end: int) -> Box | None:
        """The box around the recognised text of [start, end) (the union of the boxes of the
        lines it spans), or None when the text was not recognised from an image."""
        if not self.boxes:
            return None
        first = max(bisect_right(self._box_starts, start) - 1, 0)
        found = [
            box.box
            for box in self.boxes[first : bisect_right(self._box_starts, max(start, end - 1))]
            if box.start < max(end, start + 1) and start < box.end
        ]
        if not found:
            return None
        return (
            min(b[0] for b in found),
            min(b[1] for b in found),
            max(b[2] for b in found),
            max(b[3] for b in found),
        )

    def page_at(self, offset: int) -> int | None:
        """The 1-based page holding ``offset``, or None when the format has no pages."""
        if not self.pages:
            return None
        return max(1, bisect_right(self.pages, offset))

    def cell_at(self, offset: int) -> CellSpan | None:
        """The table cell whose text holds ``offset``, if any."""
        index = bisect_right(self._cell_starts, offset) - 1
        if index < 0:
            return None
        cell = self.cells[index]
        return cell if cell.start <= offset < cell.end else None


def join_lines(lines: Sequence[str]) -> str:
    """The lines of one cell or paragraph as one line. A line break inside a cell is layout
    ("当年财政" / "拨款", "LED" / "护眼灯具"), except between two Latin words or figures,
    which keep a space between them ("100" / "200" must not become 100200)."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if out and _LATIN.match(out[-1]) and _LATIN.match(line[0]):
            out += " "
        out += line
    return out


@dataclass
class DocumentBuilder:
    """Collects paragraphs, table rows and page breaks into a DocumentText."""

    format: str
    _parts: list[str] = field(default_factory=list)
    _length: int = 0
    _pages: list[int] = field(default_factory=list)
    _cells: list[CellSpan] = field(default_factory=list)
    _tables: int = 0

    def new_page(self) -> None:
        """The next text belongs to a new page (which may start inside a paragraph that
        runs on from the page before)."""
        self._pages.append(self._length)

    def paragraph(self, text: str) -> None:
        """One line of text; inner newlines stay (a soft line break in Word)."""
        cleaned = text.replace("\r\n", "\n").replace("\r", "\n").rstrip()
        if cleaned.strip():
            self.end_line()
            self._write(cleaned)
            self.end_line()

    def append(self, text: str) -> None:
        """Continue the current line (a PDF paragraph that runs on across lines or pages)."""
        self._write(text)

    @property
    def length(self) -> int:
        """The length of the text written so far (where the next text will start)."""
        return self._length

    def end_line(self) -> None:
        if self._parts and not self._parts[-1].endswith("\n"):
            self._write("\n")

    def new_table(self) -> int:
        self._tables += 1
        return self._tables

    def row(self, table: int, row: int, cells: Sequence[tuple[int, str | None]]) -> None:
        """One table row. ``cells`` are (1-based column, text or None), one per cell as
        the document has it: a merged cell once, at its first column.

        A row is written as a pipe row; empty cells stay as empty pipe cells (the table
        reader skips them and right-aligns the figures, as it does for flattened text)
        except at the row's end. A row with one filled cell is written as a plain line, so
        that a title row of a sheet still reads as a title.
        """
        filled = [(column, _cell_text(text)) for column, text in cells]
        while filled and not filled[-1][1]:
            filled.pop()
        texts = [text for _, text in filled if text]
        if not texts:
            return
        self.end_line()
        if len(texts) == 1:
            # Written as it stands: a lone cell is a line of text, pipes and all.
            column, text = next(
                (c, join_lines((t or "").splitlines())) for c, t in cells if t and t.strip()
            )
            start = self._length
            self._write(text + "\n")
            self._cells.append(CellSpan(start, start + len(text), table, row, column))
            return
        line = "|"
        spans: list[CellSpan] = []
        for column, text in filled:
            start = self._length + len(line) + 1
            if text:
                spans.append(CellSpan(start, start + len(text), table, row, column))
            line += f" {text} |"
        self._write(line + "\n")
        self._cells.extend(spans)

    def build(self) -> DocumentText:
        self.end_line()
        text = "".join(self._parts)
        pages = tuple(self._pages)
        return DocumentText(text=text, format=self.format, pages=pages, cells=tuple(self._cells))

    def _write(self, piece: str) -> None:
        if not piece:
            return
        self._parts.append(piece)
        self._length += len(piece)


def _cell_text(text: str | None) -> str:
    """A cell's text on one line, with no pipe to break the row apart."""
    if not text:
        return ""
    return join_lines(text.splitlines()).replace("|", "｜")
