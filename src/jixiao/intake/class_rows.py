"""功能分类 rows of two-column tables: "| 城乡社区支出 | 6,812.45 |", or a 决算总表's expenditure
side "| 八、社会保障和就业支出 | 39 | 862.14 |" (a 行次 number before the amount).

A row counts when its label is a 类 name of the year. The first 合计 row after the rows (合计,
本年支出合计, 支出合计) is the whole they break down.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.domain.classification import Classification
from jixiao.domain.money import Money, MoneyUnit
from jixiao.intake.cells import Cell
from jixiao.intake.field_tables import TableFunctionalLine

_PREFIX = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+[、.]|[(（][一二三四五六七八九十\d]+[)）])")
_TOTAL = re.compile(r"^(?:合计|总计|本年支出合计|支出合计)$")
_LINE_NUMBER = re.compile(r"^\d{1,3}$")
_UNIT = re.compile(r"(?:单位|金额)\s*[:：(（]\s*(万元|元)")
_LOOKAHEAD = 3  # cells after a label: an optional 行次, then the amount


@dataclass(frozen=True, slots=True)
class ClassRows:
    lines: tuple[TableFunctionalLine, ...]
    whole: tuple[Money, int, int] | None


def read_class_rows(cells: list[Cell], classification: Classification) -> ClassRows | None:
    unit = MoneyUnit.WAN
    lines: list[TableFunctionalLine] = []
    whole: tuple[Money, int, int] | None = None
    numbered = False  # the table has a 行次 column: a small integer after a label is not money
    for index, cell in enumerate(cells):
        numbered = numbered or cell.text in ("行次", "栏次")
        stated = _UNIT.search(cell.text)
        if stated:
            unit = MoneyUnit.YUAN if stated.group(1) == "元" else MoneyUnit.WAN
        name = _PREFIX.sub("", cell.text).strip()
        if len(name) > 16 or cell.number is not None:
            continue
        if lines and _TOTAL.match(name):
            found = _amount(cells, index, unit, numbered=numbered)
            if found:
                whole = (found[1], cell.start, found[0].end)
            break
        matched = classification.match(name) if name.endswith("支出") else None
        found = _amount(cells, index, unit, numbered=numbered) if matched else None
        if matched and found and all(line.code != matched.code for line in lines):
            line = TableFunctionalLine(matched.code, name, found[1], cell.start, found[0].end)
            lines.append(line)
    if len(lines) < 2:
        return None
    return ClassRows(tuple(lines), whole)


def _amount(
    cells: list[Cell], index: int, unit: MoneyUnit, *, numbered: bool
) -> tuple[Cell, Money] | None:
    """The amount after a label, past a 行次 number; None when the row's amount is empty."""
    for position in range(index + 1, min(index + 1 + _LOOKAHEAD, len(cells))):
        cell = cells[position]
        number = cell.number
        if number is None:
            return None
        if numbered and _LINE_NUMBER.match(cell.text):
            if position == index + 1:
                continue  # 行次: the amount, if any, follows
            return None  # the next row's 行次: this row's amount cell was empty
        if number.kind == "amount":
            money = number.money()
            return (cell, money) if money else None
        if number.kind == "number":
            return cell, Money.parse(number.digits, unit)
        return None
    return None
