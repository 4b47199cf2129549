"""A total's execution rate stated beside its parts' amounts and rates.

    三个项目共支出120万元，整体预算执行率为80%：甲项目支出30万元，执行率75%；
    乙项目支出50万元，执行率100%；丙项目支出40万元，执行率66.67%。

When each part gives only what it spent and its rate, its budget is implied (spent ÷ rate),
and the total's rate must be the parts' spending over those budgets together; when the amounts
are budgets, the rates weigh them. The audit recomputes that; intake records which amounts and
rates the text put together.

A whole is an amount paired with an execution rate whose words say it is a total (共, 合计,
整体, 总体 …), and its parts are the pairs right after it (or right before it) whose amounts
add up to it within rounding: the sum is what ties them, not the order of the words. All
amounts must be of one kind (spent, or budgeted); a mixed or unclear label is no relation.
Only rates the text calls 执行率 are taken: a 发放率 or 使用率 may be a ratio of people or items.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from jixiao.domain.evidence import Evidence
from jixiao.domain.money import printed_ulp
from jixiao.domain.relations import CombinedRate, RatedAmount, StatedQuantity
from jixiao.intake.breakdowns import stated_quantity
from jixiao.intake.quantities import Quantity

Locate = Callable[[int, int], Evidence]

# Between an amount and its rate: a few words of the same clause ending in 执行率.
_TO_RATE = re.compile(r"^[，,]?[^。；;：:\n\d%]{0,14}?执行率\s*(?:为|是|达到|达|[:：])?\s*$")
_TOTAL = re.compile(r"共|合计|总计|累计|整体|总体|综合|全部|总支出|总预算")
# What an amount is: the last such word before it decides ("基本支出预算数" is a budget,
# "公共预算支出" is spending).
_KIND_WORD = re.compile(
    r"(?P<budgeted>预算数|预算资金|预算金额|预算|安排|下达|批复)"
    r"|(?P<spent>支出|支付|使用|执行数|实际|完成|决算)"
)
_MAX_PARTS = 8


def find_combined_rates(
    text: str, quantities: list[Quantity], locate: Locate
) -> list[CombinedRate]:
    pairs = list(_pairs(text, quantities, locate))
    found: list[CombinedRate] = []
    for at, pair in enumerate(pairs):
        if not _TOTAL.search(pair.words):
            continue
        whole = pair.rated
        parts = _parts_after(text, pairs, at) or _parts_before(text, pairs, at)
        if parts is None:
            continue
        spent = _basis([whole, *parts])
        if spent is not None:
            found.append(CombinedRate(whole=whole, parts=tuple(parts), spent=spent))
    return found


@dataclass(frozen=True, slots=True)
class _Pair:
    rated: RatedAmount
    words: str  # the amount's label and the words up to its rate
    start: int  # of the amount, in the normalized text


def _pairs(text: str, quantities: list[Quantity], locate: Locate) -> Iterator[_Pair]:
    """Each amount with the execution rate right after it."""
    for amount, rate in pairwise(quantities):
        if amount.kind != "amount" or rate.kind != "rate":
            continue
        between = text[amount.end : rate.start]
        if not _TO_RATE.match(between):
            continue
        stated = stated_quantity(text, amount, locate)
        percent = StatedQuantity(
            label="执行率",
            value=rate.value,
            ulp=printed_ulp(rate.digits),
            unit="%",
            evidence=locate(amount.end, rate.end),
        )
        yield _Pair(RatedAmount(amount=stated, rate=percent), stated.label + between, amount.start)


def _parts_after(text: str, pairs: list[_Pair], at: int) -> list[RatedAmount] | None:
    return _adding_up(text, pairs[at], pairs[at + 1 : at + 1 + _MAX_PARTS])


def _parts_before(text: str, pairs: list[_Pair], at: int) -> list[RatedAmount] | None:
    before = pairs[max(0, at - _MAX_PARTS) : at]
    before.reverse()  # nearest first, as the parts are counted out from the whole
    parts = _adding_up(text, pairs[at], before)
    return list(reversed(parts)) if parts else None


def _adding_up(text: str, whole: _Pair, candidates: list[_Pair]) -> list[RatedAmount] | None:
    """The shortest run of two or more candidates, in one paragraph with the whole, whose
    amounts add up to the whole's within the rounding of the printed figures."""
    total = whole.rated.amount
    running = Decimal(0)
    slack = total.ulp
    taken: list[RatedAmount] = []
    for candidate in candidates:
        first, last = sorted((whole.start, candidate.start))
        if "\n" in text[first:last]:
            break  # parts are listed in the whole's paragraph
        amount = candidate.rated.amount
        taken.append(candidate.rated)
        running += amount.value
        slack += amount.ulp
        if len(taken) >= 2 and abs(running - total.value) <= slack:
            return taken
        if running > total.value + slack:
            return None
    return None


def _basis(pairs: list[RatedAmount]) -> bool | None:
    """True when every amount is spending, False when every one is a budget, else None."""
    kinds = {_kind(p.amount.label) for p in pairs}
    if len(kinds) != 1:
        return None
    return kinds.pop()


def _kind(label: str) -> bool | None:
    words = list(_KIND_WORD.finditer(label))
    if not words:
        return None
    return words[-1].group("spent") is not None
