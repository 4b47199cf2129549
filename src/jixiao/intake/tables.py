"""Meaning out of flattened tables: column headers, row labels and their values.

The layouts read here are the ones units fill in (framework.md §2.3, §3.3): the 自评表's
funds block (年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分), the 基础数据表's
year columns (2022年决算数 / 2023年预算数 / 2023年决算数), the 总分 row, and indicator rows
(三级指标, ≥ ≤ =, 指标值, 单位, 完成值, 分值, 得分). Headers are found by their words, never
by fixed positions; a row with fewer values than columns is right-aligned, because
flattening drops the empty cells at the left of a row (the 上年 column of a new line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.domain.money import Money, MoneyUnit, Rate
from jixiao.domain.report import Indicator
from jixiao.intake.candidates import Candidate
from jixiao.intake.cells import Cell, cell_stream
from jixiao.intake.displaced_labels import displaced_funds_label
from jixiao.intake.headers import Column, first_row_length, header_run
from jixiao.intake.indicators import indicator_at, qualitative_at, undirected_at
from jixiao.intake.lexicon import Lexicon
from jixiao.intake.quantities import Quantity, parse_cell
from jixiao.intake.row_alignment import align, displaced_score, fit, rate_agrees
from jixiao.intake.zero_totals import ZeroTotal, stated_cell

_UNIT = re.compile(r"[(（]\s*(万元|元)\s*[)）]?|单位[:：]\s*(万元|元)")
_FUNDS_ROW = re.compile(r"(?:年度)?资金总额|^总额$|^合计$|^项目资金$|^年度预算$")
# (A title line may come joined with the 单位 line below it: "…情况表单位:元".)
_TABLE_TITLE = re.compile(
    r"^(?=.*(?:\d{4}年|经费|预算|决算|支出|收入)).{4,50}(?:表|说明|情况)"
    r"(?:\s*[(（]?单位[:：]\s*(?:万元|元)[)）]?)?$"
)
# A 三公 table's total row: 合计, or "支出合计" when the table's title says 三公 (the row is the
# table's whole, not the unit's spending).
_TOTAL_ROW = re.compile(r"^(?:支出|经费)?(?:合\s*计|总\s*计)$")
_SCORE_ROW = re.compile(r"^(?:总分|总得分|自评总分|合计得分|综合得分)$")
_ADJUSTMENT_ROW = re.compile(r"整体支出预算调整")
_GRADE = re.compile(r"^(优秀|良好|中等|合格|不合格|优|良|中|差)$")
_LEVEL_NAME = re.compile(r"指标$")
_LEVEL1 = re.compile(r"^(?:产出|效益|效果|满意度|投入|过程|决策)指标$")
# Level-2 names forms print without 指标 ("社会效益", "可持续影响"), under a level-1 name.
_LEVEL2_BARE = re.compile(
    r"^(?:数量|质量|时效|成本|经济效益|社会效益|生态效益|环境效益|可持续影响|服务对象满意度)$"
)
_ROW_PREFIX = re.compile(
    r"^(?:其中[:：]?|\d+[、.]|[一二三四五六七八九十]+、|\(\d+\)|[(（][一二三四五六七八九十]+[)）])"
)
# A row that counts (vehicles, batches, visitors, groups) in a 三公 table's companion table.
_COUNT_ROW = re.compile(
    r"(?:购置数|保有量|批次|人次|次数|团组数?|人数|车辆数|辆数?|\((?:辆|批次?|人次|人|个)\))$"
)
_PART_ROW = re.compile(r"^(?:其中[:：]?\S{2,12}|上年结转资金?|其他资金)[:：]?$")
_MAX_LABEL = 24


@dataclass
class TableReading:
    candidates: list[Candidate] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    claimed: list[tuple[int, int]] = field(default_factory=list)
    zero_totals: list[ZeroTotal] = field(default_factory=list)
    grade: tuple[str, int, int] | None = None


@dataclass
class _State:
    columns: list[Column] = field(default_factory=list)
    unit: MoneyUnit = MoneyUnit.WAN
    levels: list[str] = field(default_factory=lambda: ["", ""])  # 一级, 二级 指标
    topic: str = ""  # "three_public" under a 三公 table's title: its 合计 row is the 三公 total
    # After a funds total row printed as zeros: the figures its one 其中 row with money gave
    # (None: no such total row pending).
    parts: list[Candidate] | None = None
    zero_column: str = ""  # the money column a zero total row is compared in with its parts


def read_tables(
    text: str,
    *,
    kind: str,
    year: int | None,
    lexicon: Lexicon,
    cells: list[Cell] | None = None,
) -> TableReading:
    """Figures, indicators and the grade of the tables flattened into ``text``."""
    if cells is None:
        cells = cell_stream(text)
    reading = TableReading()
    state = _State()
    index = 0
    while index < len(cells):
        following = _step(cells, index, state, reading, kind=kind, year=year, lexicon=lexicon)
        index = max(following, index + 1)
    return reading


def _step(
    cells: list[Cell],
    index: int,
    state: _State,
    reading: TableReading,
    *,
    kind: str,
    year: int | None,
    lexicon: Lexicon,
) -> int:
    cell = cells[index]
    unit = _UNIT.search(cell.text) if "元" in cell.text else None  # every unit names 元
    if unit:
        state.unit = MoneyUnit.YUAN if (unit.group(1) or unit.group(2)) == "元" else MoneyUnit.WAN
    header = header_run(cells, index)
    if header.taken:
        state.columns = header.columns
        state.unit = header.unit or state.unit
        state.parts = None
        after = index + header.taken
        if after >= len(cells) or cells[after].number is None:
            return after
        label = header.row
        if label is None and kind == "project" and _money_columns(state.columns):
            # No row label mixed into the header: the form's funds row, if its label stands
            # a few cells away (see displaced_labels).
            _, end = _values_after(cells, after)
            displaced = displaced_funds_label(cells, index, end)
            if displaced is not None and _coherent(state.columns, cells, after):
                label = displaced[0]
                state.unit = displaced[1] or state.unit
        if label is not None:
            return _first_row(
                cells, after, label, state, reading, kind=kind, year=year, lexicon=lexicon
            )
        return after
    if len(cell.text) > 60:  # a paragraph ends any table context
        state.columns = []
        state.levels = ["", ""]
        state.topic = ""
        return index + 1
    if _TABLE_TITLE.search(cell.text):  # a table's title says what its 合计 row totals
        state.topic = "three_public" if "三公" in cell.text else ""
    if _inline(cell, state, reading, kind=kind, lexicon=lexicon):
        return index + 1
    row = (
        indicator_at(cells, index, state.levels)
        or qualitative_at(cells, index, state.levels)
        or undirected_at(cells, index, state.levels)
    )
    if row is not None:
        reading.indicators.append(row.indicator)
        return row.next_index
    if (_LEVEL_NAME.search(cell.text) and len(cell.text) <= 10) or (
        state.levels[0] and _LEVEL2_BARE.match(cell.text)
    ):
        if _LEVEL1.match(cell.text):
            state.levels = [cell.text, ""]
        else:
            state.levels = [state.levels[0], cell.text]
        return index + 1
    if len(cell.text) > _MAX_LABEL or cell.number is not None:
        return index + 1  # a number opens no row (and its run is not scanned again each time)
    glued = _glued_row(cell, state, kind=kind, lexicon=lexicon)
    if glued is not None:
        cell, first = glued
        values, after = _values_after(cells, index + 1)
        values, after = [(first, first.number), *values], max(after, index + 1)
        _row(cell, values, state, reading, kind=kind, year=year, lexicon=lexicon)
        return after
    values, after = _values_after(cells, index + 1)
    if values:
        _row(cell, values, state, reading, kind=kind, year=year, lexicon=lexicon)
        grade_cell = cells[after] if after < len(cells) else None
        if _SCORE_ROW.match(cell.text) and grade_cell and _GRADE.match(grade_cell.text):
            reading.grade = (grade_cell.text, grade_cell.start, grade_cell.end)
        return after
    if _SCORE_ROW.match(cell.text):
        _score_before(cells, index, reading)
    return index + 1


def _first_row(
    cells: list[Cell],
    index: int,
    label: Cell,
    state: _State,
    reading: TableReading,
    *,
    kind: str,
    year: int | None,
    lexicon: Lexicon,
) -> int:
    """The values straight after a header that a row label was mixed into: the first row's
    (the rows after it, with labels left behind in the header, are not read)."""
    values, after = _values_after(cells, index)
    length = _first_row_length(state.columns, values)
    _row(label, values[:length], state, reading, kind=kind, year=year, lexicon=lexicon)
    return after


def _first_row_length(columns: list[Column], values: list[tuple[Cell, Quantity | None]]) -> int:
    """How many of the values after a header are its first row (see first_row_length); when
    no percentage closes the row, of the lengths a lost cell allows, the one whose values
    read best ("6.5 6.5 6.1 10 9.4 | 6.5 6.5 6.1": the rate cell was blank)."""
    rates = [i for i, (_, q) in enumerate(values) if q is not None and q.kind == "rate"]
    length = first_row_length(columns, len(values), rates)
    if not rates and length < len(values):
        length = max((length, length - 1), key=lambda n: (_fit_of(align(columns, values[:n])), n))
    return length


def _coherent(columns: list[Column], cells: list[Cell], index: int) -> bool:
    """Values whose label is far away are read only when they do not contradict their
    columns: a 执行率 beside them must be their 执行数 ÷ 预算数."""
    values, _ = _values_after(cells, index)
    values = values[: _first_row_length(columns, values)]
    found = {c.kind: q.value for c, (_, q) in align(columns, values) if q is not None}
    return rate_agrees(found) is not False


def _money_columns(columns: list[Column]) -> bool:
    return any(c.kind in _MONEY_COLUMNS for c in columns)


def _fit_of(assigned: list[tuple[Column, tuple[Cell, Quantity | None]]]) -> int:
    return fit([c for c, _ in assigned], [v for _, v in assigned])


def _glued_row(
    cell: Cell, state: _State, *, kind: str, lexicon: Lexicon
) -> tuple[Cell, Cell] | None:
    """A row label and its first value with no space between them ("公务接待17.22"), as OCR
    reads a table row whose cells the page spaces: under year columns only, and only for a
    label that names a figure, so that "2022年" or a heading's number is never cut."""
    if not any(c.kind in ("actual", "budget") for c in state.columns):
        return None
    match = _GLUED_VALUE.fullmatch(cell.text)
    if match is None:
        return None
    label = match.group("label")
    if not _row_paths(_ROW_PREFIX.sub("", label).strip(" :："), lexicon, kind):
        return None
    cut = cell.start + match.start("value")
    return Cell(label, cell.start, cut, cell.line), Cell(
        match.group("value"), cut, cell.end, cell.line
    )


