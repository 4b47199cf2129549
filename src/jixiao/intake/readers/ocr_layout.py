"""Recognised lines → DocumentText: reading order, table rows, boxes, and what to check.

The recogniser gives each page as lines of characters, each with a box and a confidence.
Here a page is first straightened (a scan is rarely square to the glass: the slope of the
characters' centres along their lines is undone), each line is cut into segments where a
gap wider than a character opens (the cells of a table row), and segments that share a
height make a row. A row of two or more segments is a table row: consecutive ones make a
table, whose columns are the bands its widest rows occupy, and a row's cells go into the
bands they overlap. Other rows are lines of text, re-joined into paragraphs by the rules a
PDF's lines follow (pdf_layout.assemble).

Known OCR damage is repaired where only one reading makes sense, and recorded as a doubt
of kind REPAIRED with what was recognised: a space the recogniser put inside a figure where
the page shows no gap, 兀 after a figure (元), and O or l among a figure's digits (0, 1).
A figure with a character recognised below LOW_CONFIDENCE is a doubt of kind
LOW_CONFIDENCE. The audit shows both to the reviewer ("请核对原件").
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from jixiao.domain.reading import Box, Doubt, DoubtKind
from jixiao.intake.document import DocumentText, TextBox
from jixiao.intake.readers.pdf_layout import Line, Page, Table, assemble

INK_SPACE_CONFIDENCE = 0.0  # marks a space glyph put back from the ink, to be shown
LOW_CONFIDENCE = 0.9  # a figure with a character read below this is flagged for checking
CELL_GAP = 1.2  # in character heights: a wider gap inside a line separates table cells
WRAP_RECOGNISED = 0.95  # in box heights: a wrapped cell line is closer (see _merge_wrapped)
WRAP_PLACED = 1.9
_STRAY_SPACE = 0.35  # in character heights: a space over a narrower gap is not on the page
_FIGURE = re.compile(r"\d(?:[\d,.]*\d)?%?")
_AMOUNT = re.compile(r"\d(?:[\d,.]*\d)?(?:%|[万亿千]?元)?")
_DIGITISH = re.compile(r"[\d.,%]")
_FIGURE_RUN = re.compile(r"(?<![\d.])\d[\d.,]*%?(?: \d[\d.,]*%?)+")  # two or more figures
_HAN = re.compile(r"[\u4e00-\u9fff：:（）、，；]")
_DASHES = frozenset("—-一－")
_BARS = frozenset(("", "|", "｜", "丨"))  # a cell's edges: the segment's ends or a rule read
_FIGURE_CELL = re.compile(r"[\d.,%]+")
_RULES = frozenset("|｜丨")  # a vertical rule the recogniser read as a character
_STROKES = frozenset("1")  # a segment of this alone may be a vertical rule or a bar
_UNBREAKABLE = re.compile(r"[0-9A-Za-z.,%]")


class Glyph(NamedTuple):
    """One recognised (or placed) character; a space has no box. A tuple: a page has
    thousands of them."""

    char: str
    confidence: float
    box: Box | None


@dataclass
class OcrLine:
    glyphs: list[Glyph]
    box: Box

    @classmethod
    def of(cls, glyphs: list[Glyph], box: Box) -> OcrLine:
        return cls(glyphs, box)


@dataclass
class OcrPage:
    width: int
    height: int
    lines: list[OcrLine]


@dataclass
class _Segment:
    """A run of characters of one line with no cell-wide gap: a cell or a line of text."""

    glyphs: list[Glyph]
    page: int
    middle: float = 0.0  # vertical centre, the page's skew undone
    height: float = 1.0
    lowest: float = 0.0  # the middle of its last line, once a wrapped cell is merged
    repairs: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, read
    left: float = 0.0  # kept by measure(): read far more often than the glyphs change
    right: float = 0.0

    def measure(self) -> None:
        boxes = self.boxes
        self.left = min(box[0] for box in boxes)
        self.right = max(box[2] for box in boxes)

    @property
    def text(self) -> str:
        return "".join(glyph.char for glyph in self.glyphs)

    @property
    def boxes(self) -> list[Box]:
        return [glyph.box for glyph in self.glyphs if glyph.box is not None]

    @property
    def box(self) -> Box:
        return _union(self.boxes)


def layout(pages: Sequence[OcrPage], *, format: str, recognised: bool = True) -> DocumentText:
    """The recognised pages as one text with boxes, confidences and doubts. Pages whose
    characters were not recognised but placed (OFD: ``recognised=False``) get the same
    reading order and tables, and no repairs, boxes or confidences."""
    built: list[Page] = []
    segment_of: dict[int, _Segment] = {}  # id(Line) → its segment
    cells_of: dict[int, dict[tuple[int, int], _Segment]] = {}  # id(Table) → cells
    for number, page in enumerate(pages, start=1):
        built.append(_page(page, number, segment_of, cells_of, recognised))
    placed_lines: list[tuple[int, _Segment]] = []
    table_numbers: dict[int, int] = {}

    def placed(item: Line | Table, offset: int) -> None:
        if isinstance(item, Line):
            placed_lines.append((offset, segment_of[id(item)]))
        else:
            table_numbers[offset] = id(item)

    document = assemble(built, format=format, placed=placed)
    if not recognised:
        return document
    spans = list(placed_lines)
    for cell in document.cells:
        cells = cells_of.get(table_numbers.get(cell.table, -1), {})
        segment = cells.get((cell.row, cell.column))
        if segment is not None and document.text[cell.start : cell.end] == segment.text:
            spans.append((cell.start, segment))
    spans.sort(key=lambda span: span[0])
    boxes, doubts = _marks(spans)
    confidences = [g.confidence for _, s in spans for g in s.glyphs if g.box is not None]
    return replace(
        document,
        reader="ocr",
        confidence=statistics.fmean(confidences) if confidences else None,
        boxes=tuple(boxes),
        doubts=tuple(doubts),
    )


def _marks(spans: list[tuple[int, _Segment]]) -> tuple[list[TextBox], list[Doubt]]:
    boxes: list[TextBox] = []
    doubts: list[Doubt] = []
    for offset, segment in spans:
        known = [g.confidence for g in segment.glyphs if g.box is not None]
        end = offset + len(segment.glyphs)
        boxes.append(TextBox(offset, end, segment.page, segment.box, statistics.fmean(known)))
        text = segment.text
        # The whole amount each repair touched, as repaired and as it was recognised.
        touched: dict[tuple[int, int], list[tuple[int, int, str]]] = {}
        for start, stop, recognised in segment.repairs:
            around = next(
                (m for m in _AMOUNT.finditer(text) if m.start() <= start and stop <= m.end()),
                None,
            )
            span = (around.start(), around.end()) if around else (start, stop)
            touched.setdefault(span, []).append((start, stop, recognised))
        for (first, last), repairs in touched.items():
            recognised_text = text[first:last]
            for start, stop, recognised in sorted(repairs, reverse=True):
                recognised_text = (
                    recognised_text[: start - first] + recognised + recognised_text[stop - first :]
                )
            doubts.append(
                Doubt(
                    offset + first,
                    offset + last,
                    DoubtKind.REPAIRED,
                    page=segment.page,
                    box=_union([g.box for g in segment.glyphs[first:last] if g.box]),
                    recognised=recognised_text,
                )
            )
        for figure in _FIGURE.finditer(segment.text):
            glyphs = segment.glyphs[figure.start() : figure.end()]
            lowest = min(g.confidence for g in glyphs)
            if figure.group().count(".") >= 2:
                # "11.8641.4639.30": the recogniser dropped the spaces between figures;
                # where they went is a guess, so the run is shown, not split.
                doubts.append(
                    Doubt(
                        offset + figure.start(),
                        offset + figure.end(),
                        DoubtKind.RUN_TOGETHER,
                        page=segment.page,
                        box=_union([g.box for g in glyphs if g.box]),
                        confidence=round(lowest, 4),
                    )
                )
            elif text in _STROKES:
                # The whole segment is one stroke: a table rule or a "|" reads as "1".
                doubts.append(
                    Doubt(
                        offset,
                        offset + 1,
                        DoubtKind.LONE_STROKE,
                        page=segment.page,
                        box=segment.box,
                        confidence=round(lowest, 4),
                    )
                )
            elif lowest < LOW_CONFIDENCE:
                doubts.append(
                    Doubt(
                        offset + figure.start(),
                        offset + figure.end(),
                        DoubtKind.LOW_CONFIDENCE,
                        page=segment.page,
                        box=_union([g.box for g in glyphs if g.box]),
                        confidence=round(lowest, 4),
                    )
                )
    doubts.sort(key=lambda doubt: (doubt.start, doubt.kind.value))
    return boxes, doubts


# --------------------------------------------------------------------------------- page


def _page(
    page: OcrPage,
    number: int,
    segment_of: dict[int, _Segment],
    cells_of: dict[int, dict[tuple[int, int], _Segment]],
    recognised: bool,
) -> Page:
    slope = _skew(page.lines) if recognised else 0.0
    segments = [s for line in page.lines for s in _segments(line, number, slope, recognised)]
    rows = _merge_wrapped(_rows(segments), recognised)
    lines: list[Line] = []
    tables: list[Table] = []
    height = float(page.height)
    for run, is_table in _runs(rows, page.width):
        if not is_table:
            for row in run:
                line = _line(row[0], height)
                segment_of[id(line)] = row[0]
                lines.append(line)
            continue
        ruled = [[cell for s in row for cell in _ruled(s)] for row in run] if recognised else run
        table, cells = _table(ruled, height)
        cells_of[id(table)] = cells
        tables.append(table)
    lines.sort(key=lambda line: -line.middle)
    return Page(float(page.width), height, lines, tables)


def _skew(lines: list[OcrLine]) -> float:
    """The page's slope (dy/dx): the median over long lines of their characters' slope."""
    slopes = []
    for line in lines:
        centres = [((b[0] + b[2]) / 2, (b[1] + b[3]) / 2) for g in line.glyphs if (b := g.box)]
        if len(centres) < 6:
            continue
        xs = [x for x, _ in centres]
        ys = [y for _, y in centres]
        mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
        spread = sum((x - mean_x) ** 2 for x in xs)
        if spread > 0:
            slopes.append(sum((x - mean_x) * (y - mean_y) for x, y in centres) / spread)
    slope = statistics.median(slopes) if slopes else 0.0
    return slope if abs(slope) < 0.1 else 0.0  # more than ~6°: not a skew this can undo


def _segments(line: OcrLine, page: int, slope: float, recognised: bool) -> list[_Segment]:
    """The line cut at cell-wide gaps, each piece trimmed and repaired."""
    boxed = [g.box for g in line.glyphs if g.box is not None]
    if not boxed:
        return []
    size = statistics.median(b[3] - b[1] for b in boxed) or 1.0
    pieces: list[list[Glyph]] = [[]]
    previous: Box | None = None
    for glyph in line.glyphs:
        if glyph.box is not None:
            if previous is not None and glyph.box[0] - previous[2] > CELL_GAP * size:
                pieces.append([])
            previous = glyph.box
        pieces[-1].append(glyph)
    segments = []
    for piece in pieces:
        glyphs = _trimmed(piece)
        if not glyphs:
            continue
        segment = _Segment(glyphs, page)
        if recognised:
            _repair(segment, size)
        segment.measure()
        centres = [((b[0] + b[2]) / 2, (b[1] + b[3]) / 2) for b in segment.boxes]
        segment.middle = statistics.fmean(y - slope * x for x, y in centres)
        segment.lowest = segment.middle
        segment.height = size
        segments.append(segment)
    return segments


def _trimmed(glyphs: list[Glyph]) -> list[Glyph]:
    """Without spaces at either end (a pipe inside a table cell is made full-width when
    the row is written: DocumentBuilder.row)."""
    kept = list(glyphs)
    while kept and kept[0].box is None:
        kept.pop(0)
    while kept and kept[-1].box is None:
        kept.pop()
    return kept


def _rows(segments: list[_Segment]) -> list[list[_Segment]]:
    """Segments at one height, top to bottom, each row left to right. A segment that
    overlaps a row's segment horizontally belongs to another row (a line just below)."""
    rows: list[list[_Segment]] = []
    for segment in sorted(segments, key=lambda s: s.middle):
        for row in reversed(rows[-3:]):
            middle = statistics.fmean(s.middle for s in row)
            near = abs(middle - segment.middle) < 0.5 * max(segment.height, row[0].height)
            apart = all(segment.left >= s.right or segment.right <= s.left for s in row)
            if near and apart:
                row.append(segment)
                break
        else:
            rows.append([segment])
    return [sorted(row, key=lambda s: s.left) for row in rows]


