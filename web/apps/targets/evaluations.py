"""Writes on self-evaluations: start one from an approved table, save the actuals (and score
them again), and the workflow steps."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from apps.accounts.models import User
from apps.accounts.policy import can_prepare
from apps.audit.models import AuditAction
from apps.audit.services import audit_record
from apps.errors import Conflict, InvalidInput, NotAllowed
from apps.reviews.machine import Move
from apps.submissions.models import State
from apps.targets.models import EvaluationEvent, EvaluationRow, TargetEvaluation, TargetTable
from apps.targets.selfscore import card_fields, evaluation_card
from apps.targets.tables import budget_total
from apps.targets.workflow import EVALUATION_WORKFLOW


@dataclass(frozen=True, slots=True)
class ActualInput:
    indicator_id: int
    actual: str = ""
    band: str = ""
    self_score: Decimal | None = None
    reason: str = ""


def evaluation_start(*, table: TargetTable, by: User) -> TargetEvaluation:
    """The self-evaluation of an approved table (the one that exists, or a new one whose rows
    are the approved indicators and whose budget is the approved budget)."""
    if not can_prepare(by, table.unit_id):
        raise NotAllowed("只有本单位的填报人可以填报绩效自评")
    found = TargetEvaluation.objects.filter(table=table).first()
    if found is not None:
        return found
    version = table.approved_version
    if table.state != State.ACCEPTED or version is None:
        raise Conflict("目标表审核通过（批复）后才能开展自评")
    indicator_ids = [row["id"] for row in version.data.get("indicators") or []]
    with transaction.atomic():
        evaluation = TargetEvaluation.objects.create(
            table=table,
            unit=table.unit,
            year=table.year,
            budget=budget_total(version.data),
            updated_by=by,
        )
        EvaluationRow.objects.bulk_create(
            EvaluationRow(evaluation=evaluation, indicator_id=pk) for pk in indicator_ids
        )
        _rescore(evaluation)
        audit_record(action=AuditAction.CREATE, actor=by, target=evaluation, summary={})
    evaluation.refresh_from_db()
    return evaluation


def _rescore(evaluation: TargetEvaluation) -> None:
    rows = list(evaluation.rows.select_related("indicator"))
    fields = card_fields(evaluation_card(evaluation, rows))
    TargetEvaluation.objects.filter(pk=evaluation.pk).update(**fields)


def evaluation_save(
    *,
    evaluation: TargetEvaluation,
    budget: Decimal | None,
    executed: Decimal | None,
    goal_result: str,
    rows: Sequence[ActualInput],
    lock_version: int,
    by: User,
) -> TargetEvaluation:
    """Save the actuals and score again; Conflict when somebody saved since ``lock_version``."""
    if not can_prepare(by, evaluation.unit_id):
        raise NotAllowed("只有本单位的填报人可以修改本单位的自评表")
    if not evaluation.editable:
        raise Conflict(f"自评表当前状态为“{State(evaluation.state).label}”，不能修改")
    known = {row.indicator_id: row for row in evaluation.rows.all()}
    unknown = [r for r in rows if r.indicator_id not in known]
    if unknown:
        raise InvalidInput("自评表中有不属于批复目标的指标，请刷新页面后重新填写")
    with transaction.atomic():
        written = TargetEvaluation.objects.filter(
            pk=evaluation.pk, lock_version=lock_version
        ).update(
            budget=budget,
            executed=executed,
            goal_result=goal_result.strip(),
            lock_version=F("lock_version") + 1,
            updated_at=timezone.now(),
            updated_by=by,
        )
        if not written:
            raise Conflict(
                "保存失败：在您编辑期间，他人已修改了这份自评表。您填写的内容仍在下方，"
                "请刷新核对后再保存"
            )
        for given in rows:
            row = known[given.indicator_id]
            row.actual, row.band = given.actual.strip(), given.band
            row.self_score, row.reason = given.self_score, given.reason.strip()
        EvaluationRow.objects.bulk_update(
            list(known.values()), ["actual", "band", "self_score", "reason"]
        )
        evaluation.refresh_from_db()
        _rescore(evaluation)
        summary = {"rows": len(rows), "lock_version": lock_version + 1}
        audit_record(action=AuditAction.UPDATE, actor=by, target=evaluation, summary=summary)
    evaluation.refresh_from_db()
    return evaluation


def evaluation_transition(
    *,
    evaluation: TargetEvaluation,
    action: str,
    by: User,
    comment: str = "",
    lock_version: int | None = None,
) -> EvaluationEvent:
    def record(move: Move[TargetEvaluation]) -> EvaluationEvent:
        locked, transition = move.subject, move.transition
        event = EvaluationEvent.objects.create(
            evaluation=locked,
            action=transition.action,
            from_state=move.from_state,
            to_state=transition.target,
            actor=by,
            comment=move.comment,
            version=move.version or locked.current_version,
        )
        summary = {
            "action": transition.action,
            "before": {"state": move.from_state},
            "after": {"state": str(transition.target)},
            "grade": locked.grade,
        }
        audit_record(action=AuditAction.TRANSITION, actor=by, target=locked, summary=summary)
        return event

    return EVALUATION_WORKFLOW.take(
        subject=evaluation,
        action=action,
        by=by,
        record=record,
        comment=comment,
        lock_version=lock_version,
    )
