"""决算公开表 flattened: the columns are the fields, the rows are 合计 and the 功能分类.

    项目 | 本年支出合计 | 基本支出 | 项目支出 | 上缴上级支出 | …
    科目编码 | 科目名称 | 栏次 | 1 | 2 | 3 | …
    合计 | 2,046.88 | 1,358.30 | 688.58 | 0.00 | …
    201 | 一般公共服务支出 | 1,512.36 | 1,021.30 | 491.06 | …

The header is a run of short text cells among which at least two are field labels; the
栏次 numbers 1…n are skipped; the 合计 row gives the fields, and each row whose code is a
类 (three digits) gives a functional line with the amount of the first (total) column.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from jixiao.domain.classification import Classification
from jixiao.domain.money import Money, MoneyUnit
from jixiao.intake.candidates import Candidate
from jixiao.intake.cells import Cell
from jixiao.intake.lexicon import Lexicon

_STRUCTURAL = re.compile(
    r"^(?:项目|科目编码|科目名称|功能分类科目|栏次|行次|单位[:：].*|金额单位.*)$"
)
_TOTAL_ROW = re.compile(r"^(?:合计|总计|本年合计|支出合计)$")
_CLASS_CODE = re.compile(r"^\d{3}$")  # a 类; 款 and 项 codes have 5 and 7 digits
_SUBJECT_CODE = re.compile(r"^2[0-3]\d(?:\d{2}){0,2}$")  # 功能分类 classes are 201…234
_UNIT = re.compile(r"单位[:：]\s*(万元|元)")
_FIELD_PATHS = ("spending.", "three_public.")
_SPACE_IN_WORD = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])")
_BASIS = re.compile(r"^(?:预算数?|决算数?|执行数)$")
_WHOLE_COLUMN = re.compile(r"^(?:合计|小计|总计)$")
_YEAR_ROW = re.compile(
    r"^(?:(?P<year>\d{4})年度?|本年度?|(?P<prior>上年度?))(?P<what>预算数?|决算数?|执行数)?$"
)


@dataclass(frozen=True, slots=True)
class TableFunctionalLine:
    code: str
    stated_name: str
    amount: Money
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TableGrowth:
    """One column's 增减% with the cells of this year and of the year before."""

    path: str
    value: tuple[Money, int, int]  # the amount and its cell's offsets
    base: tuple[Money, int, int]
    rate: tuple[Money, int, int]  # the percent, read as a plain number


@dataclass
class FieldTables:
    candidates: list[Candidate] = field(default_factory=list)
    functional: list[TableFunctionalLine] = field(default_factory=list)
    claimed: list[tuple[int, int]] = field(default_factory=list)
    growths: list[TableGrowth] = field(default_factory=list)


def read_field_tables(
    cells: list[Cell],
    *,
    lexicon: Lexicon,
    classification: Classification,
    year: int | None = None,
    kind: str = "unknown",
) -> FieldTables:
    found = FieldTables()
    unit = MoneyUnit.WAN
    index = 0
    while index < len(cells):
        stated = _UNIT.search(cells[index].text)
        if stated:
            unit = MoneyUnit.YUAN if stated.group(1) == "元" else MoneyUnit.WAN
        columns, after = _field_header(cells, index, lexicon)
        if not columns:
            index += 1
            continue
        pattern, after = _basis_row(cells, after, len(columns))
        scopes = [_basis_scope(word, kind) for _ in columns for word in pattern] or None
        columns = [path for path in columns for _ in pattern] or columns
        index = _rows(
            cells,
            _skip_column_numbers(cells, after),
            columns=columns,
            scopes=scopes,
            unit=unit,
            found=found,
            classification=classification,
            period=(year, kind),
        )
    return found


def _field_path(text: str, lexicon: Lexicon) -> str | None:
    return _field_path_of(text, lexicon)


@functools.lru_cache(maxsize=4096)
def _field_path_of(text: str, lexicon: Lexicon) -> str | None:
    """Cached: the same column and row names recur in every report."""
    # "公务 接待费": a space the page's layout left inside a header word is no separator
    text = _SPACE_IN_WORD.sub("", text)
    matches = lexicon.find(text)
    if len(matches) != 1 or matches[0].end - matches[0].start != len(text):
        return None
    paths = [s.path for s in matches[0].senses if s.path.startswith(_FIELD_PATHS)]
    return paths[0] if paths else None


def _short_text(cell: Cell) -> bool:
    return (
        cell.number is None and len(cell.text) <= 12 and not any(ch.isdigit() for ch in cell.text)
    )


