"""The layout of a PDF's text, undone: lines into paragraphs, pages into one text.

Whoever extracted them (PDFium, or pdfminer for fonts PDFium cannot measure), lines arrive
as characters with boxes in PDF units (origin at the bottom left). Two lines are one
paragraph when the first reaches the right edge of the text block, the next line's first
word would not have fitted there, and the next line starts at the left edge (no first-line
indent) at the usual line pitch; across a page break the pitch is not compared. Page
numbers at the top or foot of a page are left out.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from jixiao.intake.document import DocumentBuilder, DocumentText

Box = tuple[float, float, float, float]  # left, bottom, right, top
GENERATED = "\x00"  # a space the extractor inferred from a gap: kept or dropped by its width
WORD_GAP = 0.6  # in font sizes: a narrower gap is letter-spacing, not a space

_UNBREAKABLE = re.compile(r"[0-9A-Za-z.,%]")
_TERMINAL = frozenset("。！？；：:!?;")
_PAGE_NUMBER = re.compile(
    r"[-—–－‐―\s]*\d{1,4}[-—–－‐―\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
)


@dataclass
class Line:
    text: str
    left: float
    right: float
    bottom: float
    top: float
    size: float
    lead: float  # width of the first unbreakable piece: see _lead_width

    @property
    def middle(self) -> float:
        return (self.bottom + self.top) / 2


@dataclass
class Table:
    """A ruled table: its box and its rows of (1-based column, text) cells."""

    top: float
    bottom: float
    left: float
    right: float
    rows: list[list[tuple[int, str | None]]] = field(default_factory=list)

    def holds(self, box: Box) -> bool:
        x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        return self.left - 1 <= x <= self.right + 1 and self.bottom - 1 <= y <= self.top + 1


@dataclass
class Page:
    width: float
    height: float
    lines: list[Line]
    tables: list[Table]


def line_of(chars: list[tuple[str, Box | None]]) -> Line | None:
    """One line from its characters in reading order; a character without a box is a space
    (GENERATED when the extractor inferred it)."""
    boxes = [box for _, box in chars if box is not None]
    text = _text(chars).strip()
    if not text or not boxes:
        return None
    return Line(
        text=text,
        left=min(b[0] for b in boxes),
        right=max(b[2] for b in boxes),
        bottom=statistics.median(b[1] for b in boxes),
        top=statistics.median(b[3] for b in boxes),
        size=statistics.median(b[3] - b[1] for b in boxes) or 1.0,
        lead=_lead_width(chars),
    )


def _text(chars: list[tuple[str, Box | None]]) -> str:
    """The line's text. An inferred space stays only where the gap is a word or a column
    gap; the narrow gaps that justification and the spacing between 汉字 and figures leave
    ("2022 年") are not spaces of the text. Spaces the file holds are the author's."""
    out: list[str] = []
    for index, (char, _) in enumerate(chars):
        if char != GENERATED:
            out.append(char)
            continue
        before = next((b for _, b in reversed(chars[:index]) if b is not None), None)
        after = next((b for _, b in chars[index + 1 :] if b is not None), None)
        if before is None or after is None:
            continue
        size = max(before[3] - before[1], after[3] - after[1], 1.0)
        if after[0] - before[2] >= WORD_GAP * size:
            out.append(" ")
    return "".join(out)


def _lead_width(chars: list[tuple[str, Box | None]]) -> float:
    """The width of a line's first unbreakable piece: a Latin word or figure, or one 汉字.
    Had it fitted at the end of the line before, the writer would have put it there."""
    boxed = [(char, box) for char, box in chars if box is not None]
    first_char, first_box = boxed[0]
    end = first_box[2]
    if _UNBREAKABLE.match(first_char):
        for char, box in boxed[1:]:
            if not _UNBREAKABLE.match(char):
                break
            end = box[2]
    return end - first_box[0]


# Told where each line starts in the text, and the number each table gets (OCR and OFD keep
# their characters' boxes and confidences beside the text through it).
Placed = Callable[["Line | Table", int], None]


