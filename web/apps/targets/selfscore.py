"""A self-evaluation's score: the approved targets (never the working rows) with the actuals.

The targets come from the table's approved version, matched to the evaluation's rows by the
indicator's id, and go through ``jixiao.targets.evaluation.score_against_targets`` (the
project method of jixiao.scoring). What is still missing before submission is listed here.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from apps.targets.models import EvaluationRow, TargetEvaluation
from apps.targets.tables import core_table
from jixiao.domain.basic_data import Level
from jixiao.domain.scorecard import Scorecard
from jixiao.scoring.output import scorecard_json
from jixiao.targets.evaluation import Actual, gaps_without_reason, score_against_targets
from jixiao.targets.model import TargetTable as CoreTable

JSON = dict[str, Any]


def approved_core_table(evaluation: TargetEvaluation) -> CoreTable:
    version = evaluation.table.approved_version
    assert version is not None, "a self-evaluation exists only for an approved table"
    return core_table(version.data)


def actuals_of(rows: list[EvaluationRow]) -> list[Actual]:
    return [
        Actual(
            key=str(row.indicator_id),
            value=row.actual,
            reason=row.reason,
            score=row.self_score,
            level=Level(row.band) if row.band else None,
        )
        for row in rows
    ]


def evaluation_card(evaluation: TargetEvaluation, rows: list[EvaluationRow]) -> Scorecard:
    table = evaluation.table
    return score_against_targets(
        table=approved_core_table(evaluation),
        actuals=actuals_of(rows),
        budget=evaluation.budget,
        executed=evaluation.executed,
        unit_name=evaluation.unit.name,
        year=evaluation.year,
        source=str(table),
    )


def card_fields(card: Scorecard) -> dict[str, Any]:
    """The columns an evaluation keeps of its scorecard."""
    total = card.total
    return {
        "scorecard": scorecard_json(card),
        "score": None if total is None else total.quantize(Decimal("0.01")),
        "grade": (card.grade or "")[:8],
    }


def readiness(evaluation: TargetEvaluation) -> list[str]:
    """What must still be filled in before the evaluation can be submitted (Chinese)."""
    rows = list(evaluation.rows.select_related("indicator"))
    problems = []
    if evaluation.budget is None or evaluation.executed is None:
        problems.append("请填写全年预算数和全年执行数")
    table = approved_core_table(evaluation)
    names = {row.key: row.level3 for row in table.rows}
    given = {str(r.indicator_id) for r in rows if r.actual.strip() or r.band}
    problems.extend(f"请填写“{names[key]}”的实际完成值" for key in names if key not in given)
    for key in gaps_without_reason(table, actuals_of(rows)):
        problems.append(f"“{names[key]}”未达到目标，请填写偏差原因分析及改进措施")
    if not problems:
        card = evaluation_card(evaluation, rows)
        problems.extend(f"评分还缺少：{m.label}" for m in card.needed())
    return problems


def evaluation_data(evaluation: TargetEvaluation) -> JSON:
    """What a version keeps: the figures, each row's actual, and the scorecard."""

    def text(value: Decimal | None) -> str | None:
        return None if value is None else format(value, "f")

    return {
        "table_version": evaluation.table.approved_version_id,
        "budget": text(evaluation.budget),
        "executed": text(evaluation.executed),
        "goal_result": evaluation.goal_result,
        "rows": [
            {
                "indicator": row.indicator_id,
                "actual": row.actual,
                "band": row.band,
                "self_score": text(row.self_score),
                "reason": row.reason,
            }
            for row in evaluation.rows.all()
        ],
        "scorecard": evaluation.scorecard,
    }