def _field_header(cells: list[Cell], index: int, lexicon: Lexicon) -> tuple[list[str | None], int]:
    """The value columns of a header starting at ``index`` (None for columns of no field)."""
    first = cells[index].text
    if _field_path(first, lexicon) is None and not _WHOLE_COLUMN.match(first):
        return [], index
    texts, position = _header_texts(cells, index, lexicon)
    columns = [_field_path(text, lexicon) for text in texts]
    if columns[0] is None and (len(columns) < 2 or columns[1] is None):
        return [], index  # "| 项目 | 合计 | 因公出国（境）费 | …": a whole only before a field
    if sum(1 for c in columns if c) < 2:
        return [], index
    if sum(1 for c in columns if c and c.startswith("three_public.")) >= 2:
        columns, texts = _vehicle_group(columns, texts)
        columns = [
            "three_public.total" if path is None and _WHOLE_COLUMN.match(text) else path
            for path, text in zip(columns, texts, strict=False)
        ]
    return columns, position


def _header_texts(cells: list[Cell], index: int, lexicon: Lexicon) -> tuple[list[str], int]:
    """The header's short text cells from ``index``, a word broken over two cells joined again
    ("因公出国" "(境)费", "公务用车" "购置费"), up to a row of 预算数/决算数 under the columns."""
    texts: list[str] = []
    position = index
    while position < len(cells) and _short_text(cells[position]):
        text = cells[position].text
        if _BASIS.match(text):
            break
        following = cells[position + 1] if position + 1 < len(cells) else None
        if (
            following is not None
            and _short_text(following)
            and _field_path(text, lexicon) is None
            and _field_path(text + following.text, lexicon) is not None
        ):
            text += following.text
            position += 1
        if not _STRUCTURAL.match(text):
            texts.append(text)
        position += 1
    return texts, position


def _basis_row(cells: list[Cell], index: int, width: int) -> tuple[list[str], int]:
    """A row of 预算数 | 决算数 repeated under each of ``width`` columns: the repeated words
    and where the row ends, or ([], index) when no such row follows the header."""
    position = index
    while position < len(cells) and _BASIS.match(cells[position].text):
        position += 1
    words = [cell.text for cell in cells[index:position]]
    count = len(words) // width if width else 0
    if count < 2 or len(words) != count * width:
        return [], index
    pattern = words[:count]
    if len(set(pattern)) != count or any(w != pattern[i % count] for i, w in enumerate(words)):
        return [], index
    return pattern, position


def _basis_scope(word: str, kind: str) -> str:
    if word.startswith("预算"):
        return "" if kind == "budget" else "预算"
    return "决算" if kind == "budget" else ""


_VEHICLE_PART = (
    (re.compile(r"购置"), "three_public.vehicle_purchase"),
    (re.compile(r"运行|运维|维护"), "three_public.vehicle_operation"),
)


def _vehicle_group(
    columns: list[str | None], texts: list[str]
) -> tuple[list[str | None], list[str]]:
    """A two-row header: 公务用车购置及运行费 spans 小计 | 购置费 | 运行费, written after the
    first row ("合计 | 出国 | 公车购置及运行费 | 接待 | 小计 | 购置 | 运行"): the values come
    in the order of the second row put in place of the column it spans."""
    if "three_public.vehicle" not in columns:
        return columns, texts
    group = columns.index("three_public.vehicle")
    for start in range(group + 1, len(texts)):
        if not _WHOLE_COLUMN.match(texts[start]):
            continue
        parts = [_vehicle_part(text) for text in texts[start + 1 :]]
        if not parts or None in parts or len(set(parts)) != len(parts):
            continue
        spanned: list[str | None] = ["three_public.vehicle", *parts]
        return (
            columns[:group] + spanned + columns[group + 1 : start],
            texts[:group] + texts[start:] + texts[group + 1 : start],
        )
    return columns, texts


def _vehicle_part(text: str) -> str | None:
    paths = [path for pattern, path in _VEHICLE_PART if pattern.search(text)]
    return paths[0] if len(paths) == 1 else None


def _skip_column_numbers(cells: list[Cell], index: int) -> int:
    """Skip the 栏次 row "1 2 3 …" that numbers the columns."""
    expected = 1
    position = index
    while position < len(cells) and cells[position].text == str(expected):
        expected += 1
        position += 1
    return position if expected > 2 else index


