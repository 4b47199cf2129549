"""The workflows of target tables and of their self-evaluations, on the shared machine.

Both take the plain unit path of apps.reviews.workflow (no department step, no publishing):
the unit's preparer submits, its head approves and sends it to the finance bureau, the
region's reviewer returns or accepts. The same predicates decide who may act, the same
refusals are given.
"""

from __future__ import annotations

from django.utils import timezone

from apps.accounts.models import User
from apps.errors import InvalidInput
from apps.reviews.machine import Transition, Workflow
from apps.reviews.workflow import UNIT_TRANSITIONS
from apps.submissions.models import State
from apps.targets.models import (
    EvaluationVersion,
    TargetEvaluation,
    TargetTable,
    TargetVersion,
)
from apps.targets.selfscore import evaluation_data, readiness
from apps.targets.tables import lint_of, table_data
from jixiao.targets.lint import ERROR

STEPS: dict[str, Transition] = dict(UNIT_TRANSITIONS)
LABELS = dict(State.choices)
SNAPSHOT_FIELDS = ("current_version", "submitted_at", "updated_at")


# -- target tables -------------------------------------------------------------------------
def _table_ready(table: TargetTable) -> None:
    if not table.budget_lines.exists():
        raise InvalidInput("请先填写目标表对应的预算项目和金额，再提交")
    errors = [i for i in lint_of(table) if i.severity == ERROR]
    if errors:
        raise InvalidInput(
            f"目标表还有{len(errors)}处错误，请修改后再提交。第一处：{errors[0].message}"
        )


def _table_snapshot(table: TargetTable, by: User) -> TargetVersion:
    last = table.versions.order_by("-number").values_list("number", flat=True).first()
    version = TargetVersion.objects.create(
        table=table, number=(last or 0) + 1, data=table_data(table), created_by=by
    )
    table.current_version = version
    if table.submitted_at is None:
        table.submitted_at = timezone.now()
    return version


TABLE_WORKFLOW: Workflow[TargetTable] = Workflow(
    noun="绩效目标表",
    model=TargetTable,
    transitions=STEPS,
    labels=LABELS,
    related=("unit",),
    ready=_table_ready,
    snapshot=_table_snapshot,
    snapshot_fields=SNAPSHOT_FIELDS,
)


# -- self-evaluations ----------------------------------------------------------------------
def _evaluation_ready(evaluation: TargetEvaluation) -> None:
    problems = readiness(evaluation)
    if problems:
        raise InvalidInput(
            f"自评表还不能提交：{problems[0]}"
            + (f"（共{len(problems)}处）" if len(problems) > 1 else "")
        )


def _evaluation_snapshot(evaluation: TargetEvaluation, by: User) -> EvaluationVersion:
    last = evaluation.versions.order_by("-number").values_list("number", flat=True).first()
    version = EvaluationVersion.objects.create(
        evaluation=evaluation,
        number=(last or 0) + 1,
        data=evaluation_data(evaluation),
        score=evaluation.score,
        grade=evaluation.grade,
        created_by=by,
    )
    evaluation.current_version = version
    if evaluation.submitted_at is None:
        evaluation.submitted_at = timezone.now()
    return version


EVALUATION_WORKFLOW: Workflow[TargetEvaluation] = Workflow(
    noun="自评表",
    model=TargetEvaluation,
    transitions=STEPS,
    labels=LABELS,
    related=("unit",),
    ready=_evaluation_ready,
    snapshot=_evaluation_snapshot,
    snapshot_fields=SNAPSHOT_FIELDS,
)
