"""What a scorecard is computed from, read from a Report or from a data file a unit fills in.

A data file (YAML or JSON; .xlsx in ``xlsx_inputs``) uses the labels of the 基础数据表::

    单位名称: 青峰县示范局
    年度: 2022
    评价类型: 部门整体支出        # 或 项目支出
    金额单位: 万元                # 或 元
    基础数据:
      编制数: 45
      在职人数: 43
      本年“三公”经费预算数: 13
    评价判断:
      budget-rules: {满足要点数: 3}
      fund-compliance: {违规数: 0}
      economic-benefit: {档次: 达成, 得分: 3}
    自评:
      总分: 95.5
      等级: 优
      指标得分: {staff-control-rate: 5}
    指标:                          # 项目支出自评表的绩效指标
      - {一级指标: 产出指标, 二级指标: 数量指标, 三级指标: 受资助学生人数, 指标性质: "≥",
         指标值: 735, 度量单位: 人次, 完成值: 735, 分值: 10, 得分: 10}

English keys (unit_name, year, kind, amount_unit, basic, judgements, self_evaluation,
indicators) and the 基础数据 keys of ``jixiao.domain.basic_data`` are accepted too. A label
that is not known is refused, naming the file and the label: a typo must not become a
silently missing input.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from jixiao.domain.basic_data import (
    FIELD_BY_KEY,
    FIELDS,
    BasicData,
    BasicValue,
    InputKind,
    Judgement,
    Level,
)
from jixiao.domain.errors import UnreadableInput
from jixiao.domain.money import Money, MoneyUnit, canonical
from jixiao.domain.report import Direction, Indicator, Report, ReportKind, StatedMoney
from jixiao.scoring.yamlio import load_json, load_yaml

MAX_DATA_BYTES = 2 * 1024 * 1024  # a 基础数据 file is a page of figures, not a database
_WAN_PER_YUAN = Decimal("0.0001")


class InputsError(UnreadableInput):
    """A data file that cannot be used; the message names the file and the label."""


@dataclass(frozen=True, slots=True)
class ScoringInputs:
    """Everything a scorecard is computed from, whatever it was read from."""

    source: str
    kind: str | None = None  # "overall" | "project"; None: let the framework decide
    unit_name: str | None = None
    year: int | None = None
    basic: BasicData = field(default_factory=BasicData)
    judgements: tuple[Judgement, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    stated_scores: tuple[tuple[str, Decimal], ...] = ()  # indicator id or name → unit's score
    self_score: Decimal | None = None
    self_grade: str | None = None
    survey_described: bool = False  # the source says how satisfaction was surveyed (sample)
    text: str = ""  # the report text, for quoting evidence

    def judgement(self, *keys: str) -> Judgement | None:
        if not self.judgements:
            return None  # a report's own inputs have none: no keys to normalize
        wanted = {normalize(k) for k in keys}
        return next((j for j in self.judgements if normalize(j.key) in wanted), None)

    def stated_score(self, *keys: str) -> Decimal | None:
        if not self.stated_scores:
            return None  # a report's own inputs have none: no keys to normalize
        wanted = {normalize(k) for k in keys}
        return next((s for k, s in self.stated_scores if normalize(k) in wanted), None)


@functools.lru_cache(maxsize=4096)
def normalize(label: str) -> str:
    """A label as compared: NFKC, no spaces, quotes or bracketed units ("编制数（人）" → 编制数)."""
    text = unicodedata.normalize("NFKC", label)
    text = re.sub(r"[(\[][^)\]]*[)\]]\s*$", "", text)
    return re.sub(r"[\s\"'“”‘’「」:：]", "", text)


_LABELS: dict[str, str] = {}
for _field in FIELDS:
    for _label in (_field.key, _field.label, *_field.aliases):
        _LABELS[normalize(_label)] = _field.key


def basic_key(label: str) -> str | None:
    """The 基础数据 key a label names, None when it names none."""
    return _LABELS.get(normalize(label))


# -- from a report -------------------------------------------------------------------------
# Two patterns, each opening with a character set (a word's first characters, a digit: \d\d*,
# as \d+ would hide it), so the regex engine skips in C to where a match may start; as one
# alternation it tried both branches at every character of the report.
_SURVEY_WORD_FIRST = re.compile(
    r"(?:问卷|样本|抽样|调查|调研|回收|受访|测评)[^。；\n]{0,20}?\d+\s*(?:份|人|户|名|个|家)"
)
_SURVEY_COUNT_FIRST = re.compile(r"\d\d*\s*(?:份|人|户|名|家)[^。；\n]{0,12}(?:问卷|样本|调查)")


_SURVEY_WORDS = ("问卷", "样本", "抽样", "调查", "调研", "回收", "受访", "测评")


def describes_survey(text: str) -> bool:
    """Whether the text says how many people a satisfaction survey asked (a sample size)."""
    # Every match holds one of these words: looking for them first spares most reports the
    # regular expressions.
    return any(word in text for word in _SURVEY_WORDS) and (
        _SURVEY_WORD_FIRST.search(text) is not None or _SURVEY_COUNT_FIRST.search(text) is not None
    )


def inputs_from_report(report: Report) -> ScoringInputs:
    """The inputs a report states: never more, so what it does not state stays missing."""
    values: dict[str, BasicValue] = {}

    def put(key: str, stated: StatedMoney | None) -> None:
        if stated is not None:
            money = stated.value
            shown = "" if money.stated_unit is MoneyUnit.WAN else _as_stated(money)
            values[key] = BasicValue(money.wan, "报告原文", stated.evidence, shown)

    profile = report.profile
    for key, count in (
        ("authorized_staff", profile.authorized_staff),
        ("actual_staff", profile.actual_staff),
    ):
        if count is not None:
            values[key] = BasicValue(count.value.value, "报告原文", count.evidence)
    in_budget = report.kind is ReportKind.BUDGET
    put("three_public_budget" if in_budget else "three_public_actual", report.three_public.total)
    if not in_budget:
        _previous_three_public(report, values)
        put("public_actual", report.spending.public)
    put("project_spending", report.spending.project)
    budget = report.budget
    put("budget_initial", budget.initial)
    put("budget", budget.adjusted)
    put("budget_completed", budget.executed)
    put("carryover", budget.carryover)
    if budget.execution_rate is not None:
        rate = budget.execution_rate
        values["execution_rate"] = BasicValue(rate.value.percent, "报告原文", rate.evidence)
    performance = report.performance
    return ScoringInputs(
        source=report.source,
        kind="project" if report.kind is ReportKind.PROJECT else "overall",
        unit_name=profile.name.value if profile.name else None,
        year=profile.year,
        basic=BasicData.of(values),
        indicators=performance.indicators,
        self_score=performance.self_score.value.percent if performance.self_score else None,
        self_grade=performance.grade.value.strip() if performance.grade else None,
        survey_described=describes_survey(report.text),
        text=report.text,
    )


def _as_stated(money: Money) -> str:
    """An amount in the unit the text used: 38.766462万元 stated as 元 → "387664.62元"."""
    return f"{canonical(money.wan / money.stated_unit.in_wan)}{money.stated_unit.value}"


def _previous_three_public(report: Report, values: dict[str, BasicValue]) -> None:
    """Last year's 三公 actual: as stated, or this year's less the change stated beside it."""
    for mention in report.stated_mentions("three_public.total"):
        if mention.scope == "上年":
            values["three_public_actual_prev"] = BasicValue(
                _wan(mention.value), "报告原文", mention.evidence
            )
            return
    current = report.three_public.total
    if current is None:
        return
    for mention in report.stated_mentions("three_public.total", "change"):
        if mention.anchor == current.evidence and not mention.scope:
            previous = current.value.wan - _wan(mention.value)
            values["three_public_actual_prev"] = BasicValue(
                previous, "由报告所述本年数和增减额推算", mention.evidence
            )
            return


def _wan(value: object) -> Decimal:
    wan = getattr(value, "wan", None)
    return wan if isinstance(wan, Decimal) else Decimal(0)


# -- from a data file ----------------------------------------------------------------------
_TOP_KEYS = {
    "unit_name": ("单位名称", "单位", "unit_name"),
    "year": ("年度", "year"),
    "kind": ("评价类型", "类型", "kind"),
    "amount_unit": ("金额单位", "amount_unit"),
    "basic": ("基础数据", "basic"),
    "judgements": ("评价判断", "judgements"),
    "self_evaluation": ("自评", "self_evaluation"),
    "indicators": ("指标", "绩效指标", "indicators"),
    "survey": ("满意度调查", "survey"),
}
_KINDS = {
    "overall": ("部门整体", "部门整体支出", "整体", "overall"),
    "project": ("项目", "项目支出", "project"),
}
INDICATOR_COLUMNS = {
    "level1": ("一级指标", "level1"),
    "level2": ("二级指标", "level2"),
    "level3": ("三级指标", "level3"),
    "direction": ("指标性质", "direction"),
    "target": ("指标值", "年度指标值", "target"),
    "unit": ("度量单位", "计量单位", "unit"),
    "actual": ("完成值", "实际完成值", "actual"),
    "weight": ("分值", "权重", "weight"),
    "score": ("得分", "score"),
    "deviation_reason": (
        "偏差原因分析及改进措施",
        "偏差原因",
        "未完成原因分析",
        "deviation_reason",
    ),
}
JUDGEMENT_KEYS = {
    "met": ("满足要点数", "满足评价要点数", "met"),
    "violations": ("违规数", "违规问题数", "violations"),
    "level": ("档次", "评价档次", "level"),
    "score": ("得分", "score"),
}
_SELF_KEYS = {
    "total": ("总分", "自评得分", "total"),
    "grade": ("等级", "自评等级", "grade"),
    "scores": ("指标得分", "scores"),
}
_DIRECTIONS = {"≥": "≥", ">=": "≥", "≧": "≥", "≤": "≤", "<=": "≤", "≦": "≤", "=": "=", "═": "="}


def canonical_key(label: str, table: Mapping[str, tuple[str, ...]]) -> str | None:
    wanted = normalize(label)
    return next((k for k, names in table.items() if wanted in map(normalize, names)), None)


def read_inputs_file(path: Path) -> ScoringInputs:
    """A YAML, JSON or .xlsx data file; InputsError naming the file and label when unusable."""
    if path.suffix.lower() == ".xlsx":
        from jixiao.scoring.xlsx_inputs import read_xlsx  # noqa: PLC0415 (openpyxl is heavy)

        return read_xlsx(path)
    try:
        size = path.stat().st_size
        if size > MAX_DATA_BYTES:
            raise InputsError(f"“{path.name}”有{size // 1024} KB，超过数据文件上限2 MB")
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputsError(f"无法读取数据文件“{path.name}”：{error}") from error
    try:
        data = load_json(text) if path.suffix.lower() == ".json" else load_yaml(text)
    except (yaml.YAMLError, ValueError) as error:
        raise InputsError(f"数据文件“{path.name}”格式有误：{error}") from error
    return inputs_from_mapping(data, path.name)


def inputs_from_mapping(data: object, source: str) -> ScoringInputs:
    """The inputs a parsed data file states (top-level mapping, labels as documented)."""
    reader = _FileReader(source)
    return reader.read(data)


class _FileReader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.scale = Decimal(1)

    def fail(self, where: str, reason: str) -> InputsError:
        return InputsError(f"数据文件“{self.source}”的“{where}”：{reason}")

    def read(self, data: object) -> ScoringInputs:
        top = self._mapping(data, "（顶层）", _TOP_KEYS)
        unit = str(top.get("amount_unit", "万元")).strip()
        if unit not in ("万元", "元"):
            raise self.fail("金额单位", "应为“万元”或“元”")
        self.scale = _WAN_PER_YUAN if unit == "元" else Decimal(1)
        basic = self._basic(top.get("basic", {}))
        self_evaluation = self._mapping(top.get("self_evaluation", {}), "自评", _SELF_KEYS)
        scores = self_evaluation.get("scores", {})
        if not isinstance(scores, dict):
            raise self.fail("自评.指标得分", "应为“指标编号或名称: 得分”的映射")
        indicators = top.get("indicators", [])
        if not isinstance(indicators, list):
            raise self.fail("指标", "应为指标列表")
        total = self_evaluation.get("total")
        grade = self_evaluation.get("grade")
        return ScoringInputs(
            source=self.source,
            kind=self._kind(top.get("kind")),
            unit_name=str(top["unit_name"]) if top.get("unit_name") is not None else None,
            year=self._year(top.get("year")),
            basic=basic,
            judgements=self._judgements(top.get("judgements", {})),
            indicators=tuple(self._indicator(item, i) for i, item in enumerate(indicators)),
            stated_scores=tuple(
                (str(k), self._number(v, f"自评.指标得分.{k}")) for k, v in scores.items()
            ),
            self_score=None if total is None else self._number(total, "自评.总分"),
            self_grade=None if grade is None else str(grade).strip(),
            survey_described=bool(top.get("survey")) or basic.survey_sample is not None,
        )

    def _mapping(
        self, value: object, where: str, table: Mapping[str, tuple[str, ...]]
    ) -> dict[str, object]:
        if not isinstance(value, dict):
            raise self.fail(where, "应为“名称: 值”的映射")
        out: dict[str, object] = {}
        for label, item in value.items():
            key = canonical_key(str(label), table)
            if key is None:
                known = "、".join(names[0] for names in table.values())
                raise self.fail(f"{where}.{label}", f"不是可用的项目（可用：{known}）")
            out[key] = item
        return out

    def _kind(self, value: object) -> str | None:
        if value is None:
            return None
        kind = canonical_key(str(value), _KINDS)
        if kind is None:
            raise self.fail("评价类型", "应为“部门整体支出”或“项目支出”")
        return kind

    def _year(self, value: object) -> int | None:
        if value is None:
            return None
        text = str(value).strip().removesuffix("年度").removesuffix("年")
        if not text.isdigit():
            raise self.fail("年度", f"应为年份，实为“{value}”")
        return int(text)

    def _number(self, value: object, where: str) -> Decimal:
        if isinstance(value, bool) or value is None:
            raise self.fail(where, f"应为数字，实为“{value}”")
        text = str(value).strip().replace(",", "").replace("，", "")
        text = re.sub(r"(万元|元|人|名|项|件|个|份|%|％)$", "", text).strip()
        try:
            number = Decimal(text)
        except (InvalidOperation, ValueError) as error:
            raise self.fail(where, f"应为数字，实为“{value}”") from error
        if not number.is_finite():
            raise self.fail(where, f"应为有限数字，实为“{value}”")
        return number

    def _basic(self, value: object) -> BasicData:
        if not isinstance(value, dict):
            raise self.fail("基础数据", "应为“名称: 数值”的映射")
        values: dict[str, BasicValue] = {}
        for label, raw in value.items():
            key = basic_key(str(label))
            if key is None:
                raise self.fail(
                    f"基础数据.{label}", "不是基础数据表中的项目（见 docs/frameworks.md）"
                )
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                continue  # left blank: missing, not zero
            number = self._number(raw, f"基础数据.{label}")
            shown = ""
            if FIELD_BY_KEY[key].kind is InputKind.MONEY:
                scale = money_scale(raw, self.scale)
                shown = "" if scale == 1 else f"{canonical(number)}元"
                number = number * scale
            values[key] = BasicValue(number, f"数据文件“基础数据.{label}”", shown=shown)
        return BasicData.of(values)

    def _judgements(self, value: object) -> tuple[Judgement, ...]:
        if not isinstance(value, dict):
            raise self.fail("评价判断", "应为“指标编号或名称: {满足要点数/违规数/档次/得分}”的映射")
        judgements = []
        for key, raw in value.items():
            where = f"评价判断.{key}"
            data = self._mapping(raw, where, JUDGEMENT_KEYS)
            level = None
            if data.get("level") is not None:
                try:
                    level = Level(str(data["level"]).strip())
                except ValueError as error:
                    raise self.fail(f"{where}.档次", "应为 达成、部分达成 或 未达成") from error
            judgements.append(
                Judgement(
                    key=str(key),
                    met=self._count(data.get("met"), f"{where}.满足要点数"),
                    violations=self._count(data.get("violations"), f"{where}.违规数"),
                    level=level,
                    score=None if data.get("score") is None else self._number(data["score"], where),
                    source=f"数据文件“{where}”",
                )
            )
        return tuple(judgements)

    def _count(self, value: object, where: str) -> int | None:
        if value is None:
            return None
        number = self._number(value, where)
        if number != number.to_integral_value() or number < 0:
            raise self.fail(where, "应为不小于0的整数")
        return int(number)

    def _indicator(self, item: object, index: int) -> Indicator:
        where = f"指标[{index + 1}]"
        data = self._mapping(item, where, INDICATOR_COLUMNS)
        if not data.get("level3"):
            raise self.fail(f"{where}.三级指标", "必须填写")

        def text(key: str) -> str | None:
            raw = data.get(key)
            return None if raw is None or str(raw).strip() == "" else str(raw).strip()

        direction = indicator_direction(text("direction"))
        weight, score = text("weight"), text("score")
        return Indicator(
            level1=text("level1") or "",
            level2=text("level2") or "",
            level3=text("level3") or "",
            direction=direction,
            target=text("target"),
            actual=text("actual"),
            unit=text("unit"),
            weight=None if weight is None else self._number(weight, f"{where}.分值"),
            score=None if score is None else self._number(score, f"{where}.得分"),
            deviation_reason=text("deviation_reason"),
        )


def money_scale(raw: object, default: Decimal) -> Decimal:
    """万元 per unit of a money value, by its own suffix ("12元", "3万元"), else ``default``."""
    text = str(raw).strip()
    if text.endswith("万元"):
        return Decimal(1)
    if text.endswith("元"):
        return _WAN_PER_YUAN
    return default


def indicator_direction(text: str | None) -> Direction | None:
    """The 指标性质 of a table cell (≥ ≤ = 定性), None when blank or unknown."""
    if text is None:
        return None
    cleaned = unicodedata.normalize("NFKC", text).strip()
    if cleaned in _DIRECTIONS:
        return Direction(_DIRECTIONS[cleaned])
    if "定性" in cleaned:
        return Direction.QUALITATIVE
    return None
