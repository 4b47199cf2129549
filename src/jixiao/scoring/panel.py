"""An evaluation panel's arithmetic: where the evaluators disagree, the final score and grade,
and a re-check of the panel's scores by jixiao's own scoring of the project.

Each evaluator (an expert, a third-party agency, an internal reviewer) scores every indicator
of the project on their own sheet. Per indicator:

- the spread is the highest score minus the lowest; above ``divergence_share`` of the weight
  the indicator is *divergent* and its score is whatever the panel agrees in discussion (with
  the reason recorded); until then the indicator, and so the total, is pending;
- otherwise the final score is the mean of the scores, or, from ``trimmed_from`` evaluators on,
  the mean after dropping the ``trim`` highest and lowest (截尾平均).

Scores stay exact Decimals (a mean of three may not end); the total is the sum of the exact
finals and is rounded only for display, its grade the band of the displayed total, as in the
scorecard. The sheets themselves are checked: a missing score, a score above the weight or
below zero, a sheet whose stated total is not the sum of its scores.

The re-check scores the project the way jixiao scores a self-evaluation (财预〔2020〕10号:
预算执行率 = 全年执行数 / 全年预算数; a quantitative target by 完成值 / 指标值; a qualitative
one inside the band its result's words give) at the panel's weights, and flags each indicator
whose panel score departs from it by more than ``recheck_share`` of the weight.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import Enum

from jixiao.domain.basic_data import BasicData, BasicValue
from jixiao.domain.report import Direction, Indicator
from jixiao.domain.scorecard import LineStatus, display, rounded
from jixiao.scoring import engine
from jixiao.scoring.inputs import ScoringInputs
from jixiao.scoring.key_rules import PanelRules
from jixiao.scoring.numbers import number, points, result

_ZERO = Decimal(0)
RECHECK_FRAMEWORK = "project-self-2020"


class Method(Enum):
    MEAN = "mean"
    TRIMMED = "trimmed"
    AGREED = "agreed"
    PENDING = "pending"
    MISSING = "missing"

    @property
    def label(self) -> str:
        return {
            Method.MEAN: "平均",
            Method.TRIMMED: "去掉最高分和最低分后平均",
            Method.AGREED: "专家组合议",
            Method.PENDING: "待合议",
            Method.MISSING: "缺少评分",
        }[self]


@dataclass(frozen=True, slots=True)
class PanelIndicator:
    key: str
    level1: str
    level2: str
    level3: str
    weight: Decimal


@dataclass(frozen=True, slots=True)
class Sheet:
    """One evaluator's scores, by indicator key; ``stated_total`` as written on their sheet."""

    evaluator: str
    scores: Mapping[str, Decimal | None]
    stated_total: Decimal | None = None

    @property
    def total(self) -> Decimal:
        return sum((s for s in self.scores.values() if s is not None), _ZERO)


@dataclass(frozen=True, slots=True)
class Agreement:
    """The panel's decision on a divergent indicator, and why."""

    points: Decimal
    reason: str


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with the arithmetic; ``code`` is stable and kebab-case."""

    code: str
    message: str
    evaluator: str | None = None
    indicator: str | None = None


@dataclass(frozen=True, slots=True)
class IndicatorResult:
    indicator: PanelIndicator
    scores: tuple[Decimal | None, ...]  # in the order of the sheets
    spread: Decimal | None
    limit: Decimal  # the largest spread that is not divergent
    divergent: bool
    method: Method
    final: Decimal | None  # exact
    explanation: str
    agreement: Agreement | None = None


@dataclass(frozen=True, slots=True)
class PanelResult:
    evaluators: tuple[str, ...]
    lines: tuple[IndicatorResult, ...]
    full_points: Decimal
    total: Decimal | None  # exact; None while an indicator is pending or unscored
    grade: str | None
    problems: tuple[Problem, ...]

    @property
    def complete(self) -> bool:
        return self.total is not None

    @property
    def divergent(self) -> tuple[IndicatorResult, ...]:
        return tuple(line for line in self.lines if line.divergent)

    @property
    def pending(self) -> tuple[IndicatorResult, ...]:
        return tuple(line for line in self.lines if line.method is Method.PENDING)

    def line(self, key: str) -> IndicatorResult:
        for line in self.lines:
            if line.indicator.key == key:
                return line
        raise KeyError(key)

    def by_level1(self) -> list[tuple[str, Decimal, Decimal | None]]:
        """(一级指标, its weight, the points it got; None while pending), in order."""
        order: dict[str, tuple[Decimal, Decimal | None]] = {}
        for line in self.lines:
            weight, got = order.get(line.indicator.level1, (_ZERO, _ZERO))
            final = line.final
            order[line.indicator.level1] = (
                weight + line.indicator.weight,
                None if got is None or final is None else got + final,
            )
        return [(name, weight, got) for name, (weight, got) in order.items()]


def combine(
    indicators: Sequence[PanelIndicator],
    sheets: Sequence[Sheet],
    agreements: Mapping[str, Agreement],
    rules: PanelRules,
    *,
    full_points: Decimal = Decimal(100),
) -> PanelResult:
    """The panel's result from the submitted sheets and the discussions held so far."""
    problems = _sheet_problems(indicators, sheets)
    weights = sum((i.weight for i in indicators), _ZERO)
    if weights != full_points:
        problems.append(
            Problem(
                "weights-not-full",
                f"各指标分值合计{number(weights)}分，不等于满分{number(full_points)}分",
            )
        )
    lines = []
    for indicator in indicators:
        line = _line(indicator, [s.scores.get(indicator.key) for s in sheets], rules)
        agreement = agreements.get(indicator.key)
        if agreement is not None:
            line, problem = _agreed(line, agreement)
            problems.extend(problem)
        lines.append(line)
    finals = [line.final for line in lines]
    total = None
    if lines and all(f is not None for f in finals):
        total = sum((f for f in finals if f is not None), _ZERO)
    grade = rules.grade_of(rounded(total)) if total is not None else None
    return PanelResult(
        evaluators=tuple(s.evaluator for s in sheets),
        lines=tuple(lines),
        full_points=full_points,
        total=total,
        grade=grade,
        problems=tuple(problems),
    )