_GLUED_VALUE = re.compile(r"(?P<label>.*[\u4e00-\u9fff])(?P<value>\d[\d,]*\.\d+)")


def _inline(
    cell: Cell, state: _State, reading: TableReading, *, kind: str, lexicon: Lexicon
) -> bool:
    """A cell that holds its label and its bare number: "其中：基本支出：900.47"."""
    label, colon, number = cell.text.rpartition(":")
    if not colon:
        label, colon, number = cell.text.rpartition("：")
    quantity = parse_cell(number) if colon else None
    if quantity is None or quantity.kind == "rate":
        return False
    paths = _row_paths(_ROW_PREFIX.sub("", label).strip(" :："), lexicon, kind)
    value_start = cell.end - len(number) + (len(number) - len(number.lstrip()))
    value_cell = Cell(number.strip(), value_start, cell.end, cell.line)
    for path in paths:
        _add(reading, path, cell, value_cell, quantity, unit=state.unit)
    return bool(paths)


def _values_after(cells: list[Cell], index: int) -> tuple[list[tuple[Cell, Quantity | None]], int]:
    values: list[tuple[Cell, Quantity | None]] = []
    position = index
    while position < len(cells):
        cell = cells[position]
        number = cell.number
        if number is not None:
            values.append((cell, number))
        elif cell.is_placeholder:
            values.append((cell, None))
        else:
            break
        position += 1
    if not any(q is not None for _, q in values):
        return [], index
    return values, position


