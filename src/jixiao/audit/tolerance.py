"""The rounding rule: when is a difference only the rounding of printed figures?

Every printed figure may be off by up to one unit of its last printed digit (``Money.ulp``,
``Rate.ulp``): a sum that misses its whole by no more than the ulps of all the figures
involved is at most worth an ``info``; beyond that it is a real mismatch (``error``).
Exactly equal figures give no finding at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from jixiao.domain.findings import Severity
from jixiao.domain.money import Money


class Outcome(Enum):
    EQUAL = "equal"  # nothing to report
    ROUNDING = "rounding"  # off, but within what rounding explains
    MISMATCH = "mismatch"  # a real difference

    @property
    def severity(self) -> Severity | None:
        """The severity a finding of this outcome gets (None: no finding)."""
        return _SEVERITY[self]


_SEVERITY = {
    Outcome.EQUAL: None,
    Outcome.ROUNDING: Severity.INFO,
    Outcome.MISMATCH: Severity.ERROR,
}


@dataclass(frozen=True, slots=True)
class Comparison:
    """A stated figure against the one recomputed from others."""

    stated: Decimal
    computed: Decimal
    tolerance: Decimal  # the largest difference rounding can explain
    silent: Decimal = Decimal(0)  # differences up to this are not worth mentioning at all

    @property
    def difference(self) -> Decimal:
        """stated - computed (the contract's sign)."""
        return self.stated - self.computed

    @property
    def outcome(self) -> Outcome:
        gap = abs(self.difference)
        if gap <= self.silent:
            return Outcome.EQUAL
        if gap <= self.tolerance:
            return Outcome.ROUNDING
        return Outcome.MISMATCH


def compare_sum(whole: Money, parts: Sequence[Money]) -> Comparison:
    """A stated whole against the sum of its stated parts."""
    return Comparison(
        stated=whole.wan,
        computed=sum((p.wan for p in parts), Decimal(0)),
        tolerance=whole.ulp + sum((p.ulp for p in parts), Decimal(0)),
    )


def compare_amounts(first: Money, second: Money) -> Comparison:
    """Two statements of what should be the same amount."""
    return Comparison(stated=first.wan, computed=second.wan, tolerance=first.ulp + second.ulp)


def ratio_comparison(
    stated_percent: Decimal,
    stated_ulp: Decimal,
    numerator: Money,
    denominator: Money,
) -> Comparison | None:
    """A stated percentage against numerator / denominator x 100.

    The tolerance is one unit of the rate's last printed digit plus how far the amounts'
    own rounding can move the quotient (first-order propagation of both ulps). A rate that
    is the correctly rounded quotient (within half a unit) is silent. None when the
    denominator is zero.
    """
    n, d = numerator.wan, denominator.wan
    if d == 0:
        return None
    # Amounts printed side by side share a precision: "预算为1万元，支出决算为0.53万元" prints
    # the budget to the 万 because it is whole, not because it was rounded from 1.128.
    n_ulp = d_ulp = min(numerator.ulp, denominator.ulp)
    if stated_ulp <= Decimal("0.01") and n_ulp >= 1:
        # "148 | 46 | 31.00%": a rate printed to hundredths from whole amounts was computed
        # from those amounts as printed; they are exact, not rounded.
        n_ulp = d_ulp = Decimal(0)
    propagated = Decimal(100) * (n_ulp * abs(d) + abs(n) * d_ulp) / (d * d)
    return Comparison(
        stated=stated_percent,
        computed=n / d * Decimal(100),
        tolerance=stated_ulp + propagated,
        silent=stated_ulp / 2,
    )
