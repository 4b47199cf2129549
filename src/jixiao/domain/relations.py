"""Arithmetic a report states in words, for any figure at all: a whole and its 其中 parts,
a share (占 X%), a completion (完成预算的 X%). The audit recomputes each from the figures the
same sentence gives; intake only records what was said and where.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.evidence import Evidence


@dataclass(frozen=True, slots=True)
class StatedQuantity:
    """A figure with the words before it: an amount in 万元, a count with its measure word."""

    label: str
    value: Decimal
    ulp: Decimal  # one unit of its last printed digit, in the same unit as ``value``
    unit: str  # "万元" for every amount, else the measure word (个, 套, 人 …)
    evidence: Evidence

    @property
    def is_money(self) -> bool:
        return self.unit == "万元"


@dataclass(frozen=True, slots=True)
class PartShare:
    """ "其中：其他收入7000万元，占收入预算总额的90.3%": a listed part's share of its whole."""

    part: StatedQuantity
    percent: Decimal
    ulp: Decimal  # one unit of the share's last printed digit, in percentage points
    of: str  # the words after 占 that name the whole ("收入预算总额"); "" when none do
    evidence: Evidence
    # The figure those words name when it is not the one right before 其中 ("收入预算总额为
    # 7783.26万元，比上年…，原因是…预算7000万元。其中：…" lists the parts of the first).
    named: StatedQuantity | None = None


@dataclass(frozen=True, slots=True)
class Breakdown:
    """ "共建设设备16954套，其中：总平台558套，分平台1488套 …": a whole and its listed parts."""

    whole: StatedQuantity
    parts: tuple[StatedQuantity, ...]
    # A form's total row over its 其中 rows states every part: no part can have been left out
    # of the list, so a whole far from its parts (even a whole of 0) is still a mismatch.
    complete: bool = False
    # A list the text leaves unfinished (cut by other words or by the end of an excerpt) may
    # hold only some parts: its sum says nothing, though each part's share still does.
    closed: bool = True
    shares: tuple[PartShare, ...] = ()


@dataclass(frozen=True, slots=True)
class LevelAmount:
    """ "2024年度中央下达资金80万元", "县财政配套资金30万元": an amount whose own words name
    the money of exactly one level of government (or 配套, 自筹 money) and nothing that sums
    several levels, another period or a change.

    ``level`` is the level the words name: "中央", "省", "市", "县", "地方", "配套" or "自筹";
    ``years`` are the years (2021) its clause names, in the order written.
    """

    level: str
    amount: StatedQuantity
    years: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Ratio:
    """A percentage the text gives of two figures it also states.

    ``kind`` is "share" (part ÷ whole: 占 X%) or "completion" (actual ÷ budget: 完成预算的 X%);
    ``numerator`` and ``denominator`` are the figures it was stated of.
    """

    kind: str
    percent: Decimal
    ulp: Decimal
    numerator: StatedQuantity
    denominator: StatedQuantity
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class StatedChange:
    """ "收入总预算317.6万元，同比增加8.25万元，增长2.8%": a figure, its signed change and the
    signed rate of that change, all in one sentence."""

    value: StatedQuantity
    change: StatedQuantity  # signed
    rate: StatedQuantity  # signed percent
    value_is_base: bool = False  # "与上年预算数478.05万元相比，减少…": the value is the base


@dataclass(frozen=True, slots=True)
class StatedGrowth:
    """A table's row of 增减% under a row of this year and a row of the year before:
    the figure, the figure it is compared with and the stated rate, no change amount."""

    path: str  # the field of the column ("three_public.vehicle_purchase")
    value: StatedQuantity
    base: StatedQuantity
    rate: StatedQuantity  # signed percent


@dataclass(frozen=True, slots=True)
class ValueWithGrowth:
    """ "网络零售额13.39亿元，同比增长17.95%": a named figure and its signed rate on the year
    before, with no change amount. Two statements of one name are on one base: value ÷
    (1 + rate) must come out the same."""

    value: StatedQuantity  # label: the figure's name, numbering trimmed; amounts in 万元
    rate: StatedQuantity  # signed percent
    printed_unit: str  # the unit as printed (亿元, 万元, 家): a message shows the base in it
    evidence: Evidence  # the whole statement, from the name to the rate


@dataclass(frozen=True, slots=True)
class Enumeration:
    """ "直属事业单位10个，即A、B、C…": a count and the names the text gives right after it.

    ``names`` are the items between 、; ``joined`` counts the items that hold a 和/及/与, each of
    which may join two names ("A和B") or be part of one ("科技和信息化局").
    """

    count: int
    measure: str  # 个, 家, 项 …
    names: tuple[str, ...]
    joined: int
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class RatedAmount:
    """ "甲项目支出30万元，执行率75%": an amount and the execution rate the text gives it."""

    amount: StatedQuantity
    rate: StatedQuantity  # percent, unit "%"


@dataclass(frozen=True, slots=True)
class CombinedRate:
    """A total's execution rate beside its parts' amounts and rates ("两项目共支出…，整体预算
    执行率…：甲项目支出…，执行率…；乙项目…").

    ``spent`` is True when the amounts are what was spent (each part's budget is amount ÷
    rate) and False when they are budgets (each part spent amount × rate).
    """

    whole: RatedAmount
    parts: tuple[RatedAmount, ...]
    spent: bool