def _row(
    label: Cell,
    values: list[tuple[Cell, Quantity | None]],
    state: _State,
    reading: TableReading,
    *,
    kind: str,
    year: int | None,
    lexicon: Lexicon,
) -> None:
    name = _ROW_PREFIX.sub("", label.text).strip(" :：")
    assigned = align(state.columns, values)
    if _SCORE_ROW.match(name):
        _score_row(label, values, assigned, reading)
        return
    if _ADJUSTMENT_ROW.search(name):
        stated = [(c, q) for c, q in values if q is not None]
        for path, (value_cell, number) in zip(
            ("budget.initial", "budget.adjusted"), stated, strict=False
        ):
            _add(reading, path, label, value_cell, number, unit=state.unit)
        return
    if state.parts is not None and _PART_ROW.match(label.text):
        _part_row(label, values, state, reading, kind=kind)
        return
    if (
        state.topic != "three_public"
        and _FUNDS_ROW.search(name)
        and any(
            c.kind in ("initial", "adjusted", "executed", "budget_plain") for c in state.columns
        )
    ):
        assigned = displaced_score(state.columns, values, assigned)
        state.parts = None
        if _no_money(assigned):
            # "年度资金总额 0 0 0 10 0 0" above "其中:本年财政拨款 50 48.5 48.5": the zeros are
            # not the project's money; its one 其中 row with money is (see _part_row).
            state.parts = []
            _note_zero_total(label, assigned, state, reading)
            assigned = [a for a in assigned if a[0].kind in ("weight", "score")]
        _funds_row(label, assigned, state, reading, kind=kind)
        return
    if _COUNT_ROW.search(name):
        return  # 公务用车购置数 12, 国内公务接待批次 210: counts, never money
    paths = _row_paths(name, lexicon, kind)
    if state.topic == "three_public" and _TOTAL_ROW.match(name):
        paths = ["three_public.total"]
    if not paths:
        return
    if not state.columns:
        stated = [(c, q) for c, q in values if q is not None]
        # One value, or several that agree (预算 and 决算 alike): the row says what it is.
        if stated and len({q.value for _, q in stated}) == 1 and len(stated) == len(values):
            for path in paths:
                _add(reading, path, label, stated[0][0], stated[0][1], unit=state.unit)
        return
    if any(column.kind in ("weight", "score") for column, _ in assigned):
        # "基本支出 | 610.00 | 598.75 |" under 年初预算数 | 全年执行数 | 分值 | 得分: a spending row
        # has no points, so its amounts fill the money columns from the left
        money = [c for c in state.columns if c.kind in _MONEY_COLUMNS]
        assigned = list(zip(money, values, strict=False))
    revised = any(c.kind == "adjusted" for c in state.columns)
    for column, (cell, quantity) in assigned:
        scope = _column_scope(column, year, kind)
        if column.kind == "initial" and revised:
            continue  # 年初预算数 beside 全年预算数: the revised budget is the year's 预算
        if scope is None or quantity is None:
            continue
        for path in paths:
            _add(reading, path, label, cell, quantity, unit=state.unit, scope=scope)


