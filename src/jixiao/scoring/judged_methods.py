"""Methods that score an evaluator's judgement: checklist, violations, qualitative_band."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.basic_data import Level
from jixiao.scoring.cases import Better, Case, Needs, Outcome, full
from jixiao.scoring.numbers import number, points, result

_ZERO, _HUNDRED = Decimal(0), Decimal(100)


# -- checklist, violations, qualitative_band (judgements) ----------------------------------
@dataclass(frozen=True, slots=True)
class Checklist:
    """``per_point`` points for each 评价要点 met, up to the weight."""

    items: tuple[str, ...]
    per_point: Decimal = Decimal(1)
    method: str = "checklist"
    needs: Needs = Needs.JUDGEMENT

    def apply(self, case: Case) -> Outcome:
        met = case.judgement.met if case.judgement else None
        if met is None:
            listed = "；".join(f"{i + 1}.{item}" for i, item in enumerate(self.items))
            return Outcome(None, "", (f"满足的评价要点数（共{len(self.items)}项：{listed}）",))
        met = min(met, len(self.items))
        score = min(case.weight, self.per_point * met)
        clause = (
            f"评价要点{len(self.items)}项中满足{met}项，每项{points(self.per_point)}，"
            f"得{points(score)}"
        )
        return Outcome(score, clause)

    def describe(self, weight: Decimal, better: Better) -> str:
        listed = "；".join(f"{i + 1}.{item}" for i, item in enumerate(self.items))
        return f"每满足一项评价要点得{points(self.per_point)}，最多{points(weight)}（{listed}）"

    def max_points(self) -> Decimal | None:
        return None


@dataclass(frozen=True, slots=True)
class Violations:
    """Full points less ``deduct`` for each breach found, floored at 0."""

    deduct: Decimal = Decimal(1)
    method: str = "violations"
    needs: Needs = Needs.JUDGEMENT

    def apply(self, case: Case) -> Outcome:
        found = case.judgement.violations if case.judgement else None
        if found is None:
            return Outcome(None, "", ("发现的违规问题数（没有填0）",))
        if found == 0:
            return Outcome(case.weight, f"未发现违规问题，{full(case.weight)}")
        deduction = self.deduct * found
        score = max(_ZERO, case.weight - deduction)
        tail = "扣完为止，得0分" if score == 0 else f"得{points(score)}"
        return Outcome(
            score,
            f"发现违规问题{found}项，每项扣{points(self.deduct)}，共扣{points(deduction)}，{tail}",
        )

    def describe(self, weight: Decimal, better: Better) -> str:
        return f"未发现违规得满分{points(weight)}；每发现一项扣{points(self.deduct)}，扣完为止"

    def max_points(self) -> Decimal | None:
        return None


@dataclass(frozen=True, slots=True)
class LevelBand:
    level: Level
    low: Decimal  # percent of the weight, inclusive
    high: Decimal


DEFAULT_LEVEL_BANDS = (
    LevelBand(Level.ACHIEVED, Decimal(80), _HUNDRED),
    LevelBand(Level.PARTLY, Decimal(60), Decimal(80)),
    LevelBand(Level.NOT_ACHIEVED, _ZERO, Decimal(60)),
)


@dataclass(frozen=True, slots=True)
class QualitativeBand:
    """The level places the indicator in a band of the weight; the score given must lie in it.

    A score outside its band is brought to the band's nearest edge, with a warning; a level
    without a score is listed as missing (the points inside a band are a judgement).
    """

    bands: tuple[LevelBand, ...] = DEFAULT_LEVEL_BANDS
    method: str = "qualitative_band"
    needs: Needs = Needs.JUDGEMENT

    def band(self, level: Level) -> LevelBand:
        return next(b for b in self.bands if b.level is level)

    def apply(self, case: Case) -> Outcome:
        judgement = case.judgement
        if judgement is None or (judgement.level is None and judgement.score is None):
            return Outcome(None, "", ("完成情况的评价档次（达成/部分达成/未达成）及得分",))
        if judgement.level is None:
            assert judgement.score is not None
            score = min(max(judgement.score, _ZERO), case.weight)
            return Outcome(score, f"未说明评价档次，采用所给得分{points(score)}")
        band = self.band(judgement.level)
        low, high = case.weight * band.low / _HUNDRED, case.weight * band.high / _HUNDRED
        where = (
            f"属“{band.level.value}”档（分值的{number(band.low)}%–{number(band.high)}%，"
            f"即{result(low)}–{result(high)}分）"
        )
        if judgement.score is None:
            return Outcome(None, where, (f"得分（{result(low)}–{result(high)}分之间）",))
        if low <= judgement.score <= high:
            return Outcome(
                judgement.score, f"{where}，所给{points(judgement.score)}在档内，予以采用"
            )
        edge = low if judgement.score < low else high
        side = "下" if edge == low else "上"
        message = f"所给{points(judgement.score)}不在该档内，按档{side}限计{points(edge)}"
        return Outcome(edge, f"{where}，{message}", (), (("score-outside-band", message),))

    def describe(self, weight: Decimal, better: Better) -> str:
        return "；".join(
            f"{b.level.value}：分值的{number(b.high)}%–{number(b.low)}%"
            f"（{result(weight * b.high / _HUNDRED)}–{result(weight * b.low / _HUNDRED)}分）"
            for b in self.bands
        )

    def max_points(self) -> Decimal | None:
        return None
