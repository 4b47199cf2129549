"""A key project's rows as the core's panel: its indicators, the submitted sheets, the panel's
discussions, the result and its re-check (jixiao.scoring.panel does the arithmetic)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from apps.evaluations.models import Assignment, EvaluatorKind, Indicator, KeyProject
from apps.targets.tables import core_table
from jixiao.scoring.key_rules import load_key_rules
from jixiao.scoring.panel import (
    Agreement,
    PanelIndicator,
    PanelResult,
    Recheck,
    Sheet,
    combine,
    recheck,
)
from jixiao.targets.key_framework import target_figures

_KIND_LABELS = {
    EvaluatorKind.EXPERT: "专家",
    EvaluatorKind.AGENCY: "第三方机构",
    EvaluatorKind.INTERNAL: "内部评审",
}


def indicators_of(project: KeyProject) -> list[Indicator]:
    return list(project.indicators.select_related("discussion").order_by("position"))


def panel_indicators(indicators: Sequence[Indicator]) -> tuple[PanelIndicator, ...]:
    return tuple(PanelIndicator(i.key, i.level1, i.level2, i.level3, i.weight) for i in indicators)


def labels(assignments: Sequence[Assignment]) -> dict[int, str]:
    """The name a sheet goes by in the panel's tables: 专家1, 专家2, 第三方机构1 … (the report
    names the evaluators once, not beside their scores)."""
    counts: dict[str, int] = {}
    out = {}
    for a in assignments:
        label = _KIND_LABELS[EvaluatorKind(a.kind)]
        counts[label] = counts.get(label, 0) + 1
        out[a.pk] = f"{label}{counts[label]}"
    return out


def sheet_of(assignment: Assignment, indicators: Sequence[Indicator], label: str) -> Sheet:
    points = {s.indicator_id: s.points for s in assignment.scores.all()}
    return Sheet(
        label,
        {i.key: points.get(i.pk) for i in indicators},
        stated_total=assignment.stated_total,
    )


def panel_of(
    project: KeyProject,
    assignments: Sequence[Assignment],
    *,
    indicators: Sequence[Indicator] | None = None,
) -> PanelResult:
    """The panel of the submitted sheets among ``assignments``, with the discussions held."""
    indicators = list(indicators) if indicators is not None else indicators_of(project)
    named = labels(assignments)
    sheets = [sheet_of(a, indicators, named[a.pk]) for a in assignments if a.submitted]
    agreements = {
        i.key: Agreement(i.discussion.points, i.discussion.reason)
        for i in indicators
        if hasattr(i, "discussion")
    }
    rules = load_key_rules()
    return combine(
        panel_indicators(indicators),
        sheets,
        agreements,
        rules.panel,
        full_points=rules.framework.full_points,
    )


def recheck_of(project: KeyProject, panel: PanelResult, indicators: Sequence[Indicator]) -> Recheck:
    """jixiao's own score of each indicator it can compute (预算执行率 from the verified
    budget and execution, each target from its verified actual), beside the panel's."""
    version = project.table.approved_version
    table = core_table(version.data) if version is not None else None
    actuals = {i.row_key: i.actual for i in indicators if i.row_key}
    execution = next((i.key for i in indicators if i.formula == "execution"), None)
    return recheck(
        panel,
        load_key_rules().panel,
        targets=target_figures(table, actuals) if table is not None else (),
        execution_key=execution,
        budget=project.budget,
        executed=project.executed,
    )


def execution_rate(project: KeyProject) -> Decimal | None:
    if not project.budget or project.executed is None:
        return None
    return (project.executed * 100 / project.budget).quantize(Decimal("0.01"))
