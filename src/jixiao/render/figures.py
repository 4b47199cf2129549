"""A report's figures as it states them: each with its change, and written as printed.

A figure is the primary statement of a field (``spending.total`` …) and, where the report
states them beside it, its change on the year before and that change as a rate. A figure is
written back as the report printed it: in its own unit, with its own number of decimals
("3.60万元", "387664.62元"), so that whoever reads a rendered document or a data file finds
the same figure, to the same precision.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.money import Money, MoneyUnit, Rate, canonical
from jixiao.domain.report import Report, StatedMoney, StatedRate

SPENDING_FIELDS = ("total", "basic", "personnel", "public", "project")
THREE_PUBLIC_FIELDS = (
    "total",
    "overseas",
    "vehicle",
    "vehicle_purchase",
    "vehicle_operation",
    "reception",
)
BUDGET_MONEY_FIELDS = ("initial", "adjusted", "executed", "carryover")
ACCOUNT_FIELDS = ("income_current", "income_grand_total", "expenditure_grand_total")
# Every single-valued figure of a report, by its path (the paths of the extract contract).
MONEY_PATHS: tuple[str, ...] = (
    *(f"spending.{name}" for name in SPENDING_FIELDS),
    *(f"three_public.{name}" for name in THREE_PUBLIC_FIELDS),
    *(f"budget.{name}" for name in BUDGET_MONEY_FIELDS),
    *(f"accounts.{name}" for name in ACCOUNT_FIELDS),
)
RATE_PATHS: tuple[str, ...] = ("budget.execution_rate", "performance.self_score")


@dataclass(frozen=True, slots=True)
class Figure:
    """One stated figure and, when the report states them, its change on the year before."""

    value: Money | Rate
    change: Money | None = None  # signed, in the value's unit family (an amount)
    change_rate: Rate | None = None  # signed percent


# ----------------------------------------------------------------------------- printed form


def printed_digits(value: Decimal, ulp: Decimal) -> str:
    """``value`` with as many decimals as its printed precision ``ulp`` shows (3.6, 0.01 → 3.60).

    A digit the value holds is never dropped; an exact figure (ulp 0) prints as it is.
    """
    if ulp == 0:
        return canonical(value)
    exponent = ulp.normalize().as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    quantum = Decimal(1).scaleb(-places)
    shown = value.quantize(quantum)
    if shown != value:
        return canonical(value)
    return "0" if shown == 0 and places == 0 else format(shown, "f")


def money_digits(money: Money, unit: MoneyUnit | None = None) -> str:
    """The digits of an amount in ``unit`` (by default the unit it was stated in)."""
    chosen = unit or money.stated_unit
    return printed_digits(money.wan / chosen.in_wan, money.ulp / chosen.in_wan)


def money_text(money: Money) -> str:
    """An amount as the report printed it: "5252.64万元", "387664.62元", "0万元"."""
    return f"{money_digits(money)}{money.stated_unit.value}"


def rate_digits(rate: Rate) -> str:
    return printed_digits(rate.percent, rate.ulp)


# ------------------------------------------------------------------------ figures of a report


def stated_figure(report: Report, path: str) -> StatedMoney | StatedRate | None:
    """The stated figure at a contract path ("spending.total", "budget.execution_rate" …)."""
    head, _, name = path.partition(".")
    holder: object = {
        "spending": report.spending,
        "three_public": report.three_public,
        "budget": report.budget,
        "accounts": report.accounts,
        "performance": report.performance,
    }[head]
    value = getattr(holder, name)
    return value if isinstance(value, StatedMoney | StatedRate) else None


def report_figures(report: Report) -> dict[str, Figure]:
    """Every figure the report states, with the change it states beside it, by path."""
    figures: dict[str, Figure] = {}
    for path in (*MONEY_PATHS, *RATE_PATHS):
        stated = stated_figure(report, path)
        if stated is None:
            continue
        change, rate = _changes(report, path, stated)
        figures[path] = Figure(stated.value, change, rate)
    return figures


def _changes(
    report: Report, path: str, stated: StatedMoney | StatedRate
) -> tuple[Money | None, Rate | None]:
    """The change (and its rate) stated for the statement of ``path`` that has its value.

    A change names the statement it belongs to by its anchor; only changes of the unit's own
    figure (no limiting scope) anchored on a statement of the same value are taken.
    """
    anchors = {
        (m.evidence.start, m.evidence.end)
        for m in report.stated_mentions(path)
        if not m.scope and str(m.value) == str(stated.value)
    }
    anchors.add((stated.evidence.start, stated.evidence.end))
    change: Money | None = None
    rate: Rate | None = None
    for mention in report.mentions:
        if mention.path != path or mention.scope or mention.anchor is None:
            continue
        if (mention.anchor.start, mention.anchor.end) not in anchors:
            continue
        if mention.aspect == "change" and change is None and isinstance(mention.value, Money):
            change = mention.value
        elif mention.aspect == "change_rate" and rate is None and isinstance(mention.value, Rate):
            rate = mention.value
    return change, rate
