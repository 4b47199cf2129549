"""Monitoring lights: time progress, execution against it, thresholds at their edges."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from jixiao.domain.report import Direction
from jixiao.targets.model import TargetRow, ValueType
from jixiao.targets.monitoring import (
    Light,
    Thresholds,
    execution_progress,
    indicator_progress,
    load_thresholds,
    time_progress,
    worst,
)

D = Decimal


def test_time_progress_by_days_and_by_months() -> None:
    assert time_progress(datetime.date(2023, 7, 31)) == D("58.08")  # 212 / 365
    assert time_progress(datetime.date(2024, 7, 31)) == D("58.20")  # 213 / 366
    assert time_progress(datetime.date(2023, 7, 31), basis="months") == D("58.33")
    assert time_progress(datetime.date(2023, 12, 31)) == D("100.00")
    assert time_progress(datetime.date(2023, 1, 1)) == D("0.27")


def test_the_thresholds_are_data() -> None:
    limits = load_thresholds()
    assert (limits.red_below, limits.green_from, limits.basis) == (D(60), D(80), "days")
    assert [item.light for item in limits.likelihoods] == [Light.GREEN, Light.YELLOW, Light.RED]


@pytest.mark.parametrize(
    ("executed", "light"),
    [
        ("29.99", Light.RED),  # 29.99% of a 50% year: 59.98% of time progress
        ("30", Light.YELLOW),  # exactly 60%: yellow from 60 on
        ("39.99", Light.YELLOW),
        ("40", Light.GREEN),  # exactly 80%: green from 80 on
        ("70", Light.GREEN),
    ],
)
def test_execution_against_time(executed: str, light: Light) -> None:
    reading = execution_progress(executed=D(executed), budget=D(100), time=D(50))
    assert reading is not None and reading.light is light
    assert reading.done_percent == D(executed).quantize(D("0.01"))


def test_the_july_example_of_the_issue() -> None:
    time = time_progress(datetime.date(2023, 7, 31))
    reading = execution_progress(executed=D("120"), budget=D("400"), time=time)
    assert reading is not None
    assert (reading.done_percent, reading.ratio, reading.light) == (
        D("30.00"),
        D("51.65"),
        Light.RED,
    )


def test_no_budget_no_light() -> None:
    assert execution_progress(executed=D(1), budget=D(0), time=D(50)) is None
    assert execution_progress(executed=D(1), budget=D(10), time=D(0)) is None


def _row(direction: str | None, value: str, kind: ValueType = ValueType.QUANTITATIVE) -> TargetRow:
    from jixiao.targets.model import direction_of

    return TargetRow(
        "产出指标", "数量指标", "培训人次", kind, direction_of(direction), value, "人次"
    )


def test_an_at_least_indicator_is_measured_against_time() -> None:
    row = _row("≥", "1000")
    slow = indicator_progress(row, done="250", likelihood="", time=D(50))
    assert (slow.light, slow.completion) == (Light.RED, D("25.00"))
    fine = indicator_progress(row, done="450", likelihood="", time=D(50))
    assert fine.light is Light.GREEN
    judged_worse = indicator_progress(row, done="450", likelihood="unlikely", time=D(50))
    assert judged_worse.light is Light.RED


def test_other_indicators_take_the_units_judgement() -> None:
    cost = _row("≤", "500")
    assert (
        indicator_progress(cost, done="300", likelihood="possible", time=D(50)).light
        is Light.YELLOW
    )
    qualitative = _row(None, "12月底前完成", ValueType.QUALITATIVE)
    reading = indicator_progress(qualitative, done="进行中", likelihood="", time=D(50))
    assert reading.light is None and reading.completion is None


def test_custom_thresholds_and_worst() -> None:
    strict = Thresholds("days", D(70), D(90), ())
    reading = execution_progress(executed=D(34), budget=D(100), time=D(50), thresholds=strict)
    assert reading is not None and reading.light is Light.RED
    assert worst(None, Light.YELLOW, Light.GREEN) is Light.YELLOW and worst() is None


def test_a_rate_is_measured_by_its_level_not_by_time() -> None:
    row = TargetRow(
        "满意度指标", "", "满意度", ValueType.QUANTITATIVE, Direction.AT_LEAST, "90", "%"
    )
    level = indicator_progress(row, done="85", likelihood="", time=D(50))
    assert (level.light, level.completion) == (Light.GREEN, D("94.44"))
    low = indicator_progress(row, done="50", likelihood="", time=D(58))
    assert low.light is Light.RED  # 55.56% of the target, whatever the date