def _merge_wrapped(rows: list[list[_Segment]], recognised: bool) -> list[list[_Segment]]:
    """A table cell's text wrapped onto a second line is a row of no more segments than the
    row above, each right under a different cell of it, and closer to it than table rows are
    to each other: its segments go back into those cells.

    "Closer" is measured in box heights: a recogniser's boxes are padded (about two and a
    half times the text's height), so a cell's next line starts less than one box height
    below, and the next row more; placed characters' boxes are the font size, and a cell's
    lines are 1.5 of it apart, rows two and a half or more."""
    pitch = WRAP_RECOGNISED if recognised else WRAP_PLACED
    merged: list[list[_Segment]] = []
    for row in rows:
        above = merged[-1] if merged else None
        if above is not None and len(above) >= 2 and len(row) <= len(above):
            owners = [_owner(segment, above) for segment in row]
            step = min(s.middle for s in row) - max(s.lowest for s in above)
            height = statistics.median(s.height for s in [*above, *row])
            close = 0 < step < pitch * height
            if (
                close
                and all(o is not None for o in owners)
                and len(set(map(id, owners))) == len(owners)
                and not any(
                    _FIGURE_CELL.fullmatch(s.text)
                    and o is not None
                    and _FIGURE_CELL.fullmatch(o.text)
                    for s, o in zip(row, owners, strict=True)
                )  # a figure under a figure is the next row's: figures do not wrap
            ):
                for segment, owner in zip(row, owners, strict=True):
                    assert owner is not None
                    _continue_cell(owner, segment)
                continue
        merged.append(row)
    return merged


