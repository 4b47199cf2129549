"""The rules of the finance bureau's own key-project evaluations (财政重点绩效评价), as data.

``jixiao/data/key_projects.toml`` holds: the plan's default amount threshold; the panel's
arithmetic (the divergence share of an indicator's weight, from how many evaluators the
trimmed mean is used, the re-check tolerance, the grade bands); the survey limits; the
evaluation framework (the 决策/过程 indicators of 财预〔2020〕10号 附件1, and the categories
that share out the 产出/效益 weight over the project's approved targets); and the use of
results (grade → next year's budget suggestion, rectification). Everything is checked when
it is loaded: a missing or malformed field is refused with a message naming the field.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from importlib import resources
from typing import Any

from jixiao.domain.errors import JixiaoError
from jixiao.scoring.frameworks import GradeBand

FILE = "key_projects.toml"
EXECUTION_FORMULA = "execution"


class KeyRulesError(JixiaoError):
    """key_projects.toml does not follow its schema; the message names the field."""


@dataclass(frozen=True, slots=True)
class PanelRules:
    divergence_share: Decimal  # of an indicator's weight
    trimmed_from: int  # evaluators from which the trimmed mean is used
    trim: int  # scores dropped at each end
    recheck_share: Decimal  # of an indicator's weight
    min_evaluators: int
    grades: tuple[GradeBand, ...]

    def grade_of(self, total: Decimal) -> str:
        return next(band.grade for band in self.grades if total >= band.minimum)


@dataclass(frozen=True, slots=True)
class SurveyRules:
    min_sample: int
    rate_margin: Decimal  # percentage points


@dataclass(frozen=True, slots=True)
class CommonIndicator:
    """A 决策/过程 indicator every key project is scored on."""

    id: str
    level1: str
    level2: str
    level3: str
    weight: Decimal
    standard: str
    formula: str = ""  # "execution": jixiao re-computes it from the budget and its execution


@dataclass(frozen=True, slots=True)
class TargetCategory:
    """The weight of the project's own 产出 (or 效益) targets, shared out over its rows."""

    id: str
    level1: str
    weight: Decimal
    match: tuple[str, ...]  # words of the target row's level-1 (or level-2) name