def sheet_problems(indicators: Sequence[PanelIndicator], sheet: Sheet) -> tuple[Problem, ...]:
    """What keeps one sheet from being submitted: missing, out-of-range scores, a wrong total."""
    return tuple(_sheet_problems(indicators, [sheet]))


def _sheet_problems(indicators: Sequence[PanelIndicator], sheets: Sequence[Sheet]) -> list[Problem]:
    problems = []
    for sheet in sheets:
        who = sheet.evaluator
        for indicator in indicators:
            name, weight = indicator.level3, indicator.weight
            score = sheet.scores.get(indicator.key)
            if score is None:
                problems.append(
                    Problem("score-missing", f"{who}未给“{name}”评分", who, indicator.key)
                )
            elif score > weight:
                problems.append(
                    Problem(
                        "score-above-weight",
                        f"{who}给“{name}”{number(score)}分，超过分值{number(weight)}分",
                        who,
                        indicator.key,
                    )
                )
            elif score < 0:
                problems.append(
                    Problem(
                        "score-negative", f"{who}给“{name}”负分{number(score)}", who, indicator.key
                    )
                )
        if sheet.stated_total is not None and sheet.stated_total != sheet.total:
            problems.append(
                Problem(
                    "total-differs",
                    f"{who}评分表所写合计{number(sheet.stated_total)}分，"
                    f"各项得分相加为{number(sheet.total)}分",
                    who,
                )
            )
    return problems


def _line(
    indicator: PanelIndicator, scores: list[Decimal | None], rules: PanelRules
) -> IndicatorResult:
    given = [s for s in scores if s is not None]
    name, weight = indicator.level3, indicator.weight
    limit = weight * rules.divergence_share
    head = f"{name}（分值{number(weight)}分）"
    if not given:
        return IndicatorResult(
            indicator, tuple(scores), None, limit, False, Method.MISSING, None, f"{head}：尚无评分"
        )
    listed = "、".join(number(s) for s in given)
    spread = max(given) - min(given)
    share = f"分值的{result(rules.divergence_share * 100)}%（{result(limit)}分）"
    if len(given) > 1 and spread > limit:
        said = f"{head}：评分{listed}，最高与最低相差{result(spread)}分，超过{share}，待专家组合议"
        return IndicatorResult(
            indicator, tuple(scores), spread, limit, True, Method.PENDING, None, said
        )
    differs = f"相差{result(spread)}分，未超过{share}" if len(given) > 1 else "仅一人评分"
    if len(given) >= rules.trimmed_from:
        ordered = sorted(given)
        kept = ordered[rules.trim : len(ordered) - rules.trim]
        final = sum(kept, _ZERO) / len(kept)
        dropped = "、".join(number(s) for s in ordered[: rules.trim] + ordered[-rules.trim :])
        said = f"{head}：评分{listed}，{differs}；去掉最高和最低（{dropped}）后平均{points(final)}"
        method = Method.TRIMMED
    else:
        final = sum(given, _ZERO) / len(given)
        said = f"{head}：评分{listed}，{differs}；平均{points(final)}"
        method = Method.MEAN
    return IndicatorResult(indicator, tuple(scores), spread, limit, False, method, final, said)


