"""基础数据: the figures a unit's overall score is computed from, as typed immutable values.

Each input has a stable key (the field name), a Chinese label used in messages and data files,
and a kind: money is Decimal in 万元, counts are Decimal (people, tasks), rates are percent
(97.06 means 97.06%). Every value remembers where it came from, so a scorecard can say
"编制数45（数据文件第3行）" or quote the report. A value that nobody stated is ``None``:
the scorer lists it as missing and never guesses it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal
from enum import Enum

from jixiao.domain.evidence import Evidence


class InputKind(Enum):
    MONEY = "money"  # Decimal in 万元
    COUNT = "count"  # people, tasks, survey answers
    RATE = "rate"  # percent


@dataclass(frozen=True, slots=True)
class InputField:
    """One 基础数据 item: its key, its label, its kind and the other labels it goes by."""

    key: str
    label: str
    kind: InputKind
    aliases: tuple[str, ...] = ()

    @property
    def unit(self) -> str:
        return {InputKind.MONEY: "万元", InputKind.COUNT: "", InputKind.RATE: "%"}[self.kind]


_M, _C, _R = InputKind.MONEY, InputKind.COUNT, InputKind.RATE

# The catalogue, in the order of the 基础数据表. Aliases are the wordings units use in their
# own forms; they are matched after removing spaces, quotes and brackets.
FIELDS: tuple[InputField, ...] = (
    InputField("authorized_staff", "编制数", _C, ("人员编制数", "核定编制数", "人员编制")),
    InputField("actual_staff", "在职人数", _C, ("实际在职人数", "在职人员数", "实有人数")),
    InputField("three_public_budget", "本年“三公”经费预算数", _M, ("三公经费预算数",)),
    InputField(
        "three_public_actual",
        "本年“三公”经费实际支出数",
        _M,
        ("三公经费决算数", "三公经费实际支出数", "本年三公经费决算数", "三公经费支出"),
    ),
    InputField("three_public_budget_prev", "上年“三公”经费预算数", _M),
    InputField(
        "three_public_actual_prev",
        "上年“三公”经费实际支出数",
        _M,
        ("上年三公经费决算数",),
    ),
    InputField("public_budget", "公用经费预算数", _M, ("预算安排公用经费",)),
    InputField("public_actual", "公用经费实际支出数", _M, ("实际支出公用经费", "公用经费决算数")),
    InputField("procurement_budget", "政府采购预算数", _M),
    InputField(
        "procurement_actual", "政府采购实际金额", _M, ("实际政府采购金额", "政府采购执行数")
    ),
    InputField("carryover", "本年结转结余", _M, ("年末结转结余", "本年结转结余总额")),
    InputField("carryover_prev", "上年结转结余", _M, ("年初结转结余", "上年结转结余总额")),
    InputField("fixed_assets_in_use", "在用固定资产总额", _M, ("实际在用固定资产总额",)),
    InputField("fixed_assets_total", "固定资产总额", _M, ("所有固定资产总额",)),
    InputField("key_tasks_assigned", "重点工作交办数", _C, ("重点工作下达数",)),
    InputField("key_tasks_done", "重点工作完成数", _C, ("重点工作实际完成数",)),
    InputField("key_project_spending", "重点项目支出", _M, ("重点项目支出数",)),
    InputField("project_spending", "项目总支出", _M, ("项目支出", "项目支出合计")),
    InputField("budget_initial", "年初预算数", _M),
    InputField("budget", "全年预算数", _M, ("预算数", "调整后预算数", "财政批复数")),
    InputField("budget_completed", "全年执行数", _M, ("预算完成数", "预算执行数", "执行数")),
    InputField("execution_rate", "预算执行率", _R, ("执行率",)),
    InputField("budget_adjustment", "预算调整数", _M),
    InputField("payment_progress_actual", "实际支付进度", _R),
    InputField("payment_progress_planned", "既定支付进度", _R),
    InputField("tasks_planned", "计划工作数", _C),
    InputField("tasks_done", "实际完成工作数", _C),
    InputField("tasks_on_time", "及时完成工作数", _C),
    InputField("tasks_up_to_standard", "质量达标工作数", _C),
    InputField("survey_sample", "满意度调查有效样本数", _C, ("有效样本数", "有效问卷数")),
    InputField("survey_satisfied", "满意样本数", _C, ("满意人数", "满意问卷数")),
)

FIELD_BY_KEY: dict[str, InputField] = {f.key: f for f in FIELDS}


@dataclass(frozen=True, slots=True)
class BasicValue:
    """One stated input: its value (万元, a count or percent) and where it was stated."""

    value: Decimal
    source: str  # "数据文件 基础数据!B5", "报告原文", "数据文件“基础数据.编制数”"
    evidence: Evidence | None = None
    shown: str = ""  # as stated, when not in 万元 ("387664.62元"); the value is in 万元


@dataclass(frozen=True, slots=True)
class BasicData:
    """The 基础数据 of one unit and year; ``None`` is "not stated", never zero."""

    authorized_staff: BasicValue | None = None
    actual_staff: BasicValue | None = None
    three_public_budget: BasicValue | None = None
    three_public_actual: BasicValue | None = None
    three_public_budget_prev: BasicValue | None = None
    three_public_actual_prev: BasicValue | None = None
    public_budget: BasicValue | None = None
    public_actual: BasicValue | None = None
    procurement_budget: BasicValue | None = None
    procurement_actual: BasicValue | None = None
    carryover: BasicValue | None = None
    carryover_prev: BasicValue | None = None
    fixed_assets_in_use: BasicValue | None = None
    fixed_assets_total: BasicValue | None = None
    key_tasks_assigned: BasicValue | None = None
    key_tasks_done: BasicValue | None = None
    key_project_spending: BasicValue | None = None
    project_spending: BasicValue | None = None
    budget_initial: BasicValue | None = None
    budget: BasicValue | None = None
    budget_completed: BasicValue | None = None
    execution_rate: BasicValue | None = None
    budget_adjustment: BasicValue | None = None
    payment_progress_actual: BasicValue | None = None
    payment_progress_planned: BasicValue | None = None
    tasks_planned: BasicValue | None = None
    tasks_done: BasicValue | None = None
    tasks_on_time: BasicValue | None = None
    tasks_up_to_standard: BasicValue | None = None
    survey_sample: BasicValue | None = None
    survey_satisfied: BasicValue | None = None

    def get(self, key: str) -> BasicValue | None:
        """The value of input ``key``; KeyError for a key that is not in the catalogue."""
        if key not in FIELD_BY_KEY:
            raise KeyError(key)
        value: BasicValue | None = getattr(self, key)
        return value

    def stated(self) -> dict[str, BasicValue]:
        """Every stated input by key, in catalogue order."""
        return {f.key: v for f in FIELDS if (v := self.get(f.key)) is not None}

    @classmethod
    def of(cls, values: dict[str, BasicValue]) -> BasicData:
        """Built from a key → value mapping; refuses keys that are not in the catalogue."""
        unknown = sorted(set(values) - set(FIELD_BY_KEY))
        if unknown:
            raise KeyError(", ".join(unknown))
        return cls(**values)


class Level(Enum):
    """The three bands of a qualitative indicator (财预〔2020〕10号)."""

    ACHIEVED = "达成"  # 达成年度指标: 100%–80% of the points
    PARTLY = "部分达成"  # 部分达成并具有一定效果: 80%–60%
    NOT_ACHIEVED = "未达成"  # 未达成且效果较差: 60%–0%


@dataclass(frozen=True, slots=True)
class Judgement:
    """An evaluator's finding on a qualitative indicator, keyed by indicator id or name.

    ``met`` counts the 评价要点 satisfied (a checklist), ``violations`` the breaches found,
    ``level`` places the indicator in a band and ``score`` is the points given within it.
    """

    key: str
    met: int | None = None
    violations: int | None = None
    level: Level | None = None
    score: Decimal | None = None
    source: str = ""


def field_names() -> tuple[str, ...]:
    """The dataclass fields, which the catalogue must mirror (a test pins it)."""
    return tuple(f.name for f in fields(BasicData))
