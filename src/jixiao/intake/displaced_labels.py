"""The funds row's label when a flattening put it away from the row's values.

Text taken from a PDF or a spreadsheet column by column can print a 自评表's funds block as
its header and then the values, with the row labels before the header ("年度资金总额 项目实施
单位 … 预算数 (A) 执行数(B) 执行率(B/A) 得分 285.8 285.8 100% 20") or after the values
("年初预算数 … 得分 6.5 6.5 6.1 10 9.4 … 年度资金总额 项目资金 (元)"). The first row under a
funds header is the form's 年度资金总额, so the values read as that row when the label stands
a few cells away with no other figure between; the unit note beside the label ("(元)") is
the row's unit.
"""

from __future__ import annotations

import re

from jixiao.domain.money import MoneyUnit
from jixiao.intake.cells import Cell

_FUNDS_LABEL = re.compile(r"^(?:年度)?(?:财政)?资金总额[:：]?$")
_UNIT_NOTE = re.compile(r"^[(（]\s*(万元|元)\s*[)）]$")
_REACH = 12  # cells between the label and the header or the values
_UNIT_REACH = 3  # cells between the label and its unit note
_MAX_CELL = 24  # a longer cell is running text: the block has ended
_ROWS_REACH = 40  # cells after the values, 其中 rows included
# A 其中 row's label, or a note under it: "其中:中央财政资金", "上年结转资金",
# "(包括以前年度结转资".
_SOURCE_ROW = re.compile(r"^其中|(?:资金|拨款|结转)[)）]?$|^[(（]|^[^()（）]{0,3}[)）]$")


def displaced_funds_label(
    cells: list[Cell], header_start: int, values_end: int
) -> tuple[Cell, MoneyUnit | None] | None:
    """The 年度资金总额 label for the values ``cells[header_start's header : values_end]``,
    looked for before the header and then after the values, and its unit note if any."""
    before = _label_in(cells, range(header_start - 1, max(-1, header_start - 1 - _REACH), -1))
    found = before if before is not None else _label_after(cells, values_end)
    if found is None:
        return None
    return cells[found], _unit_beside(cells, found)


def _label_in(cells: list[Cell], positions: range) -> int | None:
    """The first funds label among ``positions``; none once a figure or running text comes
    between (the label is another block's)."""
    for position in positions:
        cell = cells[position]
        if _FUNDS_LABEL.match(cell.text):
            return position
        if cell.number is not None or len(cell.text) > _MAX_CELL:
            return None
    return None


def _label_after(cells: list[Cell], start: int) -> int | None:
    """After the values the other rows' labels and values come first (上年结转资金 0 0 —):
    the funds label is the first label there, before any running text. The 其中 rows (a
    source of funds and its figures) do not count against the reach: a spreadsheet may list
    four or five of them before the label."""
    other = 0
    for position in range(start, min(len(cells), start + _ROWS_REACH)):
        cell = cells[position]
        if _FUNDS_LABEL.match(cell.text):
            return position
        if len(cell.text) > _MAX_CELL:
            return None
        if cell.number is None and not _SOURCE_ROW.search(cell.text):
            other += 1
            if other > _REACH:
                return None
    return None


def _unit_beside(cells: list[Cell], position: int) -> MoneyUnit | None:
    for near in range(max(0, position - _UNIT_REACH), min(len(cells), position + _UNIT_REACH + 1)):
        note = _UNIT_NOTE.match(cells[near].text)
        if note:
            return MoneyUnit.YUAN if note.group(1) == "元" else MoneyUnit.WAN
    return None