def _agreed(line: IndicatorResult, agreement: Agreement) -> tuple[IndicatorResult, list[Problem]]:
    weight = line.indicator.weight
    name = line.indicator.level3
    if not _ZERO <= agreement.points <= weight:
        problem = Problem(
            "agreement-outside",
            f"“{name}”合议得分{number(agreement.points)}分不在0至{number(weight)}分之间",
            indicator=line.indicator.key,
        )
        return line, [problem]
    said = (
        f"{line.explanation.removesuffix('，待专家组合议')}，经专家组合议定为"
        f"{points(agreement.points)}：{agreement.reason}"
    )
    agreed = replace(
        line, method=Method.AGREED, final=agreement.points, explanation=said, agreement=agreement
    )
    return agreed, []


# -- the re-check by jixiao's own scoring --------------------------------------------------
@dataclass(frozen=True, slots=True)
class TargetFigure:
    """A target of the project with the actual value the evaluation verified."""

    key: str  # the panel indicator it is scored as
    indicator: Indicator  # the approved target (level names, direction, value, unit), actual


@dataclass(frozen=True, slots=True)
class RecheckLine:
    key: str
    level3: str
    weight: Decimal
    panel: Decimal | None  # the panel's final (exact)
    computed: Decimal  # jixiao's score at the panel's weight (exact)
    flagged: bool
    explanation: str  # jixiao's sentence: the formula and the numbers

    @property
    def difference(self) -> Decimal | None:
        return None if self.panel is None else self.panel - self.computed


@dataclass(frozen=True, slots=True)
class Recheck:
    lines: tuple[RecheckLine, ...]
    problems: tuple[Problem, ...]  # the panel's own sums and grade, re-added
    uncomputed: tuple[str, ...]  # indicators jixiao could not score, with why

    @property
    def flagged(self) -> tuple[RecheckLine, ...]:
        return tuple(line for line in self.lines if line.flagged)


def recheck(
    panel: PanelResult,
    rules: PanelRules,
    *,
    targets: Sequence[TargetFigure] = (),
    execution_key: str | None = None,
    budget: Decimal | None = None,
    executed: Decimal | None = None,
) -> Recheck:
    """jixiao's own score of every indicator it can compute, beside the panel's."""
    finals = {line.indicator.key: line.final for line in panel.lines}
    weights = {line.indicator.key: line.indicator.weight for line in panel.lines}
    names = {line.indicator.key: line.indicator.level3 for line in panel.lines}
    values: dict[str, BasicValue] = {}
    if budget is not None:
        values["budget"] = BasicValue(budget, "评价核实的全年预算数")
    if executed is not None:
        values["budget_completed"] = BasicValue(executed, "评价核实的全年执行数")
    rows = [t for t in targets if t.key in weights]
    indicators = tuple(
        replace(
            t.indicator,
            weight=weights[t.key],
            # a qualitative row is placed in its band; the panel's score is kept inside it
            score=finals[t.key] if t.indicator.direction is Direction.QUALITATIVE else None,
        )
        for t in rows
    )
    inputs = ScoringInputs(
        source="专家组评分复算",
        kind="project",
        basic=BasicData.of(values),
        indicators=indicators,
    )
    card = engine.score(inputs, RECHECK_FRAMEWORK)
    out: list[RecheckLine] = []
    uncomputed: list[str] = []
    # The scorecard's first line is always 预算执行率 (at the framework's weight), then a line
    # per row (at the panel's weight): each is brought to the panel's weight.
    pairs = [(t.key, weights[t.key]) for t in rows]
    lines = list(card.lines[1:])
    if execution_key is not None and execution_key in weights:
        pairs.insert(0, (execution_key, card.lines[0].weight))
        lines.insert(0, card.lines[0])
    for (key, scale), line in zip(pairs, lines, strict=True):
        if line.status is not LineStatus.SCORED or line.score is None or line.weight == 0:
            said = line.explanation
            uncomputed.append(said if said.startswith(names[key]) else f"{names[key]}：{said}")
            continue
        computed = line.score * weights[key] / scale
        panel_score = finals[key]
        flagged = (
            panel_score is not None
            and abs(panel_score - computed) > weights[key] * rules.recheck_share
        )
        said = line.explanation
        if scale != weights[key]:
            said += f"；按本指标分值{number(weights[key])}分折算为{points(computed)}"
        out.append(RecheckLine(key, names[key], weights[key], panel_score, computed, flagged, said))
    return Recheck(tuple(out), tuple(_sums(panel, rules)), tuple(uncomputed))


def _sums(panel: PanelResult, rules: PanelRules) -> list[Problem]:
    """The total and the grade, re-added from the lines (a stored result is checked too)."""
    if panel.total is None:
        return []
    problems = []
    added = sum((line.final or _ZERO for line in panel.lines), _ZERO)
    if added != panel.total:
        problems.append(
            Problem(
                "total-not-sum",
                f"总分{display(panel.total)}分不等于各指标得分之和{display(added)}分",
            )
        )
    grade = rules.grade_of(rounded(added))
    if panel.grade != grade:
        problems.append(
            Problem("grade-not-band", f"总分{display(added)}分应为“{grade}”，而不是“{panel.grade}”")
        )
    return problems
