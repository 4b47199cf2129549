"""Indicator rows of a 自评表, however the flattening left them.

    [三级指标] [≥] [指标值] [单位] [完成值] [分值] [得分] ([偏差原因])   a cell per column
    [三级指标] [≥40处] [42处] [15] [15]                           direction inside target
    [三级指标] [有效] [有效] [10] [10]                            qualitative, no 指标性质

A 完成值 may be a number or words ("已建立，维护台账待完善"); 分值 and 得分 are numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from jixiao.domain.report import Direction, Indicator
from jixiao.intake.cells import Cell

DIRECTIONS = {
    "≥": Direction.AT_LEAST, "≧": Direction.AT_LEAST, ">=": Direction.AT_LEAST,
    ">": Direction.AT_LEAST, "≤": Direction.AT_MOST, "≦": Direction.AT_MOST,
    "<=": Direction.AT_MOST, "<": Direction.AT_MOST,
    "=": Direction.EQUAL, "＝": Direction.EQUAL, "═": Direction.EQUAL, "==": Direction.EQUAL,
    "﹦": Direction.EQUAL, "﹥": Direction.AT_LEAST, "﹤": Direction.AT_MOST,
    "定性": Direction.QUALITATIVE,
}  # fmt: skip
_DIRECTED_TARGET = re.compile(r"^(≥|≧|>=|≤|≦|<=|＝|═|﹦|﹥|﹤|=|>|<)\s*(\S.*)$")
_NAMED = re.compile(r"[\u4e00-\u9fff]")  # an indicator's name has words, not a lone sign
_NOT_INDICATOR = re.compile(r"总分|合计|得分|说明|备注|原因")
_MAX_NAME = 40
_MAX_ACTUAL = 40
_MAX_UNIT = 4
_MAX_WORD = 12


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    indicator: Indicator
    next_index: int


def indicator_at(cells: list[Cell], index: int, levels: list[str]) -> IndicatorRow | None:
    """The indicator row whose direction (or qualitative target) is at ``index``, if any."""
    cell = cells[index]
    if index == 0:
        return None
    name = cells[index - 1].text
    if not name or len(name) > _MAX_NAME or cells[index - 1].number is not None:
        return None
    if cell.text in DIRECTIONS:
        if index + 1 >= len(cells):
            return None
        head = (name, DIRECTIONS[cell.text], cells[index + 1].text)
        return _rest(cells, index + 2, levels, head)
    directed = _DIRECTED_TARGET.match(cell.text)
    if directed and len(cell.text) <= _MAX_WORD:
        head = (name, DIRECTIONS[directed.group(1)], directed.group(2))
        return _rest(cells, index + 1, levels, head)
    return None


def undirected_at(cells: list[Cell], index: int, levels: list[str]) -> IndicatorRow | None:
    """[三级指标] [指标值] [单位] [完成值] [分值] [得分] on one row of an indicator block, with no
    direction between name and target: the column left empty, or a "≧" the recogniser could
    not read. The direction stays unknown; the five figures and the unit on one line are what
    make it an indicator row and not a row of money."""
    if not levels[0] or index + 5 >= len(cells):
        return None
    name, target, unit, actual, weight, score = cells[index : index + 6]
    if len({c.line for c in (name, target, unit, actual, weight, score)}) != 1:
        return None
    if name.number is not None or len(name.text) > _MAX_NAME or not _NAMED.search(name.text):
        return None
    if name.text.endswith("指标") or _NOT_INDICATOR.search(name.text):
        return None
    if not unit.text or not _is_unit(unit) or unit.is_placeholder:
        return None
    if any(c.number is None for c in (target, actual)) or not (_points(weight) and _points(score)):
        return None
    return _rest(cells, index + 2, levels, (name.text, None, target.text))


def qualitative_at(cells: list[Cell], index: int, levels: list[str]) -> IndicatorRow | None:
    """[三级指标] [指标值 words] [完成值 words] [分值] [得分], inside an indicator block."""
    if not levels[0] or index + 4 >= len(cells):
        return None
    name, target, actual, weight, score = cells[index : index + 5]
    if not (name.text and target.text and actual.text):
        return None  # cells left empty: a blank row of the template, not an indicator
    words = (target, actual)
    if name.number is not None or len(name.text) > _MAX_NAME or name.text.endswith("指标"):
        return None
    if any(_NOT_INDICATOR.search(c.text) for c in (name, target, actual)):
        return None
    if any(
        w.number is not None or len(w.text) > _MAX_WORD or _DIRECTED_TARGET.match(w.text)
        for w in words
    ):
        return None
    if not _points(weight) or not _points(score):
        return None
    return IndicatorRow(
        Indicator(
            level1=levels[0],
            level2=levels[1],
            level3=name.text,
            direction=Direction.QUALITATIVE,
            target=target.text,
            actual=actual.text,
            weight=_decimal(weight.text),
            score=_decimal(score.text),
        ),
        index + 5,
    )


def _rest(
    cells: list[Cell], index: int, levels: list[str], head: tuple[str, Direction | None, str]
) -> IndicatorRow:
    """The cells after the target: (单位) 完成值 (分值 得分); ``head`` = name, direction, target."""
    name, direction, target = head
    position = index
    unit = None
    if position < len(cells) and _is_unit(cells[position]) and _has_numbers_after(cells, position):
        unit = cells[position].text
        position += 1
    actual = None
    if position < len(cells) and len(cells[position].text) <= _MAX_ACTUAL:
        actual = cells[position].text
        position += 1
    numbers: list[Decimal | None] = []
    while position < len(cells) and len(numbers) < 2 and cells[position].number is not None:
        numbers.append(_decimal(cells[position].text))
        position += 1
    return IndicatorRow(
        Indicator(
            level1=levels[0],
            level2=levels[1],
            level3=name,
            direction=direction,
            target=target,
            actual=actual,
            unit=unit,
            weight=numbers[0] if numbers else None,
            score=numbers[1] if len(numbers) > 1 else None,
        ),
        position,
    )


def _points(cell: Cell) -> bool:
    """A 分值 or 得分 cell: a number, never a percentage ("目标 10 45.17%" is a rate beside
    its weight, as a page flattened out of order prints a funds row, not a score)."""
    return cell.number is not None and cell.number.kind != "rate"


def _is_unit(cell: Cell) -> bool:
    return cell.number is None and len(cell.text) <= _MAX_UNIT


def _has_numbers_after(cells: list[Cell], position: int) -> bool:
    """A unit cell is followed by the 完成值 (then numbers); a short 完成值 word is not."""
    following = cells[position + 1 : position + 3]
    return len(following) == 2 and following[1].number is not None


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace("%", "").replace(",", "").strip())
    except InvalidOperation:
        return None
