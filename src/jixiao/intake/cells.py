"""The cell stream: a document's lines cut into the cells of the tables they flatten.

Real reports reach us with their tables flattened: one cell per line, pipe-separated rows
whose row breaks are not to be trusted, or OCR lines where cells are separated by spaces
("三公经费 29.08 63.46 44.29"). All three become one ordered stream of cells with offsets
into the normalized text; tables.py reads meaning out of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.intake.quantities import Quantity, parse_cell

# A bare number standing alone between spaces: the line is OCR'd table cells.
_SPACED_NUMBERS = re.compile(r"(?:^|\s)-?\d[\d,]*(?:\.\d+)?\.?%?(?=\s|$)")
_PLACEHOLDER = re.compile(r"[—–\-/、\\]+|无")
_WHITESPACE = re.compile(r"\s")
# A whole header cell: 年初预算数, 全年(调整)预算数, 2023年决算数, 执行率(B/A), 分值, 一级指标 …
_COLUMN_WORD = re.compile(
    r"(?:\d{4}年度?)?(?:年初|全年|调整后?|本年|上年|全年\(调整\))?(?:预算|决算|执行)"
    r"(?:数|金额|资金总额)?(?:\([^)]*\))?|(?:预算)?执行率(?:\([^)]*\))?|(?:自评)?得分|分值|权重"
    r"|[一二三]级指标|(?:年度)?指标值|(?:实际)?完成值|(?:全年)?实际完成(?:值|情况)?|度量单位|指标性质"
)
_SENTENCE_MARK = re.compile(r"[，。；：,;]")
_MAX_HEADER_WORD = 16


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    start: int
    end: int
    line: int  # 0-based line number, so that a pipe row can be told apart when it matters
    number: Quantity | None = field(init=False, compare=False)

    def __post_init__(self) -> None:
        # Read once: table parsing asks every cell several times whether it is a number.
        object.__setattr__(self, "number", parse_cell(self.text))

    @property
    def is_placeholder(self) -> bool:
        """ "—", "/", "-" or nothing: an empty value cell that still holds its column."""
        return not self.text or bool(_PLACEHOLDER.fullmatch(self.text))


def cell_stream(text: str) -> list[Cell]:
    cells: list[Cell] = []
    offset = 0
    lines = text.split("\n")
    previous = ""  # the last line that was not blank
    for number, line in enumerate(lines):
        stripped = line.strip()
        if stripped == "|" and previous and not previous.endswith("|"):
            # "年度\n|\n合计\n|": a bar on its own line closes the cell above it; only
            # after a line that ends in a bar ("79 |\n|") is it an empty cell of its own.
            pass
        else:
            cells.extend(_line_cells(line, offset, number))
        if stripped:
            previous = stripped
        offset += len(line) + 1
    return cells


def _line_cells(line: str, offset: int, number: int) -> list[Cell]:
    stripped = line.strip()
    if not stripped:
        return []  # a blank line holds no bar, no number and no text: no cells either way
    if stripped == "|":  # one cell per line, each ending in a bar: this one is empty
        at = offset + line.index("|")
        return [Cell("", at, at, number)]
    bars = line.count("|")
    if bars >= 2 or (bars == 1 and stripped.startswith("|")) or stripped.endswith(" |"):
        return _split(line, offset, number, "|")
    if _spaced_numbers(line) or _spaced_header(stripped):
        return _split_spaces(line, offset, number)
    lead = len(line) - len(line.lstrip())
    if _YEAR_HEADERS.search(stripped):
        return _header_cells(stripped, offset + lead, number)
    return [Cell(stripped, offset + lead, offset + lead + len(stripped), number)]


def _spaced_numbers(line: str) -> bool:
    """Does _SPACED_NUMBERS occur in the line? Without whitespace it can only match at the
    start (``^``), so one cheap scan for whitespace spares most prose lines the search."""
    if _WHITESPACE.search(line) is None:
        return _SPACED_NUMBERS.match(line) is not None
    return _SPACED_NUMBERS.search(line) is not None


def _spaced_header(stripped: str) -> bool:
    """A header row on a line of its own, its cells spaced by the page: "项目资金(万元) 年初预算数
    全年预算数 全年执行数 分值 执行率 得分". Text copied from a PDF or a spreadsheet puts the header
    and each row on lines of their own; without a number the line would stay one cell and the
    values below would have no columns. Short words, two or more of them column words."""
    if _WHITESPACE.search(stripped) is None:
        return False
    words = stripped.split()
    if len(words) < 3 or any(len(w) > _MAX_HEADER_WORD or _SENTENCE_MARK.search(w) for w in words):
        return False
    return sum(1 for w in words if _COLUMN_WORD.fullmatch(w)) >= 2


def _split(line: str, offset: int, number: int, separator: str) -> list[Cell]:
    cells = []
    position = 0
    for piece in line.split(separator):
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            start = offset + position + lead
            cells.append(Cell(stripped, start, start + len(stripped), number))
        position += len(piece) + len(separator)
    return cells


def _split_spaces(line: str, offset: int, number: int) -> list[Cell]:
    cells = []
    for token in re.finditer(r"\S+", line):
        if _YEAR_HEADERS.search(token.group(0)):
            cells.extend(_header_cells(token.group(0), offset + token.start(), number))
            continue
        # "620.82万元620.82万元620.82万元": amount cells a conversion ran together
        glued = _GLUED_AMOUNTS.fullmatch(token.group(0))
        pieces = _AMOUNT.finditer(token.group(0)) if glued else [token]
        start = token.start() if glued else 0
        for piece in pieces:
            at = offset + start + piece.start()
            cells.append(Cell(piece.group(0), at, at + len(piece.group(0)), number))
    return cells


def _header_cells(token: str, at: int, number: int) -> list[Cell]:
    """A table's year columns run together with what stands beside them, as OCR gives a
    flattened header whose cells are spaced by the page, not by characters:
    "经费控制情况2017年决算数2018年预算数2018年决算数三公经费29.08" → 经费控制情况 | 2017年决算数 |
    2018年预算数 | 2018年决算数 | 三公经费 | 29.08. Two year columns back to back never occur in
    prose, so the cut is safe there; a figure at the end is the first row's first value."""
    run = _YEAR_HEADERS.search(token)
    assert run is not None
    spans = [(0, run.start())]
    spans += [
        (m.start() + run.start(), m.end() + run.start())
        for m in _YEAR_HEADER.finditer(run.group(0))
    ]
    rest = token[run.end() :]
    figure = _TRAILING_FIGURE.search(rest)
    cut = run.end() + (figure.start() if figure else len(rest))
    spans += [(run.end(), cut), (cut, len(token))]
    return [Cell(token[a:b], at + a, at + b, number) for a, b in spans if a < b]


# Two or more year columns with nothing between them ("2017年决算数2018年预算数").
_YEAR_HEADER = re.compile(r"\d{4}年度?(?:预算|决算|执行)数")
_YEAR_COLUMN_TAIL = r"年度?(?:预算|决算|执行)数"
# Written to open with one digit outside any repeat, so that the engine skips in C to the
# digits instead of trying the repeat at every character of every line.
_YEAR_HEADERS = re.compile(rf"\d\d{{3}}{_YEAR_COLUMN_TAIL}(?:\d{{4}}{_YEAR_COLUMN_TAIL})+")
_TRAILING_FIGURE = re.compile(r"(?<![\d.])\d[\d,]*(?:\.\d+)?%?$")
_AMOUNT = re.compile(r"\d[\d,]*(?:\.\d+)?万?元")
_GLUED_AMOUNTS = re.compile(r"(?:\d[\d,]*(?:\.\d+)?万?元){2,}")
