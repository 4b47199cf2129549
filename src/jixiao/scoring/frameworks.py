"""Indicator frameworks kept as data: one YAML file per framework, year and region.

Bundled files live in ``jixiao/data/frameworks``; ``load(name)`` also takes the path of a
file of one's own, so a new city is a new file, not new code. Every file is checked when it
is loaded: an unknown key, an input or method that does not exist, weights that do not add
up to the full points: each is refused with a Chinese message naming the file and the field.

Two kinds:

- ``overall`` (部门整体支出, 财预〔2013〕53号 附件2): a fixed list of indicators, each with a
  stable id, level-1/2/3 names, a named formula over named 基础数据 inputs, a direction, a
  weight and a named scoring method with its parameters.
- ``project`` (项目支出自评, 财预〔2020〕10号): the indicators come from the unit's own table;
  the file gives the execution item, the level-1 categories and their weights, the methods
  for quantitative and qualitative indicators and the far-exceeded threshold.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path

import yaml

from jixiao.domain.basic_data import FIELD_BY_KEY
from jixiao.domain.errors import JixiaoError
from jixiao.domain.scorecard import FrameworkRef
from jixiao.scoring.cases import Better, Needs, ParamError, Rule
from jixiao.scoring.formulas import FORMULAS
from jixiao.scoring.judged_methods import QualitativeBand
from jixiao.scoring.methods import bind
from jixiao.scoring.yamlio import load_yaml

_DATA_PACKAGE = "jixiao.data"
_DATA_DIR = "frameworks"
_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
_KINDS = ("overall", "project")
_DEFAULT_MARGIN = Decimal(5)


class FrameworkError(JixiaoError):
    """A framework file that cannot be used; the message names the file and the field."""


@dataclass(frozen=True, slots=True)
class GradeBand:
    grade: str
    minimum: Decimal  # inclusive


@dataclass(frozen=True, slots=True)
class IndicatorSpec:
    id: str
    level1: str
    level2: str
    level3: str
    formula: str
    inputs: tuple[str, ...]
    better: Better
    weight: Decimal
    rule: Rule
    note: str = ""

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(FIELD_BY_KEY[key].label for key in self.inputs)

    @property
    def definition(self) -> str:
        """The formula in words: "在职人数 / 编制数 × 100%"."""
        return FORMULAS[self.formula].describe(self.labels)

    @property
    def standard(self) -> str:
        """The scoring standard in words, written from the method's parameters."""
        return self.rule.describe(self.weight, self.better)


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    name: str
    weight: Decimal
    match: tuple[str, ...]  # words of the level-1 name ("产出")


@dataclass(frozen=True, slots=True)
class ProjectRules:
    execution_weight: Decimal
    execution_rule: Rule
    categories: tuple[Category, ...]
    quantitative: Rule
    qualitative: QualitativeBand
    far_exceeded: Decimal  # actual ≥ target × this (≥) is flagged as far exceeded


@dataclass(frozen=True, slots=True)
class Framework:
    name: str
    kind: str
    title: str
    basis: str
    region: str
    year: int
    default: bool
    full_points: Decimal
    grades: tuple[GradeBand, ...]
    indicators: tuple[IndicatorSpec, ...] = ()
    project: ProjectRules | None = None
    self_score_margin: Decimal = _DEFAULT_MARGIN
    execution_margin: Decimal = _DEFAULT_MARGIN
    notes: tuple[str, ...] = ()
    file: str = ""

    def grade_of(self, total: Decimal) -> str:
        return next(band.grade for band in self.grades if total >= band.minimum)

    def indicator(self, indicator_id: str) -> IndicatorSpec:
        """The indicator with this id; KeyError when the framework has none."""
        for spec in self.indicators:
            if spec.id == indicator_id:
                return spec
        raise KeyError(indicator_id)

    @property
    def ref(self) -> FrameworkRef:
        return FrameworkRef(self.name, self.title, self.kind, self.basis, self.region)


