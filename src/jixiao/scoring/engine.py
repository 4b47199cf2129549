"""score(report or inputs, framework) → Scorecard: every point explained, every gap listed.

The total is the sum of the exact line scores, rescaled to the framework's full points when
the counted weights differ from them (inapplicable indicators dropped, or a table whose
weights do not add up); it is ``None`` while any counted indicator lacks an input, and the
scorecard then lists exactly what is missing. The grade is the band of the total as shown
(two decimals). Beside them: the unit's own score and grade, and the reviewer warnings.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.domain.report import Report
from jixiao.domain.scorecard import (
    LineStatus,
    MissingInput,
    Scorecard,
    ScoreLine,
    rounded,
)
from jixiao.scoring import frameworks
from jixiao.scoring.cases import Scored
from jixiao.scoring.frameworks import Framework
from jixiao.scoring.inputs import ScoringInputs, inputs_from_report
from jixiao.scoring.numbers import number, points
from jixiao.scoring.overall import score_overall
from jixiao.scoring.project import score_project
from jixiao.scoring.warnings import ratio_above_execution, self_score_above

_ZERO = Decimal(0)
_KIND_NAMES = {"overall": "部门整体支出", "project": "项目支出"}


def score(source: Report | ScoringInputs, framework: Framework | str | None = None) -> Scorecard:
    """The scorecard of a report (what it states) or of inputs read from a data file.

    ``framework``: a Framework, a bundled framework's name or a file path; by default the
    bundled default for the source's kind (项目支出 → project, anything else → overall).
    """
    inputs = source if isinstance(source, ScoringInputs) else inputs_from_report(source)
    chosen = _framework(framework, inputs.kind)
    scored = (
        score_project(inputs, chosen) if chosen.kind == "project" else score_overall(inputs, chosen)
    )
    return _assemble(inputs, chosen, scored)


def _framework(framework: Framework | str | None, kind: str | None) -> Framework:
    if isinstance(framework, Framework):
        return framework
    if framework is not None:
        return frameworks.load(framework)
    return frameworks.default_for(kind or "overall")


def _assemble(inputs: ScoringInputs, framework: Framework, scored: Scored) -> Scorecard:
    lines = tuple(scored.lines)
    counted = [line for line in lines if line.counted]
    counted_weight = sum((line.weight for line in counted), _ZERO)
    points_so_far = sum((line.score or _ZERO for line in counted), _ZERO)
    missing = tuple(m for line in counted for m in line.missing)
    complete = all(line.status is LineStatus.SCORED for line in counted) and counted_weight > 0
    total = points_so_far * framework.full_points / counted_weight if complete else None
    warnings = list(scored.warnings)
    warnings.extend(
        self_score_above(inputs.self_score, total, framework.self_score_margin, framework.title)
    )
    ratio, basis = scored.indicator_ratio, scored.ratio_basis
    if framework.kind == "overall" and total is not None:
        ratio, basis = total / framework.full_points * 100, "按核算总分"
    warnings.extend(
        ratio_above_execution(ratio, scored.execution_rate, framework.execution_margin, basis)
    )
    return Scorecard(
        source=inputs.source,
        framework=framework.ref,
        unit_name=inputs.unit_name,
        year=inputs.year,
        lines=lines,
        full_points=framework.full_points,
        scored=points_so_far,
        counted_weight=counted_weight,
        total=total,
        grade=framework.grade_of(rounded(total)) if total is not None else None,
        self_score=inputs.self_score,
        self_grade=inputs.self_grade,
        missing=_unique(missing),
        warnings=tuple(warnings),
        notes=tuple(_notes(inputs, framework, lines, counted_weight, scored.notes)),
    )


def _unique(missing: tuple[MissingInput, ...]) -> tuple[MissingInput, ...]:
    return tuple(dict.fromkeys(missing))


def _notes(
    inputs: ScoringInputs,
    framework: Framework,
    lines: tuple[ScoreLine, ...],
    counted_weight: Decimal,
    notes: list[str],
) -> list[str]:
    out = list(notes)
    if inputs.kind is not None and inputs.kind != framework.kind:
        out.append(
            f"材料是{_KIND_NAMES[inputs.kind]}绩效评价，所用框架是"
            f"{_KIND_NAMES[framework.kind]}框架“{framework.name}”"
        )
    dropped = [line.level3 for line in lines if line.status is LineStatus.NOT_APPLICABLE]
    if dropped:
        out.append(
            f"不适用的指标（{'、'.join(dropped)}）已剔除，其余指标分值合计{number(counted_weight)}分，"
            f"得分按比例折算为{number(framework.full_points)}分制"
        )
    elif counted_weight not in (_ZERO, framework.full_points):
        out.append(
            f"计分指标的分值合计为{number(counted_weight)}分，得分按比例折算为"
            f"{number(framework.full_points)}分制"
        )
    reference = [line.level3 for line in lines if line.status is LineStatus.REFERENCE]
    if reference:
        out.append(f"参考指标（本框架分值为0，不计分）：{'、'.join(reference)}")
    return out


def summary(card: Scorecard) -> str:
    """One line: "核算得分95.5分（优）；单位自评96分（优）" or what is still missing."""
    if card.total is None:
        said = f"尚缺{len(card.needed())}项数据，已可计分的指标得{points(card.scored)}"
    else:
        said = f"核算得分{points(card.total)}（{card.grade}）"
    if card.self_score is not None:
        grade = f"（{card.self_grade}）" if card.self_grade else ""
        said += f"；单位自评{number(card.self_score)}分{grade}"
    return said


__all__ = ["score", "summary"]
