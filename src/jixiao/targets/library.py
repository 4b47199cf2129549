"""The indicator library (指标库): common indicators by table kind and by kind of unit, as data.

Each file under ``jixiao/data/indicator_library`` is one library section: the table kinds it
serves (overall, project), the unit kinds it is for (empty: every kind) and its indicators, each
with a stable id, its three levels, 定量/定性, direction and unit, an explanation, guidance on
how to set the value, the scoring rule and an example value. The schema is checked when the
files are loaded (and in CI): a typo must fail loudly, not hide an indicator.

``vocabulary.yaml`` in the same folder is the target linter's word lists, read by
``load_vocabulary``.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

import yaml

from jixiao.domain.errors import JixiaoError
from jixiao.domain.report import Direction
from jixiao.scoring.yamlio import load_yaml
from jixiao.targets.model import TableKind, TargetRow, ValueType, direction_of

_DATA_PACKAGE = "jixiao.data"
_DATA_DIR = "indicator_library"
VOCABULARY_FILE = "vocabulary.yaml"

# The kinds of unit the web registry knows (apps.units.models.UnitKind), kept as plain strings
# here because the core never imports the web layer; a web test checks the two lists agree.
UNIT_KINDS = ("administrative", "institution", "school", "hospital", "township", "other")

_TOP = ("name", "title", "table_kinds", "unit_kinds", "basis", "indicators")
_ENTRY = (
    "id", "level1", "level2", "level3", "type", "direction", "unit", "explanation", "guidance",
    "scoring_rule", "example",
)  # fmt: skip
_VOCABULARY = (
    "name", "input_indicators", "output_money_level2", "benefit_level1", "satisfaction",
    "vague_values", "bounded_rates", "rate_words", "percent_units", "money_units",
)  # fmt: skip


class LibraryError(JixiaoError):
    """A library file that does not follow the schema; the message names the file and place."""


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    id: str
    level1: str
    level2: str
    level3: str
    value_type: ValueType
    direction: Direction | None
    unit: str
    explanation: str
    guidance: str
    scoring_rule: str
    example: str
    section: str  # the file's name, e.g. "overall-common"

    def as_row(self, value: str | None = None) -> TargetRow:
        """The entry as a target row, with ``value`` (default: the example) as its value."""
        return TargetRow(
            level1=self.level1,
            level2=self.level2,
            level3=self.level3,
            value_type=self.value_type,
            direction=self.direction,
            value=self.example if value is None else value,
            unit=self.unit,
            explanation=self.explanation,
            scoring_rule=self.scoring_rule,
        )


@dataclass(frozen=True, slots=True)
class LibrarySection:
    name: str
    title: str
    table_kinds: tuple[TableKind, ...]
    unit_kinds: tuple[str, ...]  # empty: every kind of unit
    basis: str
    entries: tuple[LibraryEntry, ...]

    def serves(self, table_kind: TableKind, unit_kind: str | None) -> bool:
        if table_kind not in self.table_kinds:
            return False
        return not self.unit_kinds or unit_kind in self.unit_kinds


@dataclass(frozen=True, slots=True)
class IndicatorLibrary:
    sections: tuple[LibrarySection, ...]

    def entries(
        self, table_kind: TableKind, unit_kind: str | None = None
    ) -> tuple[LibraryEntry, ...]:
        """The entries a unit of this kind may pick for this kind of table: common ones first."""
        chosen = [s for s in self.sections if s.serves(table_kind, unit_kind)]
        chosen.sort(key=lambda s: (bool(s.unit_kinds), s.name))
        return tuple(e for s in chosen for e in s.entries)

    def entry(self, entry_id: str) -> LibraryEntry | None:
        return next((e for s in self.sections for e in s.entries if e.id == entry_id), None)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The linter's word lists (see ``vocabulary.yaml``)."""

    input_indicators: tuple[str, ...]
    output_money_level2: tuple[str, ...]
    benefit_level1: tuple[str, ...]
    satisfaction: tuple[str, ...]
    vague_values: tuple[str, ...]
    bounded_rates: tuple[str, ...]
    rate_words: tuple[str, ...]
    percent_units: tuple[str, ...]
    money_units: tuple[str, ...]


# -- loading -------------------------------------------------------------------------------
def _folder() -> resources.abc.Traversable:
    return resources.files(_DATA_PACKAGE) / _DATA_DIR


def _parse(text: str, name: str) -> object:
    try:
        return load_yaml(text)
    except yaml.YAMLError as error:
        raise LibraryError(f"指标库文件“{name}”不是有效的 YAML：{error}") from error


def _read(name: str) -> object:
    return _parse((_folder() / name).read_text(encoding="utf-8"), name)


def parse_section(text: str, filename: str) -> LibrarySection:
    """One library file's text, checked against the schema (LibraryError naming the place)."""
    return _Reader(filename).section(_parse(text, filename))


