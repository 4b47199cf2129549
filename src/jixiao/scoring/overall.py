"""Score 部门整体支出 by a framework's fixed indicator list, from the 基础数据 and judgements.

Each indicator: its inputs (missing ones are listed, never guessed) → its formula's value →
its method's points, and one sentence with the formula and the numbers:
"三公经费变动率 = (11 − 13) / 13 = −15.38%，不高于0，得满分5分".
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from jixiao.domain.basic_data import FIELD_BY_KEY
from jixiao.domain.scorecard import LineStatus, MissingInput, ScoreLine, ScoreWarning
from jixiao.scoring.cases import Case, Needs, Scored
from jixiao.scoring.formulas import FORMULAS, Computed, Operand
from jixiao.scoring.frameworks import Framework, IndicatorSpec
from jixiao.scoring.inputs import ScoringInputs


def score_overall(inputs: ScoringInputs, framework: Framework) -> Scored:
    out = Scored()
    names = Counter(spec.level3 for spec in framework.indicators)
    for spec in framework.indicators:
        line, warnings = _line(spec, inputs, _keys(spec, names))
        out.lines.append(line)
        out.warnings.extend(warnings)
    out.execution_rate = _execution_rate(inputs)
    return out


def _keys(spec: IndicatorSpec, names: Counter[str]) -> tuple[str, ...]:
    """The names a judgement or a self score may use for this indicator: its id, its
    level-2 and level-3 names together, and its level-3 name alone when no other has it
    (``names`` counts the framework's level-3 names).
    """
    keys = [spec.id, f"{spec.level2}{spec.level3}", f"{spec.level2}/{spec.level3}"]
    if names[spec.level3] == 1:
        keys.append(spec.level3)
    return tuple(keys)


def _line(
    spec: IndicatorSpec, inputs: ScoringInputs, keys: tuple[str, ...]
) -> tuple[ScoreLine, list[ScoreWarning]]:
    # Each path builds its line once, from the spec and the unit's own score: a placeholder
    # line copied on every path cost a second ScoreLine per indicator.
    stated = _stated(spec, inputs, keys)
    operands = [inputs.basic.get(key) for key in spec.inputs]
    absent = [key for key, value in zip(spec.inputs, operands, strict=True) if value is None]
    reference = spec.weight == 0
    if absent:
        if reference:
            return _new_line(
                spec, stated, LineStatus.REFERENCE, f"{spec.level3}：参考指标，本框架不计分"
            ), []
        missing = tuple(MissingInput(spec.id, key, FIELD_BY_KEY[key].label) for key in absent)
        labels = "、".join(m.label for m in missing)
        said = f"{spec.level3}：缺少{labels}，无法计分"
        return _new_line(spec, stated, LineStatus.MISSING, said, missing=missing), []
    values = tuple(v.value for v in operands if v is not None)
    computed = FORMULAS[spec.formula].compute(
        [
            Operand(v.value, label, v.shown)
            for v, label in zip(operands, spec.labels, strict=True)
            if v is not None
        ]
    )
    if reference:
        said = f"{spec.level3} = {computed.text}（参考指标，本框架不计分）"
        if spec.formula == "judgement":
            said = f"{spec.level3}：参考指标，本框架不计分"
        return _new_line(spec, stated, LineStatus.REFERENCE, said, value=computed.value), []
    return _scored(spec, inputs, keys, stated=stated, values=values, computed=computed)


def _scored(
    spec: IndicatorSpec,
    inputs: ScoringInputs,
    keys: tuple[str, ...],
    *,
    stated: Decimal | None,
    values: tuple[Decimal, ...],
    computed: Computed,
) -> tuple[ScoreLine, list[ScoreWarning]]:
    needs = spec.rule.needs
    if needs is Needs.VALUE and computed.value is None:
        said = f"{spec.level3}：{computed.text}"
        return _new_line(spec, stated, LineStatus.INCOMPUTABLE, said), []
    case = Case(
        weight=spec.weight,
        better=spec.better,
        value=computed.value,
        operands=values,
        labels=spec.labels,
        judgement=inputs.judgement(*keys) if needs is Needs.JUDGEMENT else None,
    )
    outcome = spec.rule.apply(case)
    if needs is Needs.JUDGEMENT:
        head = f"{spec.level3}："
    elif computed.value is None:
        head = f"{spec.level3}：{computed.text}；"
    else:
        head = f"{spec.level3} = {computed.text}，"
    if outcome.score is None:
        missing = tuple(MissingInput(spec.id, f"judgement:{spec.id}", m) for m in outcome.missing)
        said = f"{head}{outcome.clause}{'，' if outcome.clause else ''}缺少评价判断，无法计分"
        return _new_line(spec, stated, LineStatus.MISSING, said, missing=missing), []
    warnings = [
        ScoreWarning(
            code, f"{spec.level3}：{message}", spec.id, case.judgement.score, outcome.score
        )
        for code, message in outcome.warnings
        if case.judgement is not None
    ]
    line = _new_line(
        spec,
        stated,
        LineStatus.SCORED,
        f"{head}{outcome.clause}",
        value=computed.value,
        score=outcome.score,
    )
    return line, warnings


def _new_line(
    spec: IndicatorSpec,
    stated: Decimal | None,
    status: LineStatus,
    explanation: str,
    *,
    value: Decimal | None = None,
    score: Decimal | None = None,
    missing: tuple[MissingInput, ...] = (),
) -> ScoreLine:
    return ScoreLine(
        spec.id,
        spec.level1,
        spec.level2,
        spec.level3,
        spec.weight,
        status,
        explanation,
        value=value,
        score=score,
        stated_score=stated,
        missing=missing,
    )


def _stated(spec: IndicatorSpec, inputs: ScoringInputs, keys: tuple[str, ...]) -> Decimal | None:
    """The unit's own score for this indicator: given by id or name in a data file, or in
    its 自评表 under the same level-3 name.
    """
    given = inputs.stated_score(*keys)
    if given is not None:
        return given
    for row in inputs.indicators:
        if row.level3 == spec.level3 and (not row.level2 or row.level2 == spec.level2):
            return row.score
    return None


def _execution_rate(inputs: ScoringInputs) -> Decimal | None:
    basic = inputs.basic
    if basic.budget is not None and basic.budget_completed is not None and basic.budget.value:
        return basic.budget_completed.value / basic.budget.value * 100
    return basic.execution_rate.value if basic.execution_rate else None