def _owner(segment: _Segment, row: list[_Segment]) -> _Segment | None:
    """The one segment of ``row`` that ``segment`` lies under, if exactly one."""
    found = [s for s in row if segment.left < s.right and s.left < segment.right]
    return found[0] if len(found) == 1 else None


def _continue_cell(cell: _Segment, more: _Segment) -> None:
    offset = len(cell.glyphs)
    cell.lowest = max(cell.lowest, more.lowest)
    if _UNBREAKABLE.match(cell.glyphs[-1].char) and _UNBREAKABLE.match(more.glyphs[0].char):
        cell.glyphs.append(Glyph(" ", 1.0, None))  # "100" / "200" must not become 100200
        offset += 1
    cell.glyphs.extend(more.glyphs)
    cell.measure()
    cell.repairs.extend((start + offset, end + offset, text) for start, end, text in more.repairs)


def _ruled(segment: _Segment) -> list[_Segment]:
    """A table row's segment cut at the bars in it: a ruling line between two cells that
    the recogniser read as "|" (prose keeps its bars: they are read as they stand)."""
    glyphs = segment.glyphs
    cuts = [index for index, glyph in enumerate(glyphs) if glyph.char in _RULES]
    if not cuts:
        return [segment]
    pieces = []
    for start, end in zip([-1, *cuts], [*cuts, len(glyphs)], strict=True):
        kept = _trimmed(glyphs[start + 1 : end])
        if not kept:
            continue
        first = glyphs.index(kept[0], start + 1)
        piece = replace(
            segment,
            glyphs=kept,
            repairs=[
                (a - first, b - first, text)
                for a, b, text in segment.repairs
                if first <= a and b <= first + len(kept)
            ],
        )
        piece.measure()
        pieces.append(piece)
    return pieces


