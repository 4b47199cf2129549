"""In-year monitoring (双监控): execution against the time elapsed, as a traffic light.

At a checkpoint the bureau sets (e.g. 7月31日), a unit records what it has spent of each budget
line and how far each indicator has come. The light compares progress with the share of the
year gone: progress ÷ time progress below ``red_below`` is red, below ``green_from`` yellow,
else green. The thresholds and the time basis are data (``jixiao/data/monitoring.toml``).
"""

from __future__ import annotations

import calendar
import datetime
import functools
import tomllib
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from importlib import resources

from jixiao.domain.errors import JixiaoError
from jixiao.domain.report import Direction
from jixiao.scoring.targets import number_and_unit
from jixiao.targets.model import TargetRow

_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")
_PERCENT = ("%", "％")


class MonitoringDataError(JixiaoError):
    """monitoring.toml does not follow its schema."""


class Light(Enum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"

    @property
    def label(self) -> str:
        return {"green": "绿灯", "yellow": "黄灯", "red": "红灯"}[self.value]

    @property
    def rank(self) -> int:
        """0 green, 1 yellow, 2 red: higher is worse."""
        return ("green", "yellow", "red").index(self.value)


def worst(*lights: Light | None) -> Light | None:
    found = [light for light in lights if light is not None]
    return max(found, key=lambda light: light.rank) if found else None


@dataclass(frozen=True, slots=True)
class Likelihood:
    key: str
    label: str
    light: Light


@dataclass(frozen=True, slots=True)
class Thresholds:
    basis: str  # "days" | "months"
    red_below: Decimal  # percent of the time progress
    green_from: Decimal
    likelihoods: tuple[Likelihood, ...]

    def likelihood(self, key: str) -> Likelihood | None:
        return next((item for item in self.likelihoods if item.key == key), None)

    def light_of(self, ratio: Decimal) -> Light:
        if ratio < self.red_below:
            return Light.RED
        if ratio < self.green_from:
            return Light.YELLOW
        return Light.GREEN


@functools.cache
def load_thresholds() -> Thresholds:
    text = (resources.files("jixiao.data") / "monitoring.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text, parse_float=Decimal)
    try:
        basis = str(data["time"]["basis"])
        red, green = Decimal(data["light"]["red_below"]), Decimal(data["light"]["green_from"])
        likelihoods = tuple(
            Likelihood(str(item["key"]), str(item["label"]), Light(str(item["light"])))
            for item in data["likelihood"]
        )
    except (KeyError, TypeError, ValueError) as error:
        raise MonitoringDataError(f"monitoring.toml 格式有误：{error}") from error
    if basis not in ("days", "months") or not Decimal(0) < red < green <= _HUNDRED:
        raise MonitoringDataError(
            "monitoring.toml：basis 应为 days 或 months，且 0 < red_below < green_from ≤ 100"
        )
    return Thresholds(basis, red, green, likelihoods)


def time_progress(as_of: datetime.date, *, basis: str = "days") -> Decimal:
    """The share of ``as_of``'s year gone by the end of that day, in percent (two decimals)."""
    year = as_of.year
    if basis == "months":
        days_in_month = calendar.monthrange(year, as_of.month)[1]
        months = Decimal(as_of.month - 1) + Decimal(as_of.day) / Decimal(days_in_month)
        share = months / Decimal(12)
    else:
        elapsed = (as_of - datetime.date(year, 1, 1)).days + 1
        total = 366 if calendar.isleap(year) else 365
        share = Decimal(elapsed) / Decimal(total)
    return (share * _HUNDRED).quantize(_CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Progress:
    """A progress reading: how far (percent of the year's amount), against time, and its light."""

    done_percent: Decimal  # execution rate, or completion of an indicator's target
    time_percent: Decimal
    ratio: Decimal  # done ÷ time × 100
    light: Light


def _progress(done: Decimal, time: Decimal, thresholds: Thresholds) -> Progress | None:
    if time <= 0:
        return None
    ratio = (done / time * _HUNDRED).quantize(_CENT, rounding=ROUND_HALF_UP)
    done = done.quantize(_CENT, rounding=ROUND_HALF_UP)
    return Progress(done, time, ratio, thresholds.light_of(ratio))


def execution_progress(
    *, executed: Decimal, budget: Decimal, time: Decimal, thresholds: Thresholds | None = None
) -> Progress | None:
    """Budget execution (executed ÷ budget) against time; None when the budget is zero."""
    if budget <= 0:
        return None
    return _progress(executed / budget * _HUNDRED, time, thresholds or load_thresholds())


@dataclass(frozen=True, slots=True)
class IndicatorReading:
    light: Light | None  # None: nothing to judge by yet
    completion: Decimal | None  # percent of the year's target done, for a "≥" target


def indicator_progress(
    row: TargetRow,
    *,
    done: str,
    likelihood: str,
    time: Decimal,
    thresholds: Thresholds | None = None,
) -> IndicatorReading:
    """An indicator's light: computed for a "≥" target with a number done so far, judged by the
    unit's likelihood otherwise; the worse of the two when both exist.

    A quantity that accumulates over the year (人次, 项, 公里) is compared with the time gone:
    300 of 1200 by the end of July is behind. A rate (%) does not accumulate: 85% satisfaction
    in July against a 90% target is measured by its level (94% of the target), not by time.
    """
    limits = thresholds or load_thresholds()
    computed, completion = None, None
    if row.quantitative and row.direction is Direction.AT_LEAST:
        target, value_unit = number_and_unit(row.value)
        so_far, _ = number_and_unit(done)
        if target is not None and target > 0 and so_far is not None:
            rate = (row.unit or value_unit).strip() in _PERCENT
            reading = _progress(so_far / target * _HUNDRED, _HUNDRED if rate else time, limits)
            if reading is not None:
                computed, completion = reading.light, reading.done_percent
    judged = limits.likelihood(likelihood)
    return IndicatorReading(worst(computed, judged.light if judged else None), completion)
