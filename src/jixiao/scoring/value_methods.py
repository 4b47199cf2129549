"""Methods that score a computed value: deduct_per_point, bands, proportional, balance_tiers,
and target_ratio for a project indicator's target and actual. Every one floors at 0 and never
gives more than the weight ("扣完为止").
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from jixiao.scoring.cases import Better, Case, Needs, Outcome, full, limit_text
from jixiao.scoring.numbers import number, percent, points, result

_ZERO, _HUNDRED = Decimal(0), Decimal(100)


# -- deduct_per_point ----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class DeductPerPoint:
    """Full points up to ``limit``; ``deduct`` points per ``step`` percentage points beyond."""

    limit: Decimal
    deduct: Decimal
    step: Decimal = Decimal(1)
    started: bool = False  # True: a started step counts whole ("每低于5%扣2分", 4% → 2)
    method: str = "deduct_per_point"
    needs: Needs = Needs.VALUE

    def apply(self, case: Case) -> Outcome:
        assert case.value is not None
        beyond = case.value - self.limit if case.better is Better.LOWER else self.limit - case.value
        word = "高于" if case.better is Better.LOWER else "低于"
        if beyond <= 0:
            bound = "不高于" if case.better is Better.LOWER else "不低于"
            return Outcome(case.weight, f"{bound}{limit_text(self.limit)}，{full(case.weight)}")
        steps = beyond / self.step
        if self.started:
            steps = Decimal(math.ceil(steps))
        deduction = steps * self.deduct
        score = max(_ZERO, case.weight - deduction)
        per = "每个百分点" if self.step == 1 else f"每{number(self.step)}个百分点"
        said = (
            f"{word}{limit_text(self.limit)}共{result(beyond)}个百分点，"
            f"{per}扣{points(self.deduct)}"
        )
        if score == 0:
            return Outcome(score, f"{said}，应扣{points(deduction)}，扣完为止，得0分")
        return Outcome(score, f"{said}，扣{points(deduction)}，得{points(score)}")

    def describe(self, weight: Decimal, better: Better) -> str:
        bound, word = ("≤", "超过") if better is Better.LOWER else ("≥", "低于")
        per = "每个百分点" if self.step == 1 else f"每{number(self.step)}个百分点"
        started = "（不足一档按一档计）" if self.started else "（按实际差额折算）"
        return (
            f"{bound}{limit_text(self.limit)}得满分{points(weight)}；{word}部分{per}扣"
            f"{points(self.deduct)}{started}，扣完为止"
        )

    def max_points(self) -> Decimal | None:
        return None


# -- bands ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Band:
    bound: Decimal
    points: Decimal
    is_min: bool  # True: value ≥ bound; False: value ≤ bound


@dataclass(frozen=True, slots=True)
class Bands:
    """The first band the value falls in gives the points; outside every band, ``otherwise``."""

    bands: tuple[Band, ...]
    otherwise: Decimal = _ZERO
    method: str = "bands"
    needs: Needs = Needs.VALUE

    def apply(self, case: Case) -> Outcome:
        assert case.value is not None
        for band in self.bands:
            inside = case.value >= band.bound if band.is_min else case.value <= band.bound
            if inside:
                score = min(band.points, case.weight)
                return Outcome(score, f"{_band_text(band)}，得{points(score)}")
        return Outcome(self.otherwise, f"{self._outside()}，得{points(self.otherwise)}")

    def _outside(self) -> str:
        if self.bands[0].is_min:
            return f"低于{limit_text(min(b.bound for b in self.bands))}"
        return f"高于{limit_text(max(b.bound for b in self.bands))}"

    def describe(self, weight: Decimal, better: Better) -> str:
        parts = [f"{_band_text(b)}得{points(b.points)}" for b in self.bands]
        parts.append(f"{self._outside()}得{points(self.otherwise)}")
        return "；".join(parts)

    def max_points(self) -> Decimal | None:
        return max([b.points for b in self.bands] + [self.otherwise])


def _band_text(band: Band) -> str:
    return f"{'不低于' if band.is_min else '不高于'}{limit_text(band.bound)}"


# -- proportional --------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Proportional:
    """Full points at ``target``; below it (above it, when lower is better) in proportion."""

    target: Decimal = _HUNDRED
    method: str = "proportional"
    needs: Needs = Needs.VALUE

    def apply(self, case: Case) -> Outcome:
        assert case.value is not None
        value, target = case.value, self.target
        if case.better is Better.LOWER:
            if value <= target:
                return Outcome(case.weight, f"不高于{percent(target)}，{full(case.weight)}")
            score = case.weight * target / value
            formula = f"{number(case.weight)} × {percent(target)} / {percent(value)}"
            return Outcome(score, f"高于{percent(target)}，按比例得{formula} = {points(score)}")
        if value >= target:
            return Outcome(case.weight, f"达到{percent(target)}，{full(case.weight)}")
        score = max(_ZERO, case.weight * value / target)
        if target == _HUNDRED:
            formula = f"{number(case.weight)} × {percent(value)}"
        else:
            formula = f"{number(case.weight)} × {percent(value)} / {percent(target)}"
        return Outcome(score, f"未达到{percent(target)}，按比例得{formula} = {points(score)}")

    def describe(self, weight: Decimal, better: Better) -> str:
        if better is Better.LOWER:
            return (
                f"≤{percent(self.target)}得满分{points(weight)}；超过部分按 标准值/实际值 比例计分"
            )
        return f"≥{percent(self.target)}得满分{points(weight)}；不足部分按 实际值/标准值 比例计分"

    def max_points(self) -> Decimal | None:
        return None


# -- balance_tiers -------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class BalanceTiers:
    """Idle money: none at all; not more than last year; more than last year."""

    none: Decimal
    not_increased: Decimal
    increased: Decimal = _ZERO
    method: str = "balance_tiers"
    needs: Needs = Needs.OPERANDS

    def apply(self, case: Case) -> Outcome:
        current, previous = case.operands
        this, last = case.labels
        if current == 0:
            return Outcome(min(self.none, case.weight), f"{this}为0，得{points(self.none)}")
        said = f"{this}{number(current)}万元"
        if current <= previous:
            clause = f"{said}不高于{last}{number(previous)}万元，得{points(self.not_increased)}"
            return Outcome(min(self.not_increased, case.weight), clause)
        clause = f"{said}高于{last}{number(previous)}万元，得{points(self.increased)}"
        return Outcome(min(self.increased, case.weight), clause)

    def describe(self, weight: Decimal, better: Better) -> str:
        return (
            f"无结转结余得{points(self.none)}；有结转结余但不高于上年得"
            f"{points(self.not_increased)}；高于上年得{points(self.increased)}"
        )

    def max_points(self) -> Decimal | None:
        return max(self.none, self.not_increased, self.increased)


# -- target_ratio (project self-evaluation) ------------------------------------------------
@dataclass(frozen=True, slots=True)
class TargetRatio:
    """A quantitative target: met → full points; not met → in proportion (财预〔2020〕10号).

    ≥: weight × 完成值 / 指标值;  ≤: weight × 指标值 / 完成值 (inverted);
    =: weight × (1 − |完成值 − 指标值| / 指标值). A target of 0 is all or nothing.
    """

    method: str = "target_ratio"
    needs: Needs = Needs.TARGET

    def apply(self, case: Case) -> Outcome:
        assert case.value is not None and case.target is not None
        actual, target, weight, unit = case.value, case.target, case.weight, case.unit
        said = f"完成值{number(actual)}{unit}"
        aim = f"指标值{number(target)}{unit}"
        if met(case.better, actual, target):
            bound = {Better.HIGHER: "不低于", Better.LOWER: "不高于", Better.EQUAL: "等于"}
            return Outcome(weight, f"{said}{bound[case.better]}{aim}，{full(weight)}")
        if target == 0:
            return Outcome(_ZERO, f"{aim}，{said}未达到，得0分")
        w = number(weight)
        if case.better is Better.HIGHER:
            score = max(_ZERO, weight * actual / target)
            formula = f"{w} × {number(actual)} / {number(target)}"
            return Outcome(score, f"{said}低于{aim}，按比例得{formula} = {points(score)}")
        if case.better is Better.LOWER:
            score = weight * target / actual
            formula = f"{w} × {number(target)} / {number(actual)}"
            return Outcome(score, f"{said}高于{aim}，按比例得{formula} = {points(score)}")
        gap = abs(actual - target)
        score = max(_ZERO, weight * (1 - gap / target))
        formula = f"{w} × (1 − {number(gap)} / {number(target)})"
        gap_text = f"{number(gap)}个百分点" if unit == "%" else f"{number(gap)}{unit}"
        return Outcome(
            score, f"{said}与{aim}相差{gap_text}，按偏差比例得{formula} = {points(score)}"
        )

    def describe(self, weight: Decimal, better: Better) -> str:
        return (
            "达到指标值得满分；未达到的，≥类按 完成值/指标值、≤类按 指标值/完成值、"
            "=类按 1 − 偏差/指标值 的比例计分"
        )

    def max_points(self) -> Decimal | None:
        return None


def met(better: Better, actual: Decimal, target: Decimal) -> bool:
    """Whether an actual value meets its target in the given direction."""
    if better is Better.HIGHER:
        return actual >= target
    if better is Better.LOWER:
        return actual <= target
    return actual == target


# -- reference -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Reference:
    """A weight-0 indicator: its value is shown for reference, it never scores."""

    method: str = "reference"
    needs: Needs = Needs.VALUE

    def apply(self, case: Case) -> Outcome:
        return Outcome(_ZERO, "本框架不计分，仅列示")

    def describe(self, weight: Decimal, better: Better) -> str:
        return "不计分，仅列示"

    def max_points(self) -> Decimal | None:
        return None