def _runs(rows: list[list[_Segment]], width: int) -> list[tuple[list[list[_Segment]], bool]]:
    """Consecutive rows as (rows, is_table). A row of one short segment between two table
    rows (a label whose figures are blank) stays in the table."""
    multi = [len(row) >= 2 for row in rows]
    for index in range(1, len(rows) - 1):
        short = rows[index][0].right - rows[index][0].left < 0.5 * width
        if not multi[index] and short and multi[index - 1] and multi[index + 1]:
            multi[index] = True
    runs: list[tuple[list[list[_Segment]], bool]] = []
    for row, is_table in zip(rows, multi, strict=True):
        if runs and runs[-1][1] == is_table and is_table:
            runs[-1][0].append(row)
        else:
            runs.append(([row], is_table))
    return runs


def _line(segment: _Segment, height: float) -> Line:
    boxes = segment.boxes
    top = segment.middle - segment.height / 2
    return Line(
        text=segment.text,
        left=float(segment.left),
        right=float(segment.right),
        bottom=height - (top + segment.height),
        top=height - top,
        size=segment.height,
        lead=_lead(segment.glyphs, boxes[0]),
    )


def _lead(glyphs: list[Glyph], first: Box) -> float:
    """The width of the line's first unbreakable piece (see pdf_layout._lead_width)."""
    end = first[2]
    if _UNBREAKABLE.match(glyphs[0].char):
        for glyph in glyphs[1:]:
            if glyph.box is None or not _UNBREAKABLE.match(glyph.char):
                break
            end = glyph.box[2]
    return float(end - first[0])


