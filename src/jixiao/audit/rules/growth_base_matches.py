"""Two statements of one figure's growth on the year before imply one base.

"网络零售额13.39亿元，同比增长17.95%" in a 自评表's target column and "网络零售额23.59亿元，同比
增长35.65%" in its actual column are both on last year's 网络零售额: 13.39 ÷ 1.1795 = 11.35 and
23.59 ÷ 1.3565 = 17.39 亿元 cannot both be it. No other figure is needed to see that the text
contradicts itself, which is why it is an error and not a restated-figure warning.

Each base is an interval from the printed precision (value and rate each within half a unit of
their last digit), so rounding is never an error. A target is often set on an estimate of last
year's figure, so bases a little apart are no contradiction: only intervals further apart than
10 % of the larger base are an error. intake/growth_pairs.py reads the statements narrowly
(report year only, no plans, no parts of a year), since two statements of one name in two
periods have two bases.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from decimal import Decimal

from jixiao.audit import messages
from jixiao.audit.context import RuleContext
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.money import MoneyUnit
from jixiao.domain.relations import ValueWithGrowth
from jixiao.domain.report import Report

CODE = "growth-base-matches"

# How far apart two implied bases may be, as a share of the larger: a target's base is often
# last year's figure as estimated before the year closed (a few per cent off), never a third.
_ESTIMATE_SLACK = Decimal("0.10")
_HUNDRED = Decimal(100)


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    groups: dict[tuple[str, str], list[ValueWithGrowth]] = {}
    for statement in report.growth_statements:
        key = (statement.value.label, statement.value.unit)
        groups.setdefault(key, []).append(statement)
    seen: set[tuple[Decimal, Decimal, Decimal, Decimal]] = set()
    for statements in groups.values():
        for first, second in itertools.combinations(statements, 2):
            figures = (first.value.value, first.rate.value, second.value.value, second.rate.value)
            if figures in seen:
                continue
            seen.add(figures)
            found = _finding(first, second)
            if found is not None:
                yield found


def base_interval(statement: ValueWithGrowth) -> tuple[Decimal, Decimal] | None:
    """The prior-year figures the statement allows: value ÷ (1 + rate), each printed figure
    anywhere within half a unit of its last digit; None when no base is defined."""
    value, rate = statement.value, statement.rate
    low_value, high_value = value.value - value.ulp / 2, value.value + value.ulp / 2
    low_factor = 1 + (rate.value - rate.ulp / 2) / _HUNDRED
    high_factor = 1 + (rate.value + rate.ulp / 2) / _HUNDRED
    if low_value <= 0 or low_factor <= 0:
        return None
    return low_value / high_factor, high_value / low_factor


def _finding(first: ValueWithGrowth, second: ValueWithGrowth) -> Finding | None:
    one, other = base_interval(first), base_interval(second)
    if one is None or other is None:
        return None
    gap = max(other[0] - one[1], one[0] - other[1])
    base_one = _point(first)
    base_other = _point(second)
    if gap <= _ESTIMATE_SLACK * max(base_one, base_other):
        return None
    places = messages.places_of_ulp(_in_printed_unit(first.value.ulp, first))
    if not first.value.is_money:
        places = max(places, 1)  # "约19.5家": a whole count's base is seldom whole
    step = Decimal(1).scaleb(-places)
    shown_one = _in_printed_unit(base_one, first).quantize(step)
    shown_other = _in_printed_unit(base_other, first).quantize(step)
    message = messages.render(
        CODE,
        name=first.value.label,
        first=messages.quote_text(first.evidence.quote),
        second=messages.quote_text(second.evidence.quote),
        first_base=_figure_text(shown_one, places, first),
        second_base=_figure_text(shown_other, places, first),
        difference=_figure_text(abs(shown_one - shown_other), places, first),
    )
    return Finding(
        code=CODE,
        severity=Severity.ERROR,
        message=message,
        stated=shown_one,
        computed=shown_other,
        difference=shown_one - shown_other,
        evidence=(first.evidence, second.evidence),
    )


def _point(statement: ValueWithGrowth) -> Decimal:
    return statement.value.value / (1 + statement.rate.value / _HUNDRED)


def _in_printed_unit(amount: Decimal, statement: ValueWithGrowth) -> Decimal:
    """An amount in 万元 in the unit the statement printed (亿元); a count as it is."""
    if not statement.value.is_money:
        return amount
    return amount / MoneyUnit(statement.printed_unit).in_wan


def _figure_text(value: Decimal, places: int, like: ValueWithGrowth) -> str:
    if like.value.is_money:
        return messages.amount_text(
            value * MoneyUnit(like.printed_unit).in_wan, MoneyUnit(like.printed_unit), places
        )
    return f"{value:f}{like.printed_unit}"
