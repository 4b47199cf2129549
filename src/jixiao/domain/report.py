"""The report aggregate: what one document states about one unit and one year.

Everything here is what the text STATES. A figure the text does not state is ``None``;
derived values are the auditor's business.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from jixiao.domain.evidence import Evidence
from jixiao.domain.money import Count, Money, Rate
from jixiao.domain.reading import Reading
from jixiao.domain.relations import (
    Breakdown,
    CombinedRate,
    Enumeration,
    LevelAmount,
    Ratio,
    StatedChange,
    StatedGrowth,
    ValueWithGrowth,
)


class ReportKind(Enum):
    OVERALL = "overall"  # 部门整体支出绩效评价/自评, 绩效情况说明
    PROJECT = "project"  # 项目支出绩效自评表/报告
    FINAL_ACCOUNTS = "final_accounts"  # 决算说明
    BUDGET = "budget"  # 预算说明
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class StatedMoney:
    value: Money
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class StatedRate:
    value: Rate
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class StatedCount:
    value: Count
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class StatedText:
    value: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Mention:
    """One statement of a figure, primary or not.

    ``path`` names the field ("spending.basic", "three_public.reception" …). ``aspect``
    says which figure of that field it is: the amount itself ("value"), its change on
    a year before ("change", signed) or that change as a rate ("change_rate", signed).
    ``scope`` is a qualifier that limits the figure (财政拨款, 一般公共预算, a prior year …),
    empty for the unit's whole money of the report year. ``cluster`` numbers the
    section the mention sits in, so that parts are compared with their own whole.
    A change names the value it belongs to by ``anchor`` (that value's evidence), so a
    rate is never checked against another statement of the same field. ``rank`` comes
    from the lexicon: wordings of rank 2 and more (总支出, 支出总计; a project's 安排) may
    name a related figure (a 决算's grand total incl. carry-over), not the field itself.
    """

    path: str
    value: Money | Rate
    evidence: Evidence
    aspect: str = "value"
    scope: str = ""
    cluster: int = 0
    anchor: Evidence | None = None  # for a change: the evidence of the value it changes
    rank: int = 0  # how squarely the wording names the field: 0 本年支出合计 … 3 a verb (安排)


@dataclass(frozen=True, slots=True)
class UnitProfile:
    name: StatedText | None = None
    region: str | None = None
    year: int | None = None
    internal_sections: tuple[str, ...] = ()  # 内设股室
    subordinate_units: tuple[str, ...] = ()  # 下设事业单位
    authorized_staff: StatedCount | None = None  # 编制数
    actual_staff: StatedCount | None = None  # 在职人数
    duties: tuple[str, ...] = ()  # 职责
    signing_unit: str | None = None
    signed_on: str | None = None  # ISO date


@dataclass(frozen=True, slots=True)
class FunctionalItem:
    """One 功能分类 类 line: the standard name and code when matched, and the text's own."""

    code: str | None
    name: str | None
    stated_name: str
    amount: StatedMoney


class FunctionalBasis(Enum):
    """What a functional breakdown is a breakdown of."""

    TOTAL = "total"
    PROJECT = "project"
    STATED = "stated"  # an amount stated just before the list (e.g. 财政拨款支出)
    UNKNOWN = "unknown"
    # The list lost a name ("…1154.6万元、社会保障和就业支出…" at the top of a page): an item
    # is missing from it, so its sum is no whole's.
    PARTIAL = "partial"


@dataclass(frozen=True, slots=True)
class EconomicItem:
    name: str
    amount: StatedMoney


@dataclass(frozen=True, slots=True)
class Spending:
    total: StatedMoney | None = None
    basic: StatedMoney | None = None
    personnel: StatedMoney | None = None
    public: StatedMoney | None = None
    project: StatedMoney | None = None
    functional: tuple[FunctionalItem, ...] = ()
    functional_basis: FunctionalBasis = FunctionalBasis.UNKNOWN
    functional_whole: StatedMoney | None = None  # the stated whole when basis is STATED
    economic: tuple[EconomicItem, ...] = ()


@dataclass(frozen=True, slots=True)
class ThreePublic:
    """三公经费 as the report states them (actual, or budget in a budget document)."""

    total: StatedMoney | None = None
    overseas: StatedMoney | None = None
    vehicle: StatedMoney | None = None
    vehicle_purchase: StatedMoney | None = None
    vehicle_operation: StatedMoney | None = None
    reception: StatedMoney | None = None


THREE_PUBLIC_PARTS = ("overseas", "vehicle", "vehicle_purchase", "vehicle_operation", "reception")


@dataclass(frozen=True, slots=True)
class BudgetExecution:
    initial: StatedMoney | None = None  # 年初预算数
    adjusted: StatedMoney | None = None  # 全年预算数 / 调整后预算数
    executed: StatedMoney | None = None  # 全年执行数
    execution_rate: StatedRate | None = None
    carryover: StatedMoney | None = None  # 结转结余
    weight: StatedRate | None = None  # the funds row's 分值 (points), when the table has one
    score: StatedRate | None = None  # …and its 得分


@dataclass(frozen=True, slots=True)
class AccountTotals:
    """决算总表 totals, which must balance: 收入总计 = 支出总计."""

    income_current: StatedMoney | None = None  # 本年收入合计
    income_grand_total: StatedMoney | None = None  # 收入总计
    expenditure_grand_total: StatedMoney | None = None  # 支出总计


class Direction(Enum):
    AT_LEAST = "≥"
    AT_MOST = "≤"
    EQUAL = "="
    QUALITATIVE = "定性"


@dataclass(frozen=True, slots=True)
class Indicator:
    level1: str
    level2: str
    level3: str
    direction: Direction | None = None
    target: str | None = None  # as printed: "735", "100", "有效"
    actual: str | None = None
    unit: str | None = None
    weight: Decimal | None = None
    score: Decimal | None = None
    deviation_reason: str | None = None
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class Achievement:
    text: str
    quantities: tuple[Count | Money | Rate, ...]
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Performance:
    indicators: tuple[Indicator, ...] = ()
    achievements: tuple[Achievement, ...] = ()
    problems: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()
    conclusions: tuple[str, ...] = ()
    self_score: StatedRate | None = None  # points out of 100, kept exact
    grade: StatedText | None = None


@dataclass(frozen=True, slots=True)
class Heading:
    level: int  # 1 一、  2 （一）  3 1、  4 (1)  5 ①
    marker: str
    title: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Report:
    source: str
    kind: ReportKind
    text: str  # the decoded text every Evidence offset points into
    profile: UnitProfile = field(default_factory=UnitProfile)
    spending: Spending = field(default_factory=Spending)
    three_public: ThreePublic = field(default_factory=ThreePublic)
    budget: BudgetExecution = field(default_factory=BudgetExecution)
    accounts: AccountTotals = field(default_factory=AccountTotals)
    performance: Performance = field(default_factory=Performance)
    headings: tuple[Heading, ...] = ()
    outline: str | None = None  # the outline the report follows, when recognised
    mentions: tuple[Mention, ...] = ()
    breakdowns: tuple[Breakdown, ...] = ()  # any whole with its 其中 parts
    ratios: tuple[Ratio, ...] = ()  # 占 X%, 完成预算的 X%
    changes: tuple[StatedChange, ...] = ()  # any figure with its change and rate
    enumerations: tuple[Enumeration, ...] = ()  # a count and the names that follow it
    growths: tuple[StatedGrowth, ...] = ()  # a table's 增减% row with its two years' rows
    combined_rates: tuple[CombinedRate, ...] = ()  # a total's rate beside its parts' rates
    # A named figure with its growth on the year before ("网络零售额13.39亿元，同比增长17.95%")
    growth_statements: tuple[ValueWithGrowth, ...] = ()
    level_amounts: tuple[LevelAmount, ...] = ()  # amounts named as one level's money
    reading: Reading | None = None  # which reader, and spans to check (OCR); None for text

    @property
    def year(self) -> int | None:
        return self.profile.year

    def stated_mentions(self, path: str, aspect: str = "value") -> tuple[Mention, ...]:
        return tuple(m for m in self.mentions if m.path == path and m.aspect == aspect)