# -- loading -------------------------------------------------------------------------------
@functools.cache
def bundled() -> tuple[Framework, ...]:
    """Every bundled framework, by name."""
    folder = resources.files(_DATA_PACKAGE) / _DATA_DIR
    found = [
        parse_text(entry.read_text(encoding="utf-8"), entry.name)
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith((".yaml", ".yml"))
    ]
    names = [f.name for f in found]
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise FrameworkError(f"有两个框架文件都叫“{duplicated[0]}”：框架名称必须唯一")
    return tuple(sorted(found, key=lambda f: f.name))


def load(name_or_path: str) -> Framework:
    """A bundled framework by name, or a framework file by path."""
    for framework in bundled():
        if framework.name == name_or_path:
            return framework
    path = Path(name_or_path)
    if path.suffix.lower() in (".yaml", ".yml"):
        return load_file(path)
    names = "、".join(f.name for f in bundled())
    raise FrameworkError(f"没有名为“{name_or_path}”的评分框架（可用：{names}），也不是框架文件路径")


def load_file(path: Path) -> Framework:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise FrameworkError(f"无法读取框架文件“{path}”：{error}") from error
    return parse_text(text, path.name)


def default_for(kind: str) -> Framework:
    """The bundled framework marked ``default: true`` for ``kind`` (overall or project)."""
    chosen = [f for f in bundled() if f.kind == kind and f.default]
    if len(chosen) != 1:
        raise FrameworkError(f"“{kind}”类评分框架应恰有一个默认文件，现有{len(chosen)}个")
    return chosen[0]


def parse_text(text: str, filename: str) -> Framework:
    try:
        data = load_yaml(text)
    except yaml.YAMLError as error:
        raise FrameworkError(f"框架文件“{filename}”不是有效的 YAML：{error}") from error
    return _Reader(filename).framework(data)


# -- the schema ----------------------------------------------------------------------------
_TOP_COMMON = (
    "name", "kind", "title", "basis", "region", "year", "default", "full_points", "grades",
    "warnings", "notes",
)  # fmt: skip
_TOP = {"overall": (*_TOP_COMMON, "indicators"), "project": (*_TOP_COMMON, "project")}
_INDICATOR = (
    "id", "level1", "level2", "level3", "formula", "inputs", "direction", "weight", "method",
    "params", "note",
)  # fmt: skip
_PROJECT = ("execution", "categories", "quantitative", "qualitative")


