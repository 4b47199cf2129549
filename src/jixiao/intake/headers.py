"""Column headers of flattened tables: which cells name columns, and which column each names.

A header is two or more column names in a row ("年初预算数 | 全年预算数 | 全年执行数 | 执行率"),
or one cell holding them all, spaced. A spreadsheet flattened column by column can mix into
the header the cells that stand beside it in the sheet: the unit note under a merged header
cell and the funds block's row labels ("项目资金 年初预算数 (万元) 年度资金总额 其中:当年财政拨款
实施单位 全年预算数 全年执行数 分值 执行率 得分 48.2 48.2 47.9 10 99% 9"). Those cells are
stepped over; the first row label so stepped over owns the values that follow the header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.domain.money import MoneyUnit
from jixiao.intake.cells import Cell

_CHANGE = "(?:支出)?(?:增减|减少|增加|增长|下降)"
COLUMNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), kind)
    for pattern, kind in (
        (r"年初预算(?:数|资金总额|资金)?", "initial"),
        (r"(?:全年(?:[(（]调整[)）])?预算(?:数)?|调整后?预算(?:数)?)", "adjusted"),
        (r"(?:全年执行数|预算执行数|实际执行数|执行数|实际投入资金额?)", "executed"),
        (r"(?:预算)?执行率", "rate"),
        (r"(?:分值|权重|满分)", "weight"),
        (r"(?:自评)?得分", "score"),
        (r"(?P<year>\d{4})年(?:度)?(?:决算数?|支出(?:数|决算数?)?)", "actual"),
        (r"(?P<year>\d{4})年(?:度)?预算数?", "budget"),
        (r"上年(?:度)?决算数?", "actual_prior"),
        (r"本年(?:度)?预算数?", "budget_current"),
        (r"本年(?:度)?决算数?", "actual_current"),
        # Bare 预算数 / 决算数: the report year's (三公 tables, 自评表 预算数(A) / 执行数(B)).
        (r"(?:全年)?预算(?:数|金额)|预算安排数?", "budget_plain"),
        (r"(?:全年)?决算(?:数|金额)|实际支出数?|支出决算数?", "actual_plain"),
        # A change on the year before, in money or in percent: never a figure of the year.
        (
            rf"(?:较|比|同比)上年(?:度)?{_CHANGE}(?:情况|额|数|金额)?|{_CHANGE}(?:情况|额|数|金额)",
            "change",
        ),
        (rf"(?:(?:较|比|同比)?上年(?:度)?)?{_CHANGE}(?:率|幅度|比例|百分比|%)", "change_rate"),
    )
)
# Any column name at all: one test turns down the many cells that name no column before
# each pattern of COLUMNS is tried in turn.
_ANY_COLUMN = re.compile(
    "|".join(f"(?:{pattern.pattern})" for pattern, _ in COLUMNS).replace("(?P<year>", "(?:")
)
# A bracketed note or a colon that ends a header cell. Opening with one character class lets the
# engine skip in C to the brackets and colons (an alternation was tried at every character).
_COLUMN_NOTE = re.compile(r"[(（:：](?:(?<=[(（])[^)）]*[)）]?|(?<=[:：]))$")
# A header word a flattened table broke over two cells ("年初" / "预算数").
_HEADER_HEAD = re.compile(r"^(?:年初|全年|调整后|本年|上年|预算|全年预算|全年执行|实际)$")
_TEXT_COLUMNS = re.compile(r"原因|说明|偏差|备注|改进措施")
# Cells a column-wise flattening puts between a funds block's column names.
_UNIT_NOTE = re.compile(r"^[(（]\s*(万元|元)\s*[)）]$")
_FUNDS_LABEL = re.compile(r"^(?:年度资金总额|资金总额)[:：]?$")
_PART_LABEL = re.compile(r"^(?:其中[:：]?\S{2,12}|上年结转资金?|其他资金)$")
_FORM_LABEL = re.compile(r"^(?:实施单位|主管部门)$")
_MAX_STEP_OVER = 4


@dataclass(frozen=True, slots=True)
class Column:
    kind: str
    year: int | None = None


@dataclass(frozen=True, slots=True)
class Header:
    columns: list[Column]
    taken: int  # cells the header took (0: not a header)
    row: Cell | None = None  # a funds row label stepped over: it owns the values after
    unit: MoneyUnit | None = None  # a unit note stepped over


_NONE = Header([], 0)


def header_run(cells: list[Cell], index: int) -> Header:
    """Two or more column names in a row; text columns (原因…) in between are kept as such,
    and the cells a column-wise flattening mixed in (see the module's docstring) are stepped
    over when a column name follows them."""
    spaced = spaced_header(cells[index].text)
    if spaced:
        return Header(spaced, 1)
    columns: list[Column] = []
    position = index
    row: Cell | None = None
    unit: MoneyUnit | None = None
    while position < len(cells):
        text = cells[position].text
        column = column_of(text)
        if _HEADER_HEAD.match(text) and position + 1 < len(cells):
            joined = column_of(text + cells[position + 1].text)
            if joined is not None:
                columns.append(joined)
                position += 2
                continue
        if column is None and columns and _TEXT_COLUMNS.search(text):
            columns.append(Column("text"))
            position += 1
            continue
        if column is None and columns:
            noted = _note_length(cells, position)
            if noted:  # "预算数 (A) 执行数(B)": the page spaced a column's note off its name
                position += noted
                continue
            over = _stepped_over(cells, position)
            if over:
                stepped = cells[position : position + over]
                row = row or next((c for c in stepped if _FUNDS_LABEL.match(c.text)), None)
                note = next(
                    (_UNIT_NOTE.match(c.text) for c in stepped if _UNIT_NOTE.match(c.text)), None
                )
                if note:
                    unit = MoneyUnit.YUAN if note.group(1) == "元" else MoneyUnit.WAN
                position += over
                continue
        if column is None:
            break
        columns.append(column)
        position += 1
    while columns and columns[-1].kind == "text":
        columns.pop()
        position -= 1
    if sum(1 for c in columns if c.kind != "text") < 2:
        return _NONE
    return Header(columns, position - index, row, unit)


def _stepped_over(cells: list[Cell], position: int) -> int:
    """How many cells from ``position`` are mixed-in labels and notes followed by a column
    name (0 when they are not, or when no row label is among them: a lone note closes)."""
    end = position
    while end < len(cells) and end - position < _MAX_STEP_OVER and _mixed_in(cells[end].text):
        end += 1
    if end == position or end >= len(cells) or column_of(cells[end].text) is None:
        return 0
    if not any(_FUNDS_LABEL.match(c.text) for c in cells[position:end]):
        return 0
    return end - position


_NOTE_WHOLE = re.compile(r"^[(（][^()（）]{1,12}[)）]$")
_NOTE_OPEN = re.compile(r"^[(（][^()（）]{0,12}$")
_NOTE_CLOSE = re.compile(r"^[^()（）]{0,12}[)）]$")
_NOTE_CELLS = 3


def _note_length(cells: list[Cell], position: int) -> int:
    """How many cells from ``position`` are one bracketed note standing after a column name:
    "(A)", or "(20" "分*执行率)" that spaces cut apart (0 when they are none)."""
    text = cells[position].text
    if _NOTE_WHOLE.match(text) and not _UNIT_NOTE.match(text):
        return 1
    if not _NOTE_OPEN.match(text):
        return 0
    for end in range(position + 1, min(position + _NOTE_CELLS, len(cells))):
        if _NOTE_CLOSE.match(cells[end].text):
            return end - position + 1
        if not _NOTE_OPEN.match("(" + cells[end].text):
            return 0
    return 0


def _mixed_in(text: str) -> bool:
    return bool(
        _UNIT_NOTE.match(text)
        or _FUNDS_LABEL.match(text)
        or _PART_LABEL.match(text)
        or _FORM_LABEL.match(text)
    )


def spaced_header(text: str) -> list[Column]:
    """A whole header in one cell, its names separated by spaces ("年初预算资金总额(万元)
    实际投入资金额(万元) 产生差异的原因"): the columns, when every name is one."""
    names = text.split()
    if len(names) < 2:
        return []
    columns = []
    for name in names:
        column = column_of(name)
        if column is None and not _TEXT_COLUMNS.search(name):
            return []
        columns.append(column or Column("text"))
    return columns if sum(1 for c in columns if c.kind != "text") >= 2 else []


def column_of(text: str) -> Column | None:
    cleaned = _COLUMN_NOTE.sub("", text.replace(" ", ""))
    if not _ANY_COLUMN.fullmatch(cleaned):
        return None
    for pattern, kind in COLUMNS:
        match = pattern.fullmatch(cleaned)
        if match:
            year = match.groupdict().get("year")
            return Column(kind, int(year) if year else None)
    return None


def first_row_length(columns: list[Column], values: int, rates: list[int]) -> int:
    """How many of ``values`` after a header are its first row, when the values of several
    rows run on: the template puts 执行率 in a fixed place, so the first percentage closes
    the row that many columns before its end. ``rates`` are the positions of percentages."""
    numeric = [c.kind for c in columns if c.kind != "text"]
    if values <= len(numeric) or "rate" not in numeric or not rates:
        return min(values, len(numeric))
    after_rate = len(numeric) - numeric.index("rate")
    return min(values, rates[0] + after_rate, len(numeric))
