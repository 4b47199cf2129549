"""The indicator library: every bundled file follows the schema, and serves the right units."""

from __future__ import annotations

import pytest

from jixiao.targets.library import (
    UNIT_KINDS,
    LibraryError,
    load_library,
    parse_section,
)
from jixiao.targets.lint import lint_table
from jixiao.targets.model import TableKind, TargetTable, ValueType

_GOOD = """
name: extra
title: 示例
table_kinds: [project]
unit_kinds: [school]
basis: 测试
indicators:
  - {id: x-1, level1: 产出指标, level2: 数量指标, level3: 培训人次, type: 定量, direction: "≥",
     unit: 人次, explanation: 参训人次, guidance: 按计划, scoring_rule: 按比例, example: "200"}
"""


def test_the_bundled_library_loads_with_unique_ids() -> None:
    library = load_library()
    ids = [e.id for s in library.sections for e in s.entries]
    assert len(ids) == len(set(ids)) and len(ids) >= 30
    assert {s.name for s in library.sections} >= {"overall-common", "project-common"}
    entry = library.entry("ov-satisfaction")
    assert entry is not None and entry.value_type is ValueType.QUANTITATIVE
    assert entry.unit == "%" and entry.guidance


def test_a_school_gets_the_common_indicators_first_then_its_own() -> None:
    library = load_library()
    school = library.entries(TableKind.OVERALL, "school")
    sections = [e.section for e in school]
    assert sections[0] == "overall-common" and "overall-school" in sections
    assert "overall-hospital" not in sections
    assert all(e.section == "project-common" for e in library.entries(TableKind.PROJECT, "school"))
    assert {e.section for e in library.entries(TableKind.OVERALL, None)} == {"overall-common"}


@pytest.mark.parametrize("unit_kind", [None, *UNIT_KINDS])
@pytest.mark.parametrize("kind", list(TableKind))
def test_a_table_of_library_examples_passes_the_linter(kind: TableKind, unit_kind: str) -> None:
    rows = tuple(e.as_row() for e in load_library().entries(kind, unit_kind))
    assert lint_table(TargetTable(kind, "完成年度目标任务", rows)) == ()


def test_a_well_formed_extra_file_is_read() -> None:
    section = parse_section(_GOOD, "extra.yaml")
    assert section.serves(TableKind.PROJECT, "school")
    assert not section.serves(TableKind.PROJECT, "hospital")
    assert not section.serves(TableKind.OVERALL, "school")
    assert section.entries[0].as_row("300").value == "300"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("type: 定量", "type: 半定量"), "应为“定量”或“定性”"),
        (('direction: "≥",', ""), "定量指标必须有指标性质"),
        (("unit_kinds: [school]", "unit_kinds: [factory]"), "“factory”不是单位类型"),
        (("table_kinds: [project]", "table_kinds: [budget]"), "只能是 overall 或 project"),
        (("basis: 测试", "basis: 测试\nauthor: 某人"), "（顶层）.author”：不是可用的项目"),
        (("guidance: 按计划, ", ""), "guidance”：必须填写"),
        (("name: extra", "name: other"), "应与文件名一致"),
    ],
)
def test_schema_errors_name_the_file_and_the_place(change: tuple[str, str], message: str) -> None:
    text = _GOOD.replace(*change)
    assert text != _GOOD
    with pytest.raises(LibraryError, match=message) as raised:
        parse_section(text, "extra.yaml")
    assert "extra.yaml" in str(raised.value)


def test_a_qualitative_entry_has_no_direction_or_unit() -> None:
    text = _GOOD.replace("type: 定量", "type: 定性")
    with pytest.raises(LibraryError, match="定性指标不填指标性质和计量单位"):
        parse_section(text, "extra.yaml")