def _row_paths(name: str, lexicon: Lexicon, kind: str) -> list[str]:
    matches = lexicon.find(name)
    if not matches:
        return []
    best = max(matches, key=lambda m: m.end - m.start)
    if (best.end - best.start) * 2 < len(name):
        return []
    return [
        s.path
        for s in best.senses
        if (s.kinds is None or kind in s.kinds)
        and not s.path.startswith("budget.")
        and not s.path.startswith("accounts.")
    ]


def _column_scope(column: Column, year: int | None, kind: str) -> str | None:
    """The scope a column's figure has; None for columns that are not money of a year."""
    wanted = "budget" if kind == "budget" else "actual"
    if column.kind in ("actual", "budget"):
        if year is None or column.year == year:
            return "" if column.kind == wanted else ("预算" if column.kind == "budget" else "决算")
        return "上年" if column.year is not None and column.year < year else None
    if column.kind in ("actual_current", "actual_plain"):
        return "" if wanted == "actual" else "决算"
    if column.kind in ("budget_current", "budget_plain"):
        return "" if wanted == "budget" else "预算"
    if column.kind == "actual_prior":
        return "上年"
    # A 部门整体 form's 基本支出 and 项目支出 rows under 年初预算数 | 全年执行数: the year's
    # spending is the executed column, the budgets are its 预算 (the other way in a budget text)
    if column.kind == "executed":
        return "" if wanted == "actual" else "决算"
    if column.kind in ("initial", "adjusted"):
        return "" if wanted == "budget" and column.kind == "initial" else "预算"
    return None


def _funds_row(
    label: Cell,
    assigned: list[tuple[Column, tuple[Cell, Quantity | None]]],
    state: _State,
    reading: TableReading,
    *,
    kind: str,
) -> None:
    paths = {
        "initial": "budget.initial",
        "adjusted": "budget.adjusted",
        "executed": "budget.executed",
        "rate": "budget.execution_rate",
        "weight": "budget.weight",  # the 预算执行率 indicator's 分值 and 得分 (points)
        "score": "budget.score",
    }
    if not any(c.kind == "adjusted" for c in state.columns):
        paths["budget_plain"] = "budget.adjusted"  # 预算数(A) beside 执行数(B)
    if not any(c.kind == "executed" for c in state.columns):
        paths["actual_plain"] = "budget.executed"
    for column, (cell, quantity) in assigned:
        if quantity is None or column.kind not in paths:
            continue
        _add(reading, paths[column.kind], label, cell, quantity, unit=state.unit)
        if column.kind == "executed" and kind == "overall":
            _add(reading, "spending.total", label, cell, quantity, unit=state.unit, rank=1)


_MONEY_COLUMNS = ("initial", "adjusted", "executed", "budget_plain", "actual_plain")


def _no_money(assigned: list[tuple[Column, tuple[Cell, Quantity | None]]]) -> bool:
    money = [q for c, (_, q) in assigned if c.kind in _MONEY_COLUMNS and q is not None]
    return bool(money) and all(q.value == 0 for q in money)