class _Reader:
    """Reads one file, remembering where it is so that every error names the field."""

    def __init__(self, filename: str) -> None:
        self.filename = filename

    def fail(self, where: str, reason: str) -> FrameworkError:
        return FrameworkError(f"框架文件“{self.filename}”的字段“{where}”：{reason}")

    def mapping(self, value: object, where: str, allowed: tuple[str, ...]) -> dict[str, object]:
        if not isinstance(value, dict):
            raise self.fail(where or "（顶层）", "应为键值对（映射）")
        unknown = sorted(str(k) for k in value if k not in allowed)
        if unknown:
            place = f"{where}.{unknown[0]}" if where else unknown[0]
            raise self.fail(place, f"不是可用的字段（可用：{'、'.join(allowed)}）")
        return {str(k): v for k, v in value.items()}

    def text(self, data: Mapping[str, object], key: str, where: str = "") -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{where}{key}", "必须填写，且应为文字")
        return value.strip()

    def number(self, data: Mapping[str, object], key: str, where: str = "") -> Decimal:
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            raise self.fail(f"{where}{key}", f"应为数字，实为“{value}”")
        number = Decimal(value)
        if not number.is_finite() or number < 0:
            raise self.fail(f"{where}{key}", "应为不小于0的有限数字")
        return number

    def rule(self, data: Mapping[str, object], where: str) -> Rule:
        method = self.text(data, "method", where)
        params = data.get("params", {})
        if not isinstance(params, dict):
            raise self.fail(f"{where}params", "应为键值对（映射）")
        try:
            return bind(method, {str(k): v for k, v in params.items()})
        except KeyError as error:
            raise self.fail(f"{where}method", f"没有名为“{method}”的评分方法") from error
        except ParamError as error:
            raise self.fail(f"{where}{error.field}", str(error).split("：", 1)[1]) from error

    def framework(self, data: object) -> Framework:
        top = self.mapping(data, "", (*_TOP_COMMON, "indicators", "project"))
        name = self.text(top, "name")
        if not _ID.match(name):
            raise self.fail("name", "应为小写字母、数字和连字符（如 dept-overall-b）")
        kind = self.text(top, "kind")
        if kind not in _KINDS:
            raise self.fail("kind", "应为 overall（部门整体支出）或 project（项目支出）")
        self.mapping(top, "", _TOP[kind])
        year = top.get("year")
        if not isinstance(year, int) or isinstance(year, bool):
            raise self.fail("year", "应为年份（整数）")
        default = top.get("default", False)
        if not isinstance(default, bool):
            raise self.fail("default", "应为 true 或 false")
        full_points = self.number(top, "full_points")
        margins = self.mapping(
            top.get("warnings", {}), "warnings", ("self_score_margin", "execution_margin")
        )
        framework = Framework(
            name=name,
            kind=kind,
            title=self.text(top, "title"),
            basis=self.text(top, "basis"),
            region=self.text(top, "region"),
            year=year,
            default=default,
            full_points=full_points,
            grades=self.grades(top.get("grades")),
            indicators=self.indicators(top.get("indicators"), full_points)
            if kind == "overall"
            else (),
            project=self.project(top.get("project"), full_points) if kind == "project" else None,
            self_score_margin=self._margin(margins, "self_score_margin"),
            execution_margin=self._margin(margins, "execution_margin"),
            notes=self.notes(top.get("notes", [])),
            file=self.filename,
        )
        return framework

    def _margin(self, margins: Mapping[str, object], key: str) -> Decimal:
        return self.number(margins, key, "warnings.") if key in margins else _DEFAULT_MARGIN

    def notes(self, value: object) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(n, str) for n in value):
            raise self.fail("notes", "应为文字列表")
        return tuple(str(n) for n in value)

    def grades(self, value: object) -> tuple[GradeBand, ...]:
        if not isinstance(value, list) or not value:
            raise self.fail("grades", "应为等级列表（grade 与 min），从高到低")
        bands = []
        for index, item in enumerate(value):
            where = f"grades[{index}]."
            band = self.mapping(item, where.rstrip("."), ("grade", "min"))
            bands.append(
                GradeBand(self.text(band, "grade", where), self.number(band, "min", where))
            )
        minimums = [b.minimum for b in bands]
        if minimums != sorted(minimums, reverse=True) or len(set(minimums)) != len(minimums):
            raise self.fail("grades", "各等级的 min 应从高到低且互不相同")
        if minimums[-1] != 0:
            raise self.fail(f"grades[{len(bands) - 1}].min", "最低一档的 min 应为0")
        return tuple(bands)

    def indicators(self, value: object, full_points: Decimal) -> tuple[IndicatorSpec, ...]:
        if not isinstance(value, list) or not value:
            raise self.fail("indicators", "应为指标列表")
        specs = [self.indicator(item, f"indicators[{i}]") for i, item in enumerate(value)]
        ids = [s.id for s in specs]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise self.fail("indicators", f"指标编号“{repeated[0]}”重复")
        total = sum((s.weight for s in specs), Decimal(0))
        if total != full_points:
            raise self.fail(
                "indicators", f"各指标 weight 之和为{total}，应等于 full_points {full_points}"
            )
        return tuple(specs)

    def indicator(self, item: object, place: str) -> IndicatorSpec:
        data = self.mapping(item, place, _INDICATOR)
        indicator_id = self.text(data, "id", f"{place}.")
        where = f"{place}（{indicator_id}）."
        if not _ID.match(indicator_id):
            raise self.fail(f"{where}id", "应为小写字母、数字和连字符")
        formula = self.text(data, "formula", where)
        if formula not in FORMULAS:
            raise self.fail(
                f"{where}formula", f"没有名为“{formula}”的公式（可用：{'、'.join(FORMULAS)}）"
            )
        inputs = data.get("inputs", [])
        if not isinstance(inputs, list) or not all(isinstance(k, str) for k in inputs):
            raise self.fail(f"{where}inputs", "应为基础数据键名的列表")
        unknown = [k for k in inputs if k not in FIELD_BY_KEY]
        if unknown:
            raise self.fail(f"{where}inputs", f"“{unknown[0]}”不是基础数据的键名")
        if len(inputs) != FORMULAS[formula].arity:
            raise self.fail(f"{where}inputs", f"公式 {formula} 需要{FORMULAS[formula].arity}项输入")
        direction = data.get("direction", "higher")
        if direction not in ("higher", "lower"):
            raise self.fail(f"{where}direction", "应为 higher（越高越好）或 lower（越低越好）")
        weight = self.number(data, "weight", where)
        rule = self.rule(data, where)
        self._check_fit(formula, rule, weight, where)
        return IndicatorSpec(
            id=indicator_id,
            level1=self.text(data, "level1", where),
            level2=self.text(data, "level2", where),
            level3=self.text(data, "level3", where),
            formula=formula,
            inputs=tuple(str(k) for k in inputs),
            better=Better(direction),
            weight=weight,
            rule=rule,
            note=str(data.get("note", "")),
        )

    def _check_fit(self, formula: str, rule: Rule, weight: Decimal, where: str) -> None:
        if rule.method == "reference" or weight == 0:
            if rule.method != "reference" or weight != 0:
                raise self.fail(f"{where}method", "分值为0的指标用 reference 方法，反之亦然")
            return
        judged = rule.needs is Needs.JUDGEMENT
        if judged != (formula == "judgement"):
            reason = (
                "定性公式 judgement 须配评价判断类方法"
                if not judged
                else "该方法须配 judgement 公式"
            )
            raise self.fail(f"{where}method", reason)
        if rule.needs is Needs.TARGET:
            raise self.fail(f"{where}method", "target_ratio 只用于项目支出框架")
        top = rule.max_points()
        if top is not None and top > weight:
            raise self.fail(f"{where}params", f"最高得分{top}超过了分值 weight {weight}")

    def project(self, value: object, full_points: Decimal) -> ProjectRules:
        data = self.mapping(value, "project", _PROJECT)
        execution = self.mapping(
            data.get("execution"), "project.execution", ("weight", "method", "params")
        )
        categories = data.get("categories")
        if not isinstance(categories, list) or not categories:
            raise self.fail("project.categories", "应为一级指标类别列表")
        parsed = [
            self.category(item, f"project.categories[{i}]") for i, item in enumerate(categories)
        ]
        quantitative = self.mapping(
            data.get("quantitative"), "project.quantitative", ("method", "params", "far_exceeded")
        )
        qualitative = self.mapping(
            data.get("qualitative"), "project.qualitative", ("method", "params")
        )
        qualitative_rule = self.rule(qualitative, "project.qualitative.")
        if not isinstance(qualitative_rule, QualitativeBand):
            raise self.fail("project.qualitative.method", "应为 qualitative_band")
        far = self.number(quantitative, "far_exceeded", "project.quantitative.")
        if far <= 1:
            raise self.fail(
                "project.quantitative.far_exceeded", "应大于1（如1.2表示超出指标值20%）"
            )
        rules = ProjectRules(
            execution_weight=self.number(execution, "weight", "project.execution."),
            execution_rule=self.rule(execution, "project.execution."),
            categories=tuple(parsed),
            quantitative=self.rule(quantitative, "project.quantitative."),
            qualitative=qualitative_rule,
            far_exceeded=far,
        )
        total = rules.execution_weight + sum((c.weight for c in parsed), Decimal(0))
        if total != full_points:
            raise self.fail(
                "project", f"执行率与各类别 weight 之和为{total}，应等于 full_points {full_points}"
            )
        return rules

    def category(self, item: object, where: str) -> Category:
        data = self.mapping(item, where, ("id", "name", "weight", "match"))
        match = data.get("match")
        if not isinstance(match, list) or not match or not all(isinstance(m, str) for m in match):
            raise self.fail(f"{where}.match", "应为一级指标名称中的关键词列表")
        return Category(
            id=self.text(data, "id", f"{where}."),
            name=self.text(data, "name", f"{where}."),
            weight=self.number(data, "weight", f"{where}."),
            match=tuple(str(m) for m in match),
        )