def _table(
    rows: list[list[_Segment]], height: float
) -> tuple[Table, dict[tuple[int, int], _Segment]]:
    """A table of the rows: a row's cells go into the column bands they overlap most
    (the nearest, where they overlap none)."""
    bands = _bands(rows)
    cells: dict[tuple[int, int], _Segment] = {}
    table_rows: list[list[tuple[int, str | None]]] = []
    for number, row in enumerate(rows, start=1):
        columns = [_band_of(segment, bands) for segment in row]
        if len(set(columns)) < len(columns) or columns != sorted(columns):
            columns = list(range(1, len(row) + 1))  # the bands do not fit: in order
        texts = dict(zip(columns, (s.text for s in row), strict=True))
        # Empty cells written as such, so that figures keep their columns.
        table_rows.append([(c, texts.get(c)) for c in range(1, max(columns) + 1)])
        cells.update({(number, c): s for c, s in zip(columns, row, strict=True)})
    segments = [s for row in rows for s in row]
    top = min(s.middle - s.height / 2 for s in segments)
    bottom = max(s.middle + s.height / 2 for s in segments)
    table = Table(
        top=height - top,
        bottom=height - bottom,
        left=float(min(s.left for s in segments)),
        right=float(max(s.right for s in segments)),
        rows=table_rows,
    )
    return table, cells


def _bands(rows: list[list[_Segment]]) -> list[tuple[float, float]]:
    """Column bands: in the rows with the most cells (every column filled), the k-th cell
    is in column k; a column's band spans its cells in those rows."""
    most = max(len(row) for row in rows)
    full = [row for row in rows if len(row) == most]
    return [
        (min(row[k].left for row in full), max(row[k].right for row in full)) for k in range(most)
    ]


def _band_of(segment: _Segment, bands: list[tuple[float, float]]) -> int:
    """The 1-based band that holds the segment's centre, else the one it overlaps most
    (the nearest when it overlaps none)."""
    centre = (segment.left + segment.right) / 2
    holding = [i for i, (left, right) in enumerate(bands) if left <= centre <= right]
    if len(holding) == 1:
        return holding[0] + 1

    def score(band: tuple[float, float]) -> float:
        overlap = min(segment.right, band[1]) - max(segment.left, band[0])
        if overlap > 0:
            return overlap
        return -min(abs(segment.left - band[1]), abs(band[0] - segment.right))

    return max(range(len(bands)), key=lambda i: score(bands[i])) + 1


