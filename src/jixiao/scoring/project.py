"""Score a project self-evaluation (财预〔2020〕10号) from the unit's own indicator table.

The execution item comes first (执行率 = 全年执行数 / 全年预算数, scored by the framework's
method); then each indicator of the table, in order:

- not applicable (指标值 or 完成值 "不适用") → dropped; the rest is rescaled to the full points;
- quantitative (≥ ≤ = with a numeric target and actual) → the framework's quantitative method;
- qualitative, or a quantitative target whose actual is a word ("完成") → placed in a band by
  the words of its actual, the unit's own score accepted inside the band;
- anything else (no actual, no band) → missing, listed, never guessed.

Weights: the unit's own 分值 when its table gives them; when it gives none, each category's
weight in the framework is shared equally by its indicators.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from jixiao.domain.basic_data import Judgement
from jixiao.domain.scorecard import LineStatus, MissingInput, ScoreLine, ScoreWarning
from jixiao.scoring.cases import Case, Scored
from jixiao.scoring.formulas import FORMULAS, Operand
from jixiao.scoring.frameworks import Category, Framework, ProjectRules
from jixiao.scoring.inputs import ScoringInputs
from jixiao.scoring.numbers import number, percent
from jixiao.scoring.targets import Reading, read
from jixiao.scoring.warnings import indicator_warnings

_ZERO = Decimal(0)
EXECUTION_ID = "execution"


def score_project(inputs: ScoringInputs, framework: Framework) -> Scored:
    rules = framework.project
    assert rules is not None
    out = Scored()
    out.lines.append(_execution_line(inputs, rules, out))
    readings = [read(i) for i in inputs.indicators]
    categories = [_category(r, rules) for r in readings]
    ids = _ids(categories)
    weights = _weights(readings, categories, rules)
    listed = rules.execution_weight + sum((w for w in weights if w is not None), _ZERO)
    extra = listed == framework.full_points  # a row without points is then beside the total
    for indicator_id, reading, weight in zip(ids, readings, weights, strict=True):
        out.lines.append(_line(indicator_id, reading, weight, rules, extra=extra))
        out.warnings.extend(
            indicator_warnings(
                indicator_id,
                reading,
                far_exceeded=rules.far_exceeded,
                survey_described=inputs.survey_described,
                text=inputs.text,
            )
        )
    out.warnings.extend(_weight_warnings(readings, categories, rules, framework))
    _indicator_ratio(out, readings)
    if not inputs.indicators:
        out.notes.append("没有读到绩效指标表：只能核算预算执行率，产出、效益、满意度指标无法计分")
    return out


# -- execution -----------------------------------------------------------------------------
def _execution_line(inputs: ScoringInputs, rules: ProjectRules, out: Scored) -> ScoreLine:
    basic = inputs.basic
    weight = rules.execution_weight
    base = ScoreLine(
        EXECUTION_ID, "预算执行率", "", "预算执行率", weight, LineStatus.MISSING, explanation=""
    )
    if basic.budget is not None and basic.budget_completed is not None:
        done, budget = basic.budget_completed, basic.budget
        computed = FORMULAS["ratio"].compute(
            (
                Operand(done.value, "全年执行数", done.shown),
                Operand(budget.value, "全年预算数", budget.shown),
            )
        )
        if computed.value is None:
            return replace(base, status=LineStatus.INCOMPUTABLE, explanation=computed.text)
        rate, said = computed.value, f"预算执行率 = 全年执行数 / 全年预算数 = {computed.text}"
    elif basic.execution_rate is not None:
        rate = basic.execution_rate.value
        said = f"预算执行率（所述）为{percent(rate)}（未列全年预算数和执行数，无法复算）"
    else:
        missing = tuple(
            MissingInput(EXECUTION_ID, key, label)
            for key, label in (("budget", "全年预算数"), ("budget_completed", "全年执行数"))
        )
        return replace(
            base,
            explanation="缺少全年预算数和全年执行数（或执行率），无法核算预算执行率",
            missing=missing,
        )
    out.execution_rate = rate
    outcome = rules.execution_rule.apply(Case(weight=weight, value=rate))
    return replace(
        base,
        status=LineStatus.SCORED,
        explanation=f"{said}，{outcome.clause}",
        value=rate,
        score=outcome.score,
    )


# -- categories, ids, weights --------------------------------------------------------------
def _category(reading: Reading, rules: ProjectRules) -> Category | None:
    row = reading.indicator
    for level in (row.level1, row.level2):
        for category in rules.categories:
            if any(word in level for word in category.match):
                return category
    return None


def _ids(categories: list[Category | None]) -> list[str]:
    seen: dict[str, int] = {}
    ids = []
    for category in categories:
        prefix = category.id if category else "other"
        seen[prefix] = seen.get(prefix, 0) + 1
        ids.append(f"{prefix}-{seen[prefix]:02d}")
    return ids


def _weights(
    readings: list[Reading], categories: list[Category | None], rules: ProjectRules
) -> list[Decimal | None]:
    """The unit's own weights; when it gives none, the framework's shared out by category."""
    stated = [r.indicator.weight for r in readings]
    if any(w is not None for w in stated):
        return stated
    counts: dict[str, int] = {}
    for reading, category in zip(readings, categories, strict=True):
        if category is not None and not reading.inapplicable:
            counts[category.id] = counts.get(category.id, 0) + 1
    return [
        None if category is None or reading.inapplicable else category.weight / counts[category.id]
        for reading, category in zip(readings, categories, strict=True)
    ]


# -- one indicator -------------------------------------------------------------------------
def _line(
    indicator_id: str,
    reading: Reading,
    weight: Decimal | None,
    rules: ProjectRules,
    *,
    extra: bool,
) -> ScoreLine:
    """One row's line. A row without points is ``extra`` (listed beside the total, warned)
    when the other rows already make up the full points; otherwise its points are missing.
    """
    row = reading.indicator
    base = ScoreLine(
        indicator_id,
        row.level1,
        row.level2,
        row.level3,
        weight or _ZERO,
        LineStatus.MISSING,
        explanation="",
        stated_score=row.score,
        target=row.target,
        actual=row.actual,
        unit=row.unit,
    )
    name = row.level3
    if reading.inapplicable:
        return replace(
            base,
            status=LineStatus.NOT_APPLICABLE,
            explanation=f"{name}：不适用，剔除，其余指标按比例折算",
        )
    if weight is None and extra:
        return replace(
            base,
            status=LineStatus.UNWEIGHTED,
            explanation=f"{name}：未列分值，其余指标分值已满，未计分",
        )
    if weight is None:
        needs = "分值" if reading.quantitative or row.score is not None else "分值和得分"
        return replace(
            base,
            explanation=f"{name}：未列{needs}，其余指标分值合计不足，无法计分",
            missing=(MissingInput(indicator_id, "indicator.weight", f"{name}的{needs}"),),
        )
    if reading.quantitative and reading.actual is not None:
        assert reading.better is not None
        case = Case(
            weight=weight,
            better=reading.better,
            value=reading.actual,
            target=reading.target,
            unit=_display_unit(reading.target_unit),
        )
        outcome = rules.quantitative.apply(case)
        direction = row.direction.value if row.direction else ""
        return replace(
            base,
            status=LineStatus.SCORED,
            explanation=f"{name}（{direction}{row.target}{_display_unit(reading.target_unit)}）："
            f"{outcome.clause}",
            value=reading.actual,
            value_unit=reading.target_unit,
            score=outcome.score,
        )
    return _qualitative_line(reading, rules, base)


def _qualitative_line(reading: Reading, rules: ProjectRules, base: ScoreLine) -> ScoreLine:
    indicator_id, weight = base.id, base.weight
    row = reading.indicator
    name = row.level3
    if reading.level is None:
        what = "完成值" if not (row.actual or "").strip() else "完成情况的评价档次"
        said = (
            f"{name}：完成值“{row.actual}”无法判断档次" if row.actual else f"{name}：未填写完成值"
        )
        return replace(
            base,
            explanation=f"{said}，无法计分",
            missing=(MissingInput(indicator_id, "indicator.actual", f"{name}的{what}"),),
        )
    judgement = Judgement(key=indicator_id, level=reading.level, score=row.score)
    outcome = rules.qualitative.apply(Case(weight=weight, judgement=judgement))
    said = f"{name}：完成情况“{row.actual}”，{outcome.clause}"
    if outcome.score is None:
        missing = tuple(MissingInput(indicator_id, "indicator.score", m) for m in outcome.missing)
        return replace(
            base,
            explanation=f"{said}；未给得分，无法计分",
            missing=missing,
        )
    return replace(base, status=LineStatus.SCORED, explanation=said, score=outcome.score)


def _display_unit(unit: str) -> str:
    return "" if unit in ("—", "-", "/") else unit


# -- weights and ratios --------------------------------------------------------------------
def _weight_warnings(
    readings: list[Reading],
    categories: list[Category | None],
    rules: ProjectRules,
    framework: Framework,
) -> list[ScoreWarning]:
    if not readings or all(r.indicator.weight is None for r in readings):
        return []
    warnings = []
    for category in rules.categories:
        total = sum(
            (
                r.indicator.weight
                for r, c in zip(readings, categories, strict=True)
                if c is category and r.indicator.weight is not None
            ),
            _ZERO,
        )
        incomplete = any(
            r.indicator.weight is None and not r.inapplicable
            for r, c in zip(readings, categories, strict=True)
            if c is category
        )
        if total and total != category.weight and not incomplete:
            warnings.append(
                ScoreWarning(
                    "weights-not-standard",
                    f"{category.name}分值合计{number(total)}分，{framework.basis}原则上为"
                    f"{number(category.weight)}分",
                    category.id,
                    total,
                    category.weight,
                )
            )
    applicable = [r for r in readings if not r.inapplicable and r.indicator.weight is not None]
    total = rules.execution_weight + sum((r.indicator.weight or _ZERO for r in applicable), _ZERO)
    dropped = any(r.inapplicable for r in readings)
    unweighted = [r for r in readings if r.indicator.weight is None and not r.inapplicable]
    if total != framework.full_points and not dropped and not unweighted:
        warnings.append(
            ScoreWarning(
                "weights-sum-not-100",
                f"预算执行率{number(rules.execution_weight)}分与各指标分值合计{number(total)}分，"
                f"不是{number(framework.full_points)}分（可能有指标未列出或未读出），"
                f"已按比例折算为{number(framework.full_points)}分",
                None,
                total,
                framework.full_points,
            )
        )
    full = total == framework.full_points
    for reading, indicator_id in zip(readings, _ids(categories), strict=True):
        if full and reading.indicator.weight is None and not reading.inapplicable:
            warnings.append(
                ScoreWarning(
                    "indicator-unweighted",
                    f"指标“{reading.indicator.level3}”没有分值，未计入总分",
                    indicator_id,
                )
            )
    return warnings


def _indicator_ratio(out: Scored, readings: list[Reading]) -> None:
    """Indicator points as a percent of their weights: the unit's own scores when it gave
    them all, else the computed ones (the execution item is left out: it is the other side).
    """
    rows = [r.indicator for r in readings if not r.inapplicable and r.indicator.weight]
    if rows and all(r.score is not None for r in rows):
        weight = sum((r.weight or _ZERO for r in rows), _ZERO)
        scored = sum((r.score or _ZERO for r in rows), _ZERO)
        out.indicator_ratio, out.ratio_basis = scored / weight * 100, "按单位自评得分"
        return
    lines = [ln for ln in out.lines[1:] if ln.status is LineStatus.SCORED and ln.weight]
    if lines and len(lines) == len(rows):
        weight = sum((ln.weight for ln in lines), _ZERO)
        scored = sum((ln.score or _ZERO for ln in lines), _ZERO)
        out.indicator_ratio, out.ratio_basis = scored / weight * 100, "按核算得分"
