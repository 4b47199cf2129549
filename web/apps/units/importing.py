"""Reading a units list (.xlsx) by its header labels, wherever the header row is.

Finance bureaus keep these lists in their own layouts: the header is found by its labels in
the first rows, columns in any order, extra columns ignored. Every problem is reported with
its row number; the caller stores nothing unless there is none.
"""

from __future__ import annotations

import unicodedata
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

from openpyxl import load_workbook

from apps.errors import InvalidInput
from apps.units.models import UnitKind

HEADER_LABELS: dict[str, tuple[str, ...]] = {
    "code": ("单位编码", "单位代码", "编码", "代码", "预算单位编码"),
    "name": ("单位名称", "名称", "预算单位名称", "单位"),
    "kind": ("单位类型", "单位性质", "类型", "性质"),
    "region": ("所属区域", "区域", "所属地区", "地区", "区县", "区域名称"),
}
KIND_WORDS: dict[str, UnitKind] = {
    "行政单位": UnitKind.ADMINISTRATIVE,
    "行政": UnitKind.ADMINISTRATIVE,
    "行政机关": UnitKind.ADMINISTRATIVE,
    "参公单位": UnitKind.ADMINISTRATIVE,
    "事业单位": UnitKind.INSTITUTION,
    "事业": UnitKind.INSTITUTION,
    "学校": UnitKind.SCHOOL,
    "教育": UnitKind.SCHOOL,
    "医疗卫生机构": UnitKind.HOSPITAL,
    "医院": UnitKind.HOSPITAL,
    "卫生院": UnitKind.HOSPITAL,
    "乡镇（街道）": UnitKind.TOWNSHIP,
    "乡镇": UnitKind.TOWNSHIP,
    "街道": UnitKind.TOWNSHIP,
    "其他": UnitKind.OTHER,
}
_HEADER_SEARCH_ROWS = 10
_MAX_ROWS = 20000


@dataclass(frozen=True, slots=True)
class UnitRow:
    row: int
    code: str
    name: str
    kind: UnitKind
    region: str


@dataclass(frozen=True, slots=True)
class ReadUnits:
    rows: tuple[UnitRow, ...]
    errors: tuple[str, ...]


def read_units_xlsx(file: BinaryIO) -> ReadUnits:
    """Every unit row of the first sheet that has a header, with row-numbered errors."""
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise InvalidInput("无法读取该文件：请上传 Excel 工作簿（.xlsx）") from error
    try:
        for sheet in workbook.worksheets:
            rows = list(sheet.iter_rows(values_only=True, max_row=_MAX_ROWS))
            found = _header(rows)
            if found is not None:
                index, columns = found
                return _read_rows(rows, index, columns)
    finally:
        workbook.close()
    raise InvalidInput("没有找到表头：第一行应含“单位编码”“单位名称”“单位类型”“所属区域”")


def _clean(value: object) -> str:
    if value is None:
        return ""
    text = str(value).replace("\u3000", " ").strip()  # names are kept as written
    return text[:-2] if text.endswith(".0") and text[:-2].isdigit() else text


def _label_key(text: str) -> str:
    """Labels and kinds compared without width, spaces or a required-field star."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if not ch.isspace() and ch not in "*:")


def _kind(text: str) -> UnitKind | None:
    if not text:
        return UnitKind.OTHER
    key = _label_key(text)
    for word, kind in KIND_WORDS.items():
        if _label_key(word) == key:
            return kind
    return next((k for k in UnitKind if key in (k.value, _label_key(str(k.label)))), None)


def _header(rows: list[tuple[object, ...]]) -> tuple[int, dict[str, int]] | None:
    for index, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        for column, cell in enumerate(row):
            key = _label_key(_clean(cell))
            for field, labels in HEADER_LABELS.items():
                if field not in columns and key in labels:
                    columns[field] = column
        if {"name", "code", "region"} <= columns.keys():
            return index, columns
    return None


def _read_rows(rows: list[tuple[object, ...]], header: int, columns: dict[str, int]) -> ReadUnits:
    found: list[UnitRow] = []
    errors: list[str] = []
    for index in range(header + 1, len(rows)):
        row = rows[index]
        cells = {f: _clean(row[c]) if c < len(row) else "" for f, c in columns.items()}
        if not any(cells.values()):
            continue
        number = index + 1
        problems = [
            f"缺少{HEADER_LABELS[f][0]}" for f in ("code", "name", "region") if not cells[f]
        ]
        kind = _kind(cells.get("kind", ""))
        if kind is None:
            problems.append(f"单位类型“{cells['kind']}”无法识别")
        if problems:
            errors.append(f"第{number}行：{'；'.join(problems)}")
            continue
        assert kind is not None
        found.append(UnitRow(number, cells["code"], cells["name"], kind, cells["region"]))
    errors.extend(_duplicates(found))
    return ReadUnits(rows=tuple(found), errors=tuple(errors))


def _duplicates(rows: list[UnitRow]) -> list[str]:
    errors: list[str] = []
    for field, label in (("code", "单位编码"), ("name", "单位名称")):
        first: dict[str, int] = {}
        for row in rows:
            value = getattr(row, field)
            if value in first:
                errors.append(f"第{row.row}行：{label}“{value}”与第{first[value]}行重复")
            else:
                first[value] = row.row
    return errors