# ------------------------------------------------------------------------------ repairs


def _repair(segment: _Segment, size: float) -> None:
    """Undo known OCR damage where only one reading makes sense; record each repair."""
    glyphs = segment.glyphs
    for index, glyph in enumerate(glyphs[1:-1], start=1):
        if glyph.char == " " and glyph.confidence == INK_SPACE_CONFIDENCE:
            # A space between two figures taken from the page's ink (ocr_spacing.py)
            glyphs[index] = Glyph(" ", 1.0, None)
            joined = glyphs[index - 1].char + glyphs[index + 1].char
            segment.repairs.append((index - 1, index + 2, joined))
    index = 1
    while index < len(glyphs) - 1:
        before, glyph, after = glyphs[index - 1], glyphs[index], glyphs[index + 1]
        if (
            glyph.char == " "
            and _DIGITISH.fullmatch(before.char)
            and _DIGITISH.fullmatch(after.char)
            and ("." in (before.char, after.char))
            and before.box is not None
            and after.box is not None
            and after.box[0] - before.box[2] < _STRAY_SPACE * size
        ):
            # "4459. 21": a space the page does not show, beside a decimal point
            recognised = before.char + " " + after.char
            del glyphs[index]
            _shift(segment.repairs, index, -1)
            segment.repairs.append((index - 1, index + 1, recognised))
            continue
        index += 1
    _space_figure_runs(segment)
    for index, glyph in enumerate(glyphs):
        left = glyphs[index - 1].char if index > 0 else ""
        right = glyphs[index + 1].char if index + 1 < len(glyphs) else ""
        fixed = _fixed_char(glyph.char, left, right)
        if glyph.char in _DASHES and glyph.confidence < LOW_CONFIDENCE and {left, right} <= _BARS:
            fixed = "="  # a cell of its own, unsure of one stroke: the two of "═" (a direction)
        if fixed is not None:
            glyphs[index] = Glyph(fixed, glyph.confidence, glyph.box)
            segment.repairs.append((index, index + 1, glyph.char))


def _space_figure_runs(segment: _Segment) -> None:
    """Figures in a row ("合计1304.23 2951.55项目") are a flattened table row: spaced from the
    words beside them as the row's cells are ("合计 1304.23 2951.55 项目"). A typesetter puts
    a quarter em between a 汉字 and a figure anyway, so the page cannot say whether the
    original had a space there; the parser reads a row's cells at its spaces."""
    glyphs = segment.glyphs
    text = "".join(glyph.char for glyph in glyphs)
    places = []
    for run in _FIGURE_RUN.finditer(text):
        if run.start() > 0 and _HAN.match(text[run.start() - 1]):
            places.append(run.start())
        if run.end() < len(text) and _HAN.match(text[run.end()]):
            places.append(run.end())
    for place in reversed(places):
        glyphs.insert(place, Glyph(" ", 1.0, None))
        _shift(segment.repairs, place, 1)


def _fixed_char(char: str, before: str, after: str) -> str | None:
    if char == "兀" and (before.isdigit() or before in "万亿千"):
        return "元"  # "5252.64万兀": 兀 is no unit
    if char in "Oo〇" and before.isdigit() and (after.isdigit() or after in ".%"):
        return "0"  # "1O5.2": a letter among a figure's digits
    if char in "Oo" and before == "." and after.isdigit():
        return "0"
    if char in "lI" and before.isdigit() and after.isdigit():
        return "1"
    return None


def _shift(repairs: list[tuple[int, int, str]], at: int, by: int) -> None:
    for position, (start, end, text) in enumerate(repairs):
        if start >= at:
            repairs[position] = (start + by, end + by, text)


def _union(boxes: Sequence[Box | None]) -> Box:
    found = [box for box in boxes if box is not None]
    if not found:
        return (0, 0, 0, 0)
    return (
        min(b[0] for b in found),
        min(b[1] for b in found),
        max(b[2] for b in found),
        max(b[3] for b in found),
    )
