"""How a project indicator's row reads: its numbers, whether it applies, whether it was met.

Shared by the project scorer and the reviewer warnings, so that "achieved" means the same
thing in the score and in the warning that the unit's own score contradicts it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from jixiao.domain.basic_data import Level
from jixiao.domain.report import Direction, Indicator
from jixiao.scoring.cases import Better
from jixiao.scoring.value_methods import met

_NUMBER = re.compile(r"^[≥≤=<>＞＜]*\s*(-?\d[\d,]*(?:\.\d+)?)\s*([^\d]{0,8})$")
_INAPPLICABLE_TARGETS = {"不适用", "/", "—", "-", "--", "——", "无此项"}
_INAPPLICABLE_ACTUALS = {"不适用", "无此项"}
_BETTER = {Direction.AT_LEAST: Better.HIGHER, Direction.AT_MOST: Better.LOWER}
_BETTER[Direction.EQUAL] = Better.EQUAL
_MONEY_UNITS = ("元", "万元", "亿元", "千元")

# Wordings of a qualitative result, tried from the worst band up, so that "已建立，台账待完善"
# is 部分达成 and "未完成" is never read as 完成.
_NOT_ACHIEVED = (
    "未达成", "未完成", "未达到", "未实现", "未建立", "未落实", "未执行", "未按", "没有完成",
    "没有达到", "无效", "效果较差", "效果差", "不合格", "不达标",
)  # fmt: skip
_PARTLY = (
    "部分", "基本", "待完善", "有待", "不完整", "不够", "不足", "不连续", "尚未全部", "仍需",
    "欠缺", "一般",
)  # fmt: skip
_ACHIEVED = (
    "达成", "完成", "达到", "实现", "有效", "显著", "明显", "良好", "建立", "合格", "达标",
    "满意", "提高", "提升", "改善", "落实", "到位", "按时", "及时", "是", "好",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Reading:
    indicator: Indicator
    target: Decimal | None  # the target's number, when it has one
    target_unit: str  # the unit printed in the row, or after the target's number
    actual: Decimal | None  # the actual's number, when it has one
    better: Better | None  # None: qualitative (定性) or no direction
    inapplicable: bool
    level: Level | None  # qualitative level of the actual's words (also for "完成")

    @property
    def quantitative(self) -> bool:
        return self.better is not None and self.target is not None

    @property
    def achieved(self) -> bool | None:
        """Whether the target was met; None when the row does not say."""
        if self.quantitative and self.actual is not None:
            assert self.better is not None and self.target is not None
            return met(self.better, self.actual, self.target)
        if self.level is not None:
            return self.level is Level.ACHIEVED
        return None

    @property
    def money_unit(self) -> bool:
        return self.target_unit in _MONEY_UNITS


def number_and_unit(text: str | None) -> tuple[Decimal | None, str]:
    """ "100%" → (100, "%"); "30万元" → (30, "万元"); "有效" → (None, "")."""
    if text is None:
        return None, ""
    cleaned = unicodedata.normalize("NFKC", text).strip()
    match = _NUMBER.match(cleaned)
    if match is None:
        return None, ""
    try:
        return Decimal(match.group(1).replace(",", "")), match.group(2).strip()
    except InvalidOperation:
        return None, ""


def qualitative_level(text: str | None) -> Level | None:
    """The band a result's words place it in, None when the words say nothing we know."""
    if not text:
        return None
    cleaned = unicodedata.normalize("NFKC", text)
    for words, level in (
        (_NOT_ACHIEVED, Level.NOT_ACHIEVED),
        (_PARTLY, Level.PARTLY),
        (_ACHIEVED, Level.ACHIEVED),
    ):
        if any(word in cleaned for word in words):
            return level
    return None


def read(indicator: Indicator) -> Reading:
    target, target_unit = number_and_unit(indicator.target)
    actual, _ = number_and_unit(indicator.actual)
    direction = indicator.direction
    better = _BETTER.get(direction) if direction is not None else None
    target_text = (indicator.target or "").strip()
    actual_text = (indicator.actual or "").strip()
    return Reading(
        indicator=indicator,
        target=target,
        target_unit=(indicator.unit or target_unit or "").strip(),
        actual=actual,
        better=better,
        inapplicable=target_text in _INAPPLICABLE_TARGETS or actual_text in _INAPPLICABLE_ACTUALS,
        level=qualitative_level(indicator.actual) if actual is None else None,
    )
