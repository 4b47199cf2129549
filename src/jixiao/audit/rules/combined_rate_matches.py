"""A total's execution rate against the amounts and rates of its parts.

"两项目共支出213万元，整体预算执行率为90%：甲项目支出21万元，执行率84%；乙项目支出192万元，
执行率91%": each part's budget is implied by what it spent and its rate (21 ÷ 84% = 25,
192 ÷ 91% ≈ 211), so the total's rate is 213 ÷ 236 ≈ 90.25%. When the amounts are budgets,
the parts' rates weigh them instead (Σ budget × rate ÷ Σ budget). A total's rate is no
average of its parts' rates: the budgets weigh them, and the text states all it needs.

Every printed figure may be off by half its last digit, so the rule takes the range of the
total's rate over all those roundings (the rate is monotone in each part's rate and a ratio of
sums linear in the amounts, so the range's ends lie at the corners) and raises an error only
when the stated rate, within its own rounding, lies outside that range, and outside the range
the amounts give read the other way (as budgets for spending, or spending for budgets): a word
like 预算支出 leaves a reader unsure which they are, and that doubt must never raise an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from itertools import product

from jixiao.audit import messages
from jixiao.audit.context import RuleContext
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.money import Money, MoneyUnit, Rate
from jixiao.domain.relations import CombinedRate, RatedAmount
from jixiao.domain.report import Report

CODE = "combined-rate-matches"
_HUNDRED = Decimal(100)
_HALF = Decimal("0.5")
_EXTRA_PLACES = 2


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    for combined in report.combined_rates:
        found = _finding(combined)
        if found is not None:
            yield found


def _finding(combined: CombinedRate) -> Finding | None:
    parts = combined.parts
    if any(p.rate.value <= 0 or p.amount.value <= 0 for p in parts):
        return None  # a part with nothing spent or no rate implies no budget
    stated = combined.whole.rate
    half = stated.ulp * _HALF
    for spent in (True, False):
        # Read either way: "年初预算支出" names budgets in a word that usually means spending,
        # so a rate that one reading of the amounts gives is no contradiction.
        low, high = _range(combined.parts, spent)
        if stated.value + half >= low and stated.value - half <= high:
            return None
    computed_budget, computed_spent = _totals(parts, combined.spent)
    computed = computed_spent / computed_budget * _HUNDRED
    rate = Rate(stated.value, stated.ulp)
    keep = messages.rate_places(rate)
    places = keep + _EXTRA_PLACES
    computed = computed.quantize(Decimal(1).scaleb(-places))
    like = [Money(p.amount.value, p.amount.ulp, MoneyUnit.WAN) for p in parts]
    key = CODE if combined.spent else f"{CODE}:budgeted"
    message = messages.render(
        key,
        stated=messages.quote_text(combined.whole.amount.evidence.quote)
        + messages.quote_text(stated.evidence.quote),
        count=len(parts),
        budget=messages.derived_text(_printed(computed_budget, parts), like),
        spent=messages.derived_text(_printed(computed_spent, parts), like),
        computed=messages.percent_text(computed, places, keep),
        difference=messages.points_text(rate.percent - computed, places, keep),
    )
    evidence = [combined.whole.amount.evidence, stated.evidence]
    for part in parts:
        evidence += [part.amount.evidence, part.rate.evidence]
    return Finding(
        code=CODE,
        severity=Severity.ERROR,
        message=message,
        stated=rate.percent,
        computed=computed,
        difference=rate.percent - computed,
        evidence=tuple(evidence),
    )


def _range(parts: tuple[RatedAmount, ...], spent: bool) -> tuple[Decimal, Decimal]:
    """The lowest and highest total rate the parts' printed figures allow."""
    rates = [_rates_at(parts, side) for side in (-1, 1)]
    results = [_rate(amounts, at, spent) for amounts in _amount_corners(parts) for at in rates]
    return min(results), max(results)


def _amount_corners(parts: tuple[RatedAmount, ...]) -> Iterator[list[Decimal]]:
    choices = [
        (p.amount.value - p.amount.ulp * _HALF, p.amount.value + p.amount.ulp * _HALF)
        for p in parts
    ]
    for corner in product(*choices):
        yield list(corner)


def _rates_at(parts: tuple[RatedAmount, ...], side: int) -> list[Decimal]:
    return [p.rate.value + side * p.rate.ulp * _HALF for p in parts]


def _rate(amounts: list[Decimal], rates: list[Decimal], spent: bool) -> Decimal:
    if spent:
        budget = sum((a / r * _HUNDRED for a, r in zip(amounts, rates, strict=True)), Decimal(0))
        return sum(amounts, Decimal(0)) / budget * _HUNDRED
    done = sum((a * r / _HUNDRED for a, r in zip(amounts, rates, strict=True)), Decimal(0))
    return done / sum(amounts, Decimal(0)) * _HUNDRED


def _totals(parts: tuple[RatedAmount, ...], spent: bool) -> tuple[Decimal, Decimal]:
    """The parts' budgets and spending together, as printed: (budget, spent)."""
    if spent:
        spent_total = sum((p.amount.value for p in parts), Decimal(0))
        budget = sum((p.amount.value / p.rate.value * _HUNDRED for p in parts), Decimal(0))
        return budget, spent_total
    budget = sum((p.amount.value for p in parts), Decimal(0))
    done = sum((p.amount.value * p.rate.value / _HUNDRED for p in parts), Decimal(0))
    return budget, done


def _printed(wan: Decimal, parts: tuple[RatedAmount, ...]) -> Decimal:
    """A derived amount to the finest precision the parts were printed with."""
    finest = min((p.amount.ulp for p in parts if p.amount.ulp > 0), default=Decimal("0.01"))
    return wan.quantize(finest)
