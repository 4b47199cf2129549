"""A 基础数据 workbook (.xlsx) a unit fills in, read by its labels, never by fixed cells.

Three things are recognised on every sheet, wherever they sit:

- labelled values: a cell holding a label of the 基础数据表 (编制数, 本年“三公”经费预算数 …)
  or 单位名称 / 年度 / 评价类型 / 金额单位 / 自评得分 / 自评等级, with its value in the next
  non-empty cell to the right (several pairs may share a row);
- an indicator table: a header row with 三级指标 and 指标值, then one row per indicator until
  a blank row or 总分/合计 (blank 一级/二级 cells continue the ones above: merged cells);
- a judgement table: a header row with 指标 and 满足要点数 / 违规数 / 档次 / 得分.

The workbook is opened read-only, values only (no formulas evaluated, no macros). A file
larger than ``MAX_XLSX_BYTES``, or whose parts expand beyond ``MAX_EXPANDED_BYTES`` (a zip
bomb), is refused before openpyxl sees it.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from openpyxl import load_workbook  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from jixiao.domain.basic_data import BasicData
from jixiao.scoring.inputs import (
    INDICATOR_COLUMNS,
    JUDGEMENT_KEYS,
    InputsError,
    ScoringInputs,
    basic_key,
    canonical_key,
    inputs_from_mapping,
    normalize,
)

MAX_XLSX_BYTES = 20 * 1024 * 1024
MAX_EXPANDED_BYTES = 100 * 1024 * 1024
MAX_ROWS = 2000  # per sheet: a 基础数据表 is a page, not a ledger
MAX_COLUMNS = 40

_TOP_LABELS = {
    "单位名称": "单位名称",
    "单位": "单位名称",
    "填报单位": "单位名称",
    "年度": "年度",
    "评价年度": "年度",
    "评价类型": "评价类型",
    "金额单位": "金额单位",
    "自评得分": "总分",
    "自评总分": "总分",
    "自评等级": "等级",
}
_INLINE_UNIT = re.compile(r"(?:金额)?单位[:：]\s*(万元|元)")
_END = ("总分", "合计")


@dataclass
class _Collected:
    top: dict[str, object] = field(default_factory=dict)
    basic: dict[str, object] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)  # basic label → "Sheet!B3"
    self_evaluation: dict[str, object] = field(default_factory=dict)
    indicators: list[dict[str, object]] = field(default_factory=list)
    judgements: dict[str, dict[str, object]] = field(default_factory=dict)

    def mapping(self) -> dict[str, object]:
        data: dict[str, object] = dict(self.top)
        data["基础数据"] = self.basic
        if self.self_evaluation:
            data["自评"] = self.self_evaluation
        if self.indicators:
            data["指标"] = self.indicators
        if self.judgements:
            data["评价判断"] = self.judgements
        return data


def read_xlsx(path: Path, *, max_expanded: int = MAX_EXPANDED_BYTES) -> ScoringInputs:
    """The inputs a workbook states; InputsError when it is too large or not a workbook."""
    _check_size(path, max_expanded)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged file
        raise InputsError(f"“{path.name}”不是可读取的 Excel 工作簿（.xlsx）：{error}") from error
    collected = _Collected()
    try:
        for sheet in workbook.worksheets:
            rows = sheet.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLUMNS, values_only=True)
            _read_sheet(sheet.title, [list(r) for r in rows], collected)
    finally:
        workbook.close()
    inputs = inputs_from_mapping(collected.mapping(), path.name)
    return _with_cells(inputs, collected.cells)


def _check_size(path: Path, max_expanded: int) -> None:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise InputsError(f"无法读取“{path.name}”：{error.strerror or error}") from error
    if size > MAX_XLSX_BYTES:
        raise InputsError(f"“{path.name}”有{size // 1024 // 1024} MB，超过基础数据表上限20 MB")
    try:
        with zipfile.ZipFile(path) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as error:
        raise InputsError(f"“{path.name}”不是 .xlsx 工作簿（无法按 zip 打开）") from error
    if expanded > max_expanded:
        raise InputsError(
            f"“{path.name}”解压后有{expanded // 1024 // 1024} MB，超过上限"
            f"{max_expanded // 1024 // 1024} MB：请只提交基础数据表"
        )


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        # openpyxl gives floats for numeric cells; repr is the shortest exact round trip.
        return repr(value)
    return str(value).strip()


def _read_sheet(title: str, rows: list[list[object]], out: _Collected) -> None:
    index = 0
    while index < len(rows):
        cells = [_text(v) for v in rows[index]]
        if _is_indicator_header(cells):
            index = _read_indicators(rows, index, out)
            continue
        if _is_judgement_header(cells):
            index = _read_judgements(rows, index, out)
            continue
        _read_labelled(title, index, cells, out)
        index += 1


def _read_labelled(title: str, row: int, cells: list[str], out: _Collected) -> None:
    for column, cell in enumerate(cells):
        if not cell:
            continue
        inline = _INLINE_UNIT.search(cell)
        if inline and "金额单位" not in out.top:
            out.top["金额单位"] = inline.group(1)
        value_at = next((c for c in range(column + 1, len(cells)) if cells[c]), None)
        if value_at is None:
            continue
        value = cells[value_at]
        key = basic_key(cell)
        if key is not None and basic_key(value) is None:
            out.basic.setdefault(cell, value)
            out.cells.setdefault(cell, f"{title}!{get_column_letter(value_at + 1)}{row + 1}")
            continue
        top = _TOP_LABELS.get(normalize(cell))
        if top in ("总分", "等级"):
            out.self_evaluation.setdefault(top, value)
        elif top is not None:
            out.top.setdefault(top, value)


def _is_indicator_header(cells: list[str]) -> bool:
    keys = {canonical_key(c, INDICATOR_COLUMNS) for c in cells if c}
    return "level3" in keys and "target" in keys


def _is_judgement_header(cells: list[str]) -> bool:
    names = {normalize(c) for c in cells if c}
    keys = {canonical_key(c, JUDGEMENT_KEYS) for c in cells if c}
    return bool(names & {"指标", "指标编号", "评价指标"}) and bool(keys - {None, "score"})


def _read_indicators(rows: list[list[object]], header_at: int, out: _Collected) -> int:
    header = [canonical_key(_text(v), INDICATOR_COLUMNS) for v in rows[header_at]]
    carried = {"level1": "", "level2": ""}
    index = header_at + 1
    while index < len(rows):
        cells = [_text(v) for v in rows[index]]
        filled = [c for c in cells if c]
        if not filled or any(filled[0].startswith(end) for end in _END):
            break
        item: dict[str, object] = {}
        for column, key in enumerate(header):
            if key is not None and column < len(cells) and cells[column]:
                item[key] = cells[column]
        for level in ("level1", "level2"):
            if item.get(level):
                carried[level] = str(item[level])
                if level == "level1":
                    carried["level2"] = ""
            elif carried[level]:
                item[level] = carried[level]
        if item.get("level3"):
            out.indicators.append(item)
        index += 1
    return index + 1


def _read_judgements(rows: list[list[object]], header_at: int, out: _Collected) -> int:
    texts = [_text(v) for v in rows[header_at]]
    name_at = next(
        i for i, c in enumerate(texts) if normalize(c) in ("指标", "指标编号", "评价指标")
    )
    header = [canonical_key(c, JUDGEMENT_KEYS) if c else None for c in texts]
    index = header_at + 1
    while index < len(rows):
        cells = [_text(v) for v in rows[index]]
        if not any(cells) or name_at >= len(cells) or not cells[name_at]:
            break
        judgement: dict[str, object] = {
            key: cells[column]
            for column, key in enumerate(header)
            if key is not None and column < len(cells) and cells[column]
        }
        out.judgements[cells[name_at]] = judgement
        index += 1
    return index + 1


def _with_cells(inputs: ScoringInputs, cells: dict[str, str]) -> ScoringInputs:
    """The same inputs, each basic value's source naming its worksheet cell."""
    by_key = {basic_key(label): cell for label, cell in cells.items()}
    values = {
        key: replace(value, source=f"数据文件 {by_key[key]}") if key in by_key else value
        for key, value in inputs.basic.stated().items()
    }
    return replace(inputs, basic=BasicData.of(values))