def assemble(
    pages: list[Page], *, format: str = "pdf", placed: Placed | None = None
) -> DocumentText:
    """The document's text: paragraphs re-joined, tables as pipe rows, page offsets kept.
    ``placed`` is called with each line and the offset of its text, and with each table and
    its number (the ``table`` of its cells' CellSpans)."""
    builder = DocumentBuilder(format)
    previous: Line | None = None  # the line the next one may continue
    block = _Block.of(pages)
    for page in pages:
        builder.new_page()
        body = _without_page_numbers(page)
        pitch = _pitch(body)
        tables = sorted(page.tables, key=lambda t: -t.top)
        first = True
        for line in body:
            while tables and tables[0].top >= line.middle:
                _write_table(builder, tables.pop(0), placed)
                previous = None
            if previous is not None and _continues(
                previous, line, block=block, pitch=pitch, first=first, width=page.width
            ):
                builder.append(_glue(previous.text, line.text))
            else:
                builder.end_line()
            if placed is not None:
                placed(line, builder.length)
            builder.append(line.text)
            previous = line
            first = False
        for table in tables:
            _write_table(builder, table, placed)
            previous = None
    return builder.build()


@dataclass(frozen=True)
class _Block:
    """The left and right edges of the document's text block."""

    left: float
    right: float

    @classmethod
    def of(cls, pages: list[Page]) -> _Block:
        lines = [line for page in pages for line in page.lines if len(line.text) >= 4]
        if not lines:
            return cls(0.0, 0.0)
        # The left edge: the leftmost one that two lines share (where a paragraph's later
        # lines and unindented headings start; first lines are indented, and where every
        # paragraph is one line long, no line starts at the edge but those headings).
        lefts = Counter(round(line.left) for line in lines)
        shared = [left for left, count in lefts.items() if count >= 2]
        left = float(min(shared or lefts))
        # The right edge that full lines reach (a long URL or a table row may run past it).
        rights = sorted(line.right for line in lines)
        right = rights[int(len(rights) * 0.95) if len(rights) > 20 else -1]
        return cls(left, right)


def _continues(
    before: Line, after: Line, *, block: _Block, pitch: float | None, first: bool, width: float
) -> bool:
    """Does ``after`` carry on the paragraph that ``before`` breaks off at the margin?
    ``first``: ``after`` opens a page; ``width``: the page's."""
    if before.text[-1] in _TERMINAL:
        return False
    size = max(before.size, after.size, 1.0)
    if before.right - before.left < 0.55 * width:
        return False  # a short line, or the "block" is a table column
    if before.right + after.lead < block.right - 0.25 * size:
        return False  # the next line's first word would have fitted: the paragraph ended
    if after.left > block.left + 0.6 * size:
        return False  # an indented first line begins a new paragraph
    if first:
        return True  # across a page break there is no line pitch to compare
    step = before.middle - after.middle
    return step > 0 and (pitch is None or step <= 1.3 * pitch)


def _pitch(lines: list[Line]) -> float | None:
    """The distance between the lines of a paragraph. The lower quartile of the steps: on
    a page of short paragraphs most steps are the wider gaps between paragraphs."""
    steps = sorted(s for a, b in itertools.pairwise(lines) if (s := a.middle - b.middle) > 0)
    return steps[len(steps) // 4] if steps else None


def _without_page_numbers(page: Page) -> list[Line]:
    """The page's lines without a page number at its top or foot: a lone number near the
    edge, set apart from the body by more than the line pitch (a table's last cell "0"
    is not a page number)."""
    lines = list(page.lines)
    pitch = _pitch(lines) or 0.0
    for position, neighbour in ((-1, -2), (0, 1)):
        if len(lines) < 2:
            break
        line = lines[position]
        edge = line.middle < page.height * 0.15 or line.middle > page.height * 0.85
        apart = abs(lines[neighbour].middle - line.middle) > 1.5 * pitch
        if edge and apart and _PAGE_NUMBER.fullmatch(line.text.strip()):
            lines.pop(position)
    return lines


def _glue(before: str, after: str) -> str:
    """Latin words and figures broken at a line end get their space back ("29.08 63.46"
    must not become one number); 汉字 need none."""
    if before[-1:].isascii() and before[-1:].isalnum() and after[:1].isascii():
        return " " if after[:1].isalnum() else ""
    return ""


def _write_table(builder: DocumentBuilder, table: Table, placed: Placed | None) -> None:
    index = builder.new_table()
    if placed is not None:
        placed(table, index)
    for number, cells in enumerate(table.rows, start=1):
        builder.row(index, number, cells)