@functools.cache
def load_library() -> IndicatorLibrary:
    """Every bundled library section, checked; ids unique across the whole library."""
    names = sorted(
        e.name
        for e in _folder().iterdir()
        if e.name.endswith((".yaml", ".yml")) and e.name != VOCABULARY_FILE
    )
    sections = tuple(_Reader(name).section(_read(name)) for name in names)
    seen: dict[str, str] = {}
    for section in sections:
        for entry in section.entries:
            if entry.id in seen:
                raise LibraryError(
                    f"指标编号“{entry.id}”在“{seen[entry.id]}”和“{section.name}”中重复"
                )
            seen[entry.id] = section.name
    return IndicatorLibrary(sections)


@functools.cache
def load_vocabulary() -> Vocabulary:
    reader = _Reader(VOCABULARY_FILE)
    data = reader.mapping(_read(VOCABULARY_FILE), "（顶层）", _VOCABULARY)
    lists = {key: reader.words(data, key) for key in _VOCABULARY if key != "name"}
    return Vocabulary(**lists)


class _Reader:
    def __init__(self, filename: str) -> None:
        self.filename = filename

    def fail(self, where: str, reason: str) -> LibraryError:
        return LibraryError(f"指标库文件“{self.filename}”的“{where}”：{reason}")

    def mapping(self, value: object, where: str, allowed: tuple[str, ...]) -> dict[str, object]:
        if not isinstance(value, dict):
            raise self.fail(where, "应为“名称: 值”的映射")
        unknown = sorted(str(k) for k in value if k not in allowed)
        if unknown:
            raise self.fail(
                f"{where}.{unknown[0]}", f"不是可用的项目（可用：{'、'.join(allowed)}）"
            )
        return {str(k): v for k, v in value.items()}

    def text(self, data: Mapping[str, object], key: str, where: str, *, required: bool) -> str:
        value = data.get(key)
        if value is None or str(value).strip() == "":
            if required:
                raise self.fail(f"{where}.{key}", "必须填写")
            return ""
        return str(value).strip()

    def words(self, data: Mapping[str, object], key: str) -> tuple[str, ...]:
        value = data.get(key)
        if not isinstance(value, list) or not value:
            raise self.fail(key, "应为非空的词语列表")
        return tuple(str(v).strip() for v in value if str(v).strip())

    def section(self, value: object) -> LibrarySection:
        data = self.mapping(value, "（顶层）", _TOP)
        name = self.text(data, "name", "（顶层）", required=True)
        if f"{name}.yaml" != self.filename:
            raise self.fail("name", f"应与文件名一致（{self.filename.removesuffix('.yaml')}）")
        table_kinds = self._table_kinds(data.get("table_kinds"))
        unit_kinds = self._unit_kinds(data.get("unit_kinds", []))
        entries = data.get("indicators")
        if not isinstance(entries, list) or not entries:
            raise self.fail("indicators", "应为非空的指标列表")
        return LibrarySection(
            name=name,
            title=self.text(data, "title", "（顶层）", required=True),
            table_kinds=table_kinds,
            unit_kinds=unit_kinds,
            basis=self.text(data, "basis", "（顶层）", required=True),
            entries=tuple(
                self.entry(item, f"indicators[{i + 1}]", name) for i, item in enumerate(entries)
            ),
        )

    def _table_kinds(self, value: object) -> tuple[TableKind, ...]:
        if not isinstance(value, list) or not value:
            raise self.fail("table_kinds", "应列出 overall 或 project")
        try:
            return tuple(TableKind(str(v)) for v in value)
        except ValueError as error:
            raise self.fail("table_kinds", "只能是 overall 或 project") from error

    def _unit_kinds(self, value: object) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.fail("unit_kinds", "应为单位类型列表（空列表表示通用）")
        kinds = tuple(str(v) for v in value)
        unknown = [k for k in kinds if k not in UNIT_KINDS]
        if unknown:
            raise self.fail(
                "unit_kinds", f"“{unknown[0]}”不是单位类型（可用：{'、'.join(UNIT_KINDS)}）"
            )
        return kinds

    def entry(self, item: object, where: str, section: str) -> LibraryEntry:
        data = self.mapping(item, where, _ENTRY)

        def text(key: str, *, required: bool = True) -> str:
            return self.text(data, key, where, required=required)

        kind = text("type")
        if kind not in (ValueType.QUANTITATIVE.value, ValueType.QUALITATIVE.value):
            raise self.fail(f"{where}.type", "应为“定量”或“定性”")
        value_type = ValueType(kind)
        direction = direction_of(data.get("direction"))
        unit = text("unit", required=False)
        if value_type is ValueType.QUANTITATIVE and (direction is None or not unit):
            raise self.fail(where, "定量指标必须有指标性质（≥ ≤ =）和计量单位")
        if value_type is ValueType.QUALITATIVE and (direction is not None or unit):
            raise self.fail(where, "定性指标不填指标性质和计量单位")
        return LibraryEntry(
            id=text("id"),
            level1=text("level1"),
            level2=text("level2"),
            level3=text("level3"),
            value_type=value_type,
            direction=direction,
            unit=unit,
            explanation=text("explanation"),
            guidance=text("guidance"),
            scoring_rule=text("scoring_rule"),
            example=text("example"),
            section=section,
        )