def _note_zero_total(
    label: Cell,
    assigned: list[tuple[Column, tuple[Cell, Quantity | None]]],
    state: _State,
    reading: TableReading,
) -> None:
    """Keep the zero total row's executed amount (else its last money cell) for the check
    against the 其中 rows that follow it."""
    kinds = [c.kind for c, (_, q) in assigned if c.kind in _MONEY_COLUMNS and q is not None]
    state.zero_column = "executed" if "executed" in kinds else (kinds[-1] if kinds else "")
    total = stated_cell(label, assigned, state.zero_column, state.unit)
    if total is not None:
        reading.zero_totals.append(ZeroTotal(total))


def _part_row(
    label: Cell,
    values: list[tuple[Cell, Quantity | None]],
    state: _State,
    reading: TableReading,
    *,
    kind: str,
) -> None:
    """A 其中 row under a total row of zeros: its money stands for the project's when it is
    the only part that has any. Such a row fills the money columns only (分值, 执行率 and
    得分 are the total row's), so its values are aligned to those; a second part with money
    takes back what the first gave (their sum is not read: the form does not state it)."""
    money = [c for c in state.columns if c.kind in _MONEY_COLUMNS]
    if state.parts is None or not money or len(values) > len(money):
        return
    assigned = list(zip(money[len(money) - len(values) :], values, strict=True))
    if _no_money(assigned) or not any(q is not None for _, q in values):
        return
    part = stated_cell(label, assigned, state.zero_column, state.unit)
    if part is not None and reading.zero_totals:
        reading.zero_totals[-1].parts.append(part)
    if state.parts:
        for candidate in state.parts:
            reading.candidates.remove(candidate)
        state.parts = None
        return
    before = len(reading.candidates)
    _funds_row(label, assigned, state, reading, kind=kind)
    state.parts = reading.candidates[before:]


def _score_row(
    label: Cell,
    values: list[tuple[Cell, Quantity | None]],
    assigned: list[tuple[Column, tuple[Cell, Quantity | None]]],
    reading: TableReading,
) -> None:
    scored = [(c, q) for col, (c, q) in assigned if col.kind == "score" and q is not None]
    numbers = [(c, q) for c, q in values if q is not None]
    if scored:
        chosen = scored[0]
    elif len(numbers) == 2 and numbers[0][1] is not None and numbers[0][1].value == 100:
        chosen = numbers[1]
    elif len(numbers) == 1:
        chosen = numbers[0]
    else:
        return
    cell, quantity = chosen
    if quantity is None:
        return
    reading.candidates.append(
        Candidate("performance.self_score", Rate.parse(quantity.digits), label.start, cell.end)
    )
    reading.claimed.append((cell.start, cell.end))


def _score_before(cells: list[Cell], index: int, reading: TableReading) -> None:
    """The 总分 label printed after its values, with nothing after it ("… 10 10 100 94 总分"):
    read only when unambiguous, the full 100 and then one score of at most 100."""
    if index < 2:
        return
    full, own = cells[index - 2].number, cells[index - 1].number
    if full is None or own is None or "rate" in (full.kind, own.kind):
        return
    if full.value != 100 or not 0 <= own.value <= 100:
        return
    cell = cells[index - 1]
    reading.candidates.append(
        Candidate(
            "performance.self_score",
            Rate.parse(own.digits),
            cells[index - 2].start,
            cells[index].end,
        )
    )
    reading.claimed.append((cell.start, cell.end))


def _add(
    reading: TableReading,
    path: str,
    label: Cell,
    cell: Cell,
    quantity: Quantity,
    *,
    unit: MoneyUnit,
    scope: str = "",
    rank: int = 0,
) -> None:
    if path.endswith(("_rate", ".weight", ".score")):
        value: Money | Rate = Rate.parse(quantity.digits)
    elif quantity.kind == "rate":
        return
    elif quantity.kind == "amount":
        money = quantity.money()
        if money is None:
            return
        value = money
    else:
        value = Money.parse(quantity.digits, unit)
    # The quote runs from the label to the value, or (a label printed after its row's
    # values, see displaced_labels) from the value to the label.
    reading.candidates.append(
        Candidate(
            path,
            value,
            min(label.start, cell.start),
            max(cell.end, label.end if label.start > cell.start else cell.end),
            scope=scope,
            rank=rank,
        )
    )
    reading.claimed.append((cell.start, cell.end))


def _decimal(text: str) -> Decimal | None:
    cleaned = text.replace("%", "").strip()
    try:
        return Decimal(cleaned)
    except ArithmeticError:
        return None