def _rows(
    cells: list[Cell],
    index: int,
    *,
    columns: list[str | None],
    scopes: list[str] | None,
    unit: MoneyUnit,
    found: FieldTables,
    classification: Classification,
    period: tuple[int | None, str],
) -> int:
    """Read the rows under a field header; returns where the table ends. ``scopes``: each
    column's own, from a 预算数 | 决算数 row under the header."""
    position = index
    by_scope: dict[str, list[tuple[Cell, Money]]] = {}  # "" and 上年: a year row's cells
    unlabelled = _unlabelled_row(cells, index, len(columns), unit)
    if unlabelled:
        _add_row(
            columns, unlabelled, None, scopes or [""] * len(columns), found, rank=_INFERRED_RANK
        )
        return index + len(unlabelled)
    while position < len(cells):
        cell = cells[position]
        if len(cell.text) > 40:
            break
        is_code = bool(_SUBJECT_CODE.match(cell.text))
        code = cell.text if _CLASS_CODE.match(cell.text) else None
        label_end = position + (2 if is_code and position + 1 < len(cells) else 1)
        values = _values(cells, label_end, len(columns), unit)
        if not values:
            if cell.number is not None and not is_code:
                break
            position += 1
            continue
        label = cells[label_end - 1]
        if code and classification.by_code(code):
            first = values[0]
            found.functional.append(
                TableFunctionalLine(code, label.text, first[1], cell.start, first[0].end)
            )
        elif _GROWTH_ROW.search(cell.text):
            _growths(columns, by_scope, values, found)
        elif _TOTAL_ROW.match(cell.text) or _YEAR_ROW.match(cell.text):
            scope = _row_scope(cell.text, *period)
            if scope is not None and _YEAR_ROW.match(cell.text):
                by_scope.setdefault(scope, values)
            if scope is not None:
                row_scopes = scopes if scopes and not scope else [scope] * len(columns)
                _add_row(columns, values, cell.start, row_scopes, found)
        position = label_end + len(values)
    return max(position, index + 1)


# A value placed by the header's order alone, not by a label beside it: where the text states
# the field in words as well, the words win (a flattened two-row header is easy to misorder).
_INFERRED_RANK = 1


def _unlabelled_row(
    cells: list[Cell], index: int, width: int, unit: MoneyUnit
) -> list[tuple[Cell, Money]]:
    """The one row of amounts right under the header with no label of its own (a 三公 budget
    table "合计 | 出国 | 公车 | 接待" over "79 | 0 | 75 | 4"): the report year's figures, read
    only when it fills every column exactly, so a row whose label was lost is not misread."""
    if index >= len(cells) or cells[index].number is None or _SUBJECT_CODE.match(cells[index].text):
        return []
    values = _values(cells, index, width, unit)
    after = index + len(values)
    if len(values) != width or (after < len(cells) and cells[after].number is not None):
        return []
    return values


def _add_row(
    columns: list[str | None],
    values: list[tuple[Cell, Money]],
    start: int | None,
    scopes: list[str],
    found: FieldTables,
    *,
    rank: int = 0,
) -> None:
    """Each value as a candidate quoted from its row label (``start``), or from itself."""
    for path, scope, (value_cell, money) in zip(columns, scopes, values, strict=False):
        if path:
            begin = value_cell.start if start is None else start
            found.candidates.append(
                Candidate(path, money, begin, value_cell.end, scope=scope, rank=rank)
            )
            found.claimed.append((value_cell.start, value_cell.end))


_GROWTH_ROW = re.compile(r"^(?:\d{4}年?比\d{4}年?|本年比上年|比上年|同比)?增减(?:%|％|率|幅度)")


def _growths(
    columns: list[str | None],
    by_scope: dict[str, list[tuple[Cell, Money]]],
    rates: list[tuple[Cell, Money]],
    found: FieldTables,
) -> None:
    """The 增减% row under a row of this year and one of the year before."""
    current, prior = by_scope.get(""), by_scope.get("上年")
    if current is None or prior is None:
        return
    for path, now, before, rate in zip(columns, current, prior, rates, strict=False):
        if path is None:
            continue
        found.growths.append(
            TableGrowth(
                path,
                (now[1], now[0].start, now[0].end),
                (before[1], before[0].start, before[0].end),
                (rate[1], rate[0].start, rate[0].end),
            )
        )


def _starts_subject_row(cells: list[Cell], position: int) -> bool:
    following = cells[position + 1] if position + 1 < len(cells) else None
    return bool(
        _SUBJECT_CODE.match(cells[position].text)
        and following is not None
        and following.number is None
        and not any(ch.isdigit() for ch in following.text)  # "2024年": a row label, not a name
    )


def _row_scope(label: str, year: int | None, kind: str) -> str | None:
    """The scope of a 合计 or a year row ("2024年预算数"); None for a row of no use."""
    row = _YEAR_ROW.match(label)
    if row is None:
        return ""
    if row.group("prior") or (year and row.group("year") and int(row.group("year")) < year):
        return "上年"
    if row.group("year") and year and int(row.group("year")) > year:
        return None
    what = row.group("what") or ""
    if what.startswith("预算"):
        return "" if kind == "budget" else "预算"
    if what.startswith("决算") or what.startswith("执行"):
        return "决算" if kind == "budget" else ""
    return ""


def _values(cells: list[Cell], index: int, width: int, unit: MoneyUnit) -> list[tuple[Cell, Money]]:
    values: list[tuple[Cell, Money]] = []
    for position in range(index, min(index + width, len(cells))):
        cell = cells[position]
        if _starts_subject_row(cells, position):
            break  # empty cells were dropped: the next row's 科目编码 follows at once
        number = cell.number
        if number is None or number.kind not in ("number", "amount"):
            break
        money = number.money() if number.kind == "amount" else Money.parse(number.digits, unit)
        if money is None:
            break
        values.append((cell, money))
    return values
