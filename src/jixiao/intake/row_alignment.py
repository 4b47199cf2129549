"""Which columns a table row's values fill when the row has fewer values than its header.

Flattening drops a row's empty cells. They were at the left (a new line's 上年 column), at the
right (an unfilled 得分) or, on a page copied with its blanks dropped, inside the row. The row
itself says which where it can: a percentage sits in the 执行率 column, 执行率 = 执行数 ÷ 预算数,
a 分值 is at most 100 and its 得分 at most the 分值. Without such evidence the row is
right-aligned, the commoner case.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import combinations

from jixiao.intake.cells import Cell
from jixiao.intake.headers import Column
from jixiao.intake.numerals import rate_fits
from jixiao.intake.quantities import Quantity


def align(
    columns: list[Column], values: list[tuple[Cell, Quantity | None]]
) -> list[tuple[Column, tuple[Cell, Quantity | None]]]:
    numeric = [c for c in columns if c.kind != "text"]
    if not numeric:
        return []
    if len(values) >= len(numeric):
        return list(zip(numeric, values[: len(numeric)], strict=True))
    # A short row lost empty cells, at the left (a new line's 上年 column) or at the right (an
    # unfilled 得分). Where the row says which, follow it: a percentage sits in the 执行率
    # column and 执行率 = 执行数 ÷ 预算数; otherwise right-align, the commoner case.
    room = len(numeric) - len(values)
    best = max(range(room + 1), key=lambda shift: (fit(numeric[shift:], values), shift))
    window = numeric[best : best + len(values)]
    inner = _inner_gap(numeric, values)
    if inner is not None and fit(inner, values) > fit(window, values):
        window = inner
    return list(zip(window, values, strict=True))


_MAX_GAP_COLUMNS = 8  # a funds header has six numeric columns; the choice stays small


def _inner_gap(
    columns: list[Column], values: list[tuple[Cell, Quantity | None]]
) -> list[Column] | None:
    """The columns a short row fills when the empty cells it lost were inside it, as a page
    copied with its blank cells dropped prints "880 880 880 10 10" under 年初 | 全年 | 执行 |
    分值 | 执行率 | 得分 (no 执行率). Such a reading is taken only when it reads better than
    any left or right alignment (see align), so a row without evidence stays aligned."""
    if len(columns) > _MAX_GAP_COLUMNS or not values:
        return None
    best: tuple[int, list[Column]] | None = None
    for kept in combinations(range(len(columns)), len(values)):
        if kept[-1] - kept[0] + 1 == len(kept):
            continue  # a window without a gap: _align's own choice
        chosen = [columns[i] for i in kept]
        score = fit(chosen, values)
        if best is None or score > best[0]:
            best = (score, chosen)
    return best[1] if best else None


def fit(columns: list[Column], values: list[tuple[Cell, Quantity | None]]) -> int:
    """How well ``values`` read under ``columns``, left-aligned (higher is better)."""
    score = 0
    found: dict[str, Decimal] = {}
    for column, (_, quantity) in zip(columns, values, strict=False):
        if quantity is None:
            continue
        is_rate = quantity.kind == "rate"
        if column.kind == "rate":
            score += 2 if is_rate else -1
        elif is_rate:
            score -= 2
        found[column.kind] = quantity.value
    if (agrees := rate_agrees(found)) is not None:
        score += 3 if agrees else -1
    # Points: a 分值 is at most 100, and its 得分 at most the 分值.
    weight, points = found.get("weight"), found.get("score")
    if weight is not None and weight > 100:
        score -= 2
    if weight is not None and points is not None:
        score += 1 if points <= weight else -2
    return score


def displaced_score(
    columns: list[Column],
    values: list[tuple[Cell, Quantity | None]],
    assigned: list[tuple[Column, tuple[Cell, Quantity | None]]],
) -> list[tuple[Column, tuple[Cell, Quantity | None]]]:
    """The funds row with its 得分 when the header lost that column: a spreadsheet's 得分 cell
    merged over two header rows is flattened after the first row, so the header reads
    ... 分值 执行率 and the row has one number more. In the template 得分 follows 执行率."""
    kinds = [c.kind for c in columns if c.kind != "text"]
    if "score" in kinds or kinds[-2:] not in (["weight", "rate"], ["rate", "weight"]):
        return assigned
    if len(values) != len(kinds) + 1:
        return assigned
    extra = values[-1][1]
    if extra is None or extra.kind == "rate":
        return assigned
    return [*assigned, (Column("score"), values[-1])]


def rate_agrees(found: dict[str, Decimal]) -> bool | None:
    """Whether a row's 执行率 is its 执行数 ÷ 预算数 (to within a point), by column kind;
    None when the row lacks one of the three. A rate beside a budget of 0 never agrees."""
    budget = found.get("adjusted", found.get("budget_plain"))
    spent = found.get("executed", found.get("actual_plain"))
    rate = found.get("rate")
    if budget is None or spent is None or rate is None:
        return None
    return rate_fits(rate, spent, budget, points=Decimal(1))
