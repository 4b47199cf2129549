"""Year-on-year and peer comparison: which figures stand out, and by how much.

A unit's figure is compared with its own previous year (flagged beyond ±``change_limit`` %) and
with units of the same kind the same year (flagged when it lies more than ``mad_limit`` times
the median absolute deviation from their median, a spread measure that one extreme unit
cannot inflate). With fewer than ``min_peers`` values, or no spread at all, there is no peer
verdict: a median of three is not a norm. Limits are data (``jixiao/data/results.toml``).
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from importlib import resources
from typing import TypeVar

from jixiao.domain.errors import JixiaoError

K = TypeVar("K", bound=Hashable)
_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")


class ResultsDataError(JixiaoError):
    """results.toml does not follow its schema."""


@dataclass(frozen=True, slots=True)
class Limits:
    change_limit: Decimal  # percent
    mad_limit: Decimal  # multiples of the MAD
    min_peers: int


@dataclass(frozen=True, slots=True)
class ResultsRules:
    """What follows an evaluation: who gets a rectification notice, and the budget advice."""

    grades: tuple[str, ...]  # grades that call for rectification
    serious_errors: int  # error findings that call for it too
    due_days: int
    limits: Limits
    treatments: tuple[tuple[str, str], ...]  # (grade, advice)

    def advice(self, grade: str) -> str:
        return next((text for g, text in self.treatments if g == grade), "")


@functools.cache
def load_rules() -> ResultsRules:
    text = (resources.files("jixiao.data") / "results.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text, parse_float=Decimal)
    try:
        rect, comparison = data["rectification"], data["comparison"]
        limits = Limits(
            Decimal(comparison["change_limit"]),
            Decimal(comparison["mad_limit"]),
            int(comparison["min_peers"]),
        )
        return ResultsRules(
            grades=tuple(str(g) for g in rect["grades"]),
            serious_errors=int(rect["serious_errors"]),
            due_days=int(rect["due_days"]),
            limits=limits,
            treatments=tuple((str(t["grade"]), str(t["advice"])) for t in data["treatment"]),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ResultsDataError(f"results.toml 格式有误：{error}") from error


@dataclass(frozen=True, slots=True)
class Deviation:
    value: Decimal
    reference: Decimal  # the previous year's value, or the peers' median
    change_percent: Decimal | None  # (value − reference) ÷ reference × 100; None when ref is 0
    flagged: bool
    note: str  # Chinese: why it is (or is not) flagged


def _rate(value: Decimal, reference: Decimal) -> Decimal | None:
    if reference == 0:
        return None
    return ((value - reference) / abs(reference) * _HUNDRED).quantize(_CENT, ROUND_HALF_UP)


def _shown(value: Decimal) -> str:
    text = format(value.quantize(_CENT, ROUND_HALF_UP), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def year_change(current: Decimal, previous: Decimal | None, limits: Limits) -> Deviation | None:
    """The change on the previous year; flagged beyond ±change_limit %."""
    if previous is None:
        return None
    rate = _rate(current, previous)
    if rate is None:
        flagged = current != 0
        note = "上年为0，本年不为0" if flagged else "与上年相同"
        return Deviation(current, previous, None, flagged, note)
    flagged = abs(rate) > limits.change_limit
    said = f"比上年{'增加' if rate >= 0 else '减少'}{_shown(abs(rate))}%"
    note = f"{said}，超过±{_shown(limits.change_limit)}%" if flagged else said
    return Deviation(current, previous, rate, flagged, note)


def median(values: list[Decimal]) -> Decimal:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def peer_deviations(values: Mapping[K, Decimal | None], limits: Limits) -> dict[K, Deviation]:
    """Each stated value against the median of all stated values; empty with too few."""
    stated = {key: value for key, value in values.items() if value is not None}
    if len(stated) < limits.min_peers:
        return {}
    numbers = list(stated.values())
    centre = median(numbers)
    spread = median([abs(v - centre) for v in numbers])
    out: dict[K, Deviation] = {}
    for key, value in stated.items():
        distance = abs(value - centre)
        flagged = spread > 0 and distance > limits.mad_limit * spread
        if flagged:
            side = "高于" if value > centre else "低于"
            note = (
                f"{side}同类单位中位数{_shown(centre)}，偏离{_shown(distance / spread)}倍"
                f"中位数绝对偏差（界限{_shown(limits.mad_limit)}倍）"
            )
        else:
            note = f"同类单位中位数{_shown(centre)}"
        out[key] = Deviation(value, centre, _rate(value, centre), flagged, note)
    return out
