"""What each chart shows, computed from the report (drawing is charts.py's business).

Charts show only what the report states: spending by 功能分类, 基本支出 against 项目支出, and
the "三公" parts for the report year and, where the report states their change, the year
before (the stated amount less the stated change). Amounts are in 万元.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.money import Money, MoneyUnit
from jixiao.domain.report import Report
from jixiao.render.figures import money_digits, report_figures

CHART_NAMES = ("功能分类", "基本支出与项目支出", "三公经费")

_OVERSEAS = ("three_public.overseas", "因公出国（境）费")
_VEHICLE = ("three_public.vehicle", "公务用车购置及运行维护费")
_VEHICLE_PARTS = (
    ("three_public.vehicle_purchase", "公务用车购置费"),
    ("three_public.vehicle_operation", "公务用车运行维护费"),
)
_RECEPTION = ("three_public.reception", "公务接待费")


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: tuple[Decimal, ...]  # 万元
    labels: tuple[str, ...]  # the values as printed ("12.40")


@dataclass(frozen=True, slots=True)
class ChartSpec:
    """A bar chart: one bar per category and series (``horizontal`` for long labels)."""

    key: str  # one of CHART_NAMES: a stable id for files and SVG ids
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str = "万元"
    horizontal: bool = False


def chart_for(report: Report, name: str) -> ChartSpec | None:
    """The chart called ``name`` for this report, or None when the report lacks its data."""
    if name == "功能分类":
        return _functional(report)
    if name == "基本支出与项目支出":
        return _basic_project(report)
    if name == "三公经费":
        return _three_public(report)
    raise ValueError(f"unknown chart {name!r}")


def _functional(report: Report) -> ChartSpec | None:
    items = report.spending.functional
    if len(items) < 2:
        return None
    return ChartSpec(
        key="functional",
        categories=tuple(item.stated_name for item in items),
        series=(_series("支出", [item.amount.value for item in items]),),
        horizontal=True,
    )


def _basic_project(report: Report) -> ChartSpec | None:
    basic, project = report.spending.basic, report.spending.project
    if basic is None or project is None:
        return None
    return ChartSpec(
        key="basic-project",
        categories=("基本支出", "项目支出"),
        series=(_series("支出", [basic.value, project.value]),),
    )


def _three_public(report: Report) -> ChartSpec | None:
    figures = report_figures(report)
    # The vehicle figure as one amount when stated so, else its stated parts.
    vehicle = (_VEHICLE,) if _VEHICLE[0] in figures else _VEHICLE_PARTS
    wanted = (_OVERSEAS, *vehicle, _RECEPTION)
    parts = [(path, label) for path, label in wanted if path in figures]
    if not parts:
        return None
    year = report.profile.year
    amounts = [_money(figures[path].value) for path, _ in parts]
    series = [_series(f"{year}年" if year else "本年", amounts)]
    changes = [figures[path].change for path, _ in parts]
    if all(change is not None for change in changes):
        # The year before, as the report states it: this year's amount less the change.
        before = [
            Money(amount.wan - change.wan, amount.ulp + change.ulp, amount.stated_unit)
            for amount, change in zip(amounts, changes, strict=True)
            if change is not None
        ]
        series.insert(0, _series(f"{year - 1}年" if year else "上年", before))
    return ChartSpec(
        key="three-public",
        categories=tuple(label for _, label in parts),
        series=tuple(series),
    )


def _series(name: str, amounts: list[Money]) -> Series:
    return Series(
        name,
        tuple(m.wan for m in amounts),
        tuple(money_digits(m, MoneyUnit.WAN) for m in amounts),
    )


def _money(value: object) -> Money:
    return value if isinstance(value, Money) else Money.of(0)