@dataclass(frozen=True, slots=True)
class KeyFramework:
    title: str
    basis: str
    full_points: Decimal
    common: tuple[CommonIndicator, ...]
    categories: tuple[TargetCategory, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ResultUse:
    """What a grade means for next year's budget."""

    grade: str
    label: str
    advice: str
    budget_change: Decimal  # -0.2: cut by 20%
    rectify: bool
    priority: bool
    rectify_days: int

    def suggested_budget(self, amount: Decimal) -> Decimal:
        """Next year's amount under this rule (万元, two places)."""
        return (amount * (1 + self.budget_change)).quantize(Decimal("0.01"))


@dataclass(frozen=True, slots=True)
class KeyRules:
    min_amount: Decimal
    panel: PanelRules
    survey: SurveyRules
    framework: KeyFramework
    uses: tuple[ResultUse, ...]

    def use_for(self, grade: str) -> ResultUse | None:
        return next((u for u in self.uses if u.grade == grade), None)


@functools.cache
def load_key_rules() -> KeyRules:
    text = (resources.files("jixiao.data") / FILE).read_text(encoding="utf-8")
    return parse_key_rules(text)


def parse_key_rules(text: str) -> KeyRules:
    """The rules from the text of a key_projects.toml (checked; KeyRulesError when wrong)."""
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        raise KeyRulesError(f"{FILE} 不是有效的 TOML：{error}") from error
    reader = _Reader()
    panel = reader.table(data, "panel")
    rules = KeyRules(
        min_amount=reader.number(reader.table(data, "plan"), "min_amount", "plan"),
        panel=reader.panel(panel),
        survey=reader.survey(reader.table(data, "survey")),
        framework=reader.framework(reader.table(data, "framework")),
        uses=reader.uses(data.get("use")),
    )
    grades = [b.grade for b in rules.panel.grades]
    unused = [g for g in grades if rules.use_for(g) is None]
    if unused:
        raise KeyRulesError(f"{FILE}：等级“{unused[0]}”没有对应的 [[use]] 结果应用规则")
    return rules


class _Reader:
    def fail(self, where: str, reason: str) -> KeyRulesError:
        return KeyRulesError(f"{FILE} 的 {where}：{reason}")

    def table(self, data: Mapping[str, Any], key: str, where: str = "") -> Mapping[str, Any]:
        value = data.get(key)
        if not isinstance(value, Mapping):
            raise self.fail(f"{where}{key}", "缺少这一部分或格式不对")
        return value

    def text(self, data: Mapping[str, Any], key: str, where: str) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{where}.{key}", "应为非空文字")
        return value.strip()

    def number(self, data: Mapping[str, Any], key: str, where: str) -> Decimal:
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
            raise self.fail(f"{where}.{key}", "应为数字")
        try:
            number = Decimal(str(value))
        except InvalidOperation as error:
            raise self.fail(f"{where}.{key}", "应为数字") from error
        if not number.is_finite():
            raise self.fail(f"{where}.{key}", "应为有限的数字")
        return number

    def count(self, data: Mapping[str, Any], key: str, where: str, minimum: int = 0) -> int:
        number = self.number(data, key, where)
        if number != number.to_integral_value() or number < minimum:
            raise self.fail(f"{where}.{key}", f"应为不小于{minimum}的整数")
        return int(number)

    def share(self, data: Mapping[str, Any], key: str, where: str) -> Decimal:
        number = self.number(data, key, where)
        if not Decimal(0) <= number <= 1:
            raise self.fail(f"{where}.{key}", "应为0到1之间的比例（0.2即20%）")
        return number

    def flag(self, data: Mapping[str, Any], key: str, where: str) -> bool:
        value = data.get(key)
        if not isinstance(value, bool):
            raise self.fail(f"{where}.{key}", "应为 true 或 false")
        return value

    def panel(self, data: Mapping[str, Any]) -> PanelRules:
        trim = self.count(data, "trim", "panel")
        trimmed_from = self.count(data, "trimmed_from", "panel", minimum=2)
        if trimmed_from <= 2 * trim:
            raise self.fail("panel.trimmed_from", "去掉两端各 trim 个评分后至少要剩一个评分")
        return PanelRules(
            divergence_share=self.share(data, "divergence_share", "panel"),
            trimmed_from=trimmed_from,
            trim=trim,
            recheck_share=self.share(data, "recheck_share", "panel"),
            min_evaluators=self.count(data, "min_evaluators", "panel", minimum=1),
            grades=self.grades(data.get("grades")),
        )

    def grades(self, value: object) -> tuple[GradeBand, ...]:
        if not isinstance(value, list) or not value:
            raise self.fail("panel.grades", "应为等级列表（grade 与 min），从高到低")
        bands = []
        for index, item in enumerate(value):
            if not isinstance(item, Mapping):
                raise self.fail(f"panel.grades[{index}]", "应为 {grade, min}")
            where = f"panel.grades[{index}]"
            grade = self.text(item, "grade", where)
            bands.append(GradeBand(grade, self.number(item, "min", where)))
        minimums = [b.minimum for b in bands]
        if minimums != sorted(set(minimums), reverse=True) or minimums[-1] != 0:
            raise self.fail("panel.grades", "各等级的 min 应从高到低、互不相同，最低一档为0")
        return tuple(bands)

    def survey(self, data: Mapping[str, Any]) -> SurveyRules:
        return SurveyRules(
            min_sample=self.count(data, "min_sample", "survey", minimum=1),
            rate_margin=self.number(data, "rate_margin", "survey"),
        )

    def framework(self, data: Mapping[str, Any]) -> KeyFramework:
        common = data.get("common")
        categories = data.get("targets")
        if not isinstance(common, list) or not isinstance(categories, list) or not categories:
            raise self.fail("framework", "应有 [[framework.common]] 与 [[framework.targets]]")
        framework = KeyFramework(
            title=self.text(data, "title", "framework"),
            basis=self.text(data, "basis", "framework"),
            full_points=self.number(data, "full_points", "framework"),
            common=tuple(self.common(item, i) for i, item in enumerate(common)),
            categories=tuple(self.category(item, i) for i, item in enumerate(categories)),
            notes=tuple(str(n) for n in data.get("notes", ())),
        )
        ids = [c.id for c in framework.common] + [c.id for c in framework.categories]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise self.fail("framework", f"编号“{repeated[0]}”重复")
        weights = [c.weight for c in framework.common] + [c.weight for c in framework.categories]
        total = sum(weights, Decimal(0))
        if total != framework.full_points:
            raise self.fail(
                "framework", f"各项分值之和为{total}，应等于 full_points {framework.full_points}"
            )
        return framework

    def common(self, item: object, index: int) -> CommonIndicator:
        where = f"framework.common[{index}]"
        if not isinstance(item, Mapping):
            raise self.fail(where, "格式不对")
        formula = str(item.get("formula", ""))
        if formula not in ("", EXECUTION_FORMULA):
            raise self.fail(f"{where}.formula", f"只能是“{EXECUTION_FORMULA}”或不写")
        weight = self.number(item, "weight", where)
        if weight <= 0:
            raise self.fail(f"{where}.weight", "应大于0")
        return CommonIndicator(
            id=self.text(item, "id", where),
            level1=self.text(item, "level1", where),
            level2=self.text(item, "level2", where),
            level3=self.text(item, "level3", where),
            weight=weight,
            standard=self.text(item, "standard", where),
            formula=formula,
        )

    def category(self, item: object, index: int) -> TargetCategory:
        where = f"framework.targets[{index}]"
        if not isinstance(item, Mapping):
            raise self.fail(where, "格式不对")
        match = item.get("match")
        if not isinstance(match, list) or not match or not all(isinstance(m, str) for m in match):
            raise self.fail(f"{where}.match", "应为一级指标名称中的关键词列表")
        weight = self.number(item, "weight", where)
        if weight <= 0:
            raise self.fail(f"{where}.weight", "应大于0")
        return TargetCategory(
            id=self.text(item, "id", where),
            level1=self.text(item, "level1", where),
            weight=weight,
            match=tuple(match),
        )

    def uses(self, value: object) -> tuple[ResultUse, ...]:
        if not isinstance(value, list) or not value:
            raise self.fail("use", "应有 [[use]] 结果应用规则")
        uses = []
        for index, item in enumerate(value):
            where = f"use[{index}]"
            if not isinstance(item, Mapping):
                raise self.fail(where, "格式不对")
            change = self.number(item, "budget_change", where)
            if not Decimal(-1) <= change <= 1:
                raise self.fail(f"{where}.budget_change", "应在 −1 与 1 之间（−0.2 即压减20%）")
            rectify = self.flag(item, "rectify", where)
            days = self.count(item, "rectify_days", where, minimum=1 if rectify else 0)
            uses.append(
                ResultUse(
                    grade=self.text(item, "grade", where),
                    label=self.text(item, "label", where),
                    advice=self.text(item, "advice", where),
                    budget_change=change,
                    rectify=rectify,
                    priority=self.flag(item, "priority", where),
                    rectify_days=days,
                )
            )
        return tuple(uses)


def survey_flags(
    *,
    rate: Decimal | None,
    sample: int | None,
    satisfied: int | None,
    rules: SurveyRules,
) -> tuple[str, ...]:
    """What a satisfaction survey's figures leave in doubt (Chinese), as the audit flags a
    满意度 stated without its survey: a rate without a sample, a small sample, a rate that is
    not 满意样本数 / 有效样本数."""
    flags = []
    if rate is not None and not sample:
        flags.append("只有满意度，没有有效样本数：无法判断结果是否可信，请补充调查样本量")
    if sample is not None and 0 < sample < rules.min_sample:
        flags.append(f"有效样本{sample}份，少于{rules.min_sample}份，样本量偏小")
    if sample and satisfied is not None:
        if satisfied > sample:
            flags.append(f"满意样本{satisfied}份多于有效样本{sample}份")
        elif rate is not None:
            computed = Decimal(satisfied) * 100 / sample
            if abs(computed - rate) > rules.rate_margin:
                flags.append(
                    f"所报满意度{rate.normalize():f}%与 满意样本/有效样本 = "
                    f"{satisfied}/{sample} = {computed.quantize(Decimal('0.01'))}%不符"
                )
    return tuple(flags)
