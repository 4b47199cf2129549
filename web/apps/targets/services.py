"""Writes on target tables: create, save the working copy, pick from the library, and the
workflow steps. Who may do what is checked here (apps.accounts.policy), not only in views."""

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
from apps.targets.models import BudgetLine, Kind, TargetEvent, TargetIndicator, TargetTable
from apps.targets.workflow import TABLE_WORKFLOW
from apps.units.models import Unit
from jixiao.targets.library import load_library
from jixiao.targets.model import TableKind


@dataclass(frozen=True, slots=True)
class LineInput:
    name: str
    amount: Decimal
    functional: str = ""


@dataclass(frozen=True, slots=True)
class RowInput:
    level1: str
    level2: str
    level3: str
    value_type: str
    direction: str = ""
    value: str = ""
    unit: str = ""
    explanation: str = ""
    scoring_rule: str = ""
    weight: Decimal | None = None
    budget_line: int | None = None  # the position (1-based) of a line of the same save
    library_id: str = ""


def _check_editable(table: TargetTable, by: User) -> None:
    if not can_prepare(by, table.unit_id):
        raise NotAllowed("只有本单位的填报人可以修改本单位的绩效目标表")
    if not table.editable:
        raise Conflict(
            f"绩效目标表当前状态为“{State(table.state).label}”，不能修改；"
            "只有草稿或被退回的目标表可以修改"
        )


def table_create(*, unit: Unit, year: int, kind: str, title: str, by: User) -> TargetTable:
    """A new draft: one overall table per unit and year, one table per project name."""
    if not can_prepare(by, unit.pk):
        raise NotAllowed("只有本单位的填报人可以填报绩效目标")
    title = title.strip() if kind == Kind.PROJECT else ""
    if kind == Kind.PROJECT and not title:
        raise InvalidInput("请填写项目名称")
    exists = TargetTable.objects.filter(unit=unit, year=year, kind=kind, title=title).exists()
    if exists:
        what = f"“{title}”项目" if title else "整体"
        raise InvalidInput(f"本单位{year}年的{what}绩效目标表已经存在")
    with transaction.atomic():
        table = TargetTable.objects.create(
            unit=unit, year=year, kind=kind, title=title, updated_by=by
        )
        audit_record(action=AuditAction.CREATE, actor=by, target=table, summary={"year": year})
    return table


def table_save(
    *,
    table: TargetTable,
    goal: str,
    lines: Sequence[LineInput],
    rows: Sequence[RowInput],
    lock_version: int,
    by: User,
) -> TargetTable:
    """Replace the working copy. Conflict when somebody saved since ``lock_version``."""
    _check_editable(table, by)
    bad = [r for r in rows if r.budget_line is not None and not 1 <= r.budget_line <= len(lines)]
    if bad:
        raise InvalidInput(f"指标“{bad[0].level3}”对应的预算项目不存在")
    with transaction.atomic():
        written = TargetTable.objects.filter(pk=table.pk, lock_version=lock_version).update(
            goal=goal.strip(),
            lock_version=F("lock_version") + 1,
            updated_at=timezone.now(),
            updated_by=by,
        )
        if not written:
            raise Conflict(
                "保存失败：在您编辑期间，他人已修改了这份目标表。您填写的内容仍在下方，"
                "请刷新核对后再保存"
            )
        _replace_rows(table, lines, rows)
        summary = {"lines": len(lines), "indicators": len(rows), "lock_version": lock_version + 1}
        audit_record(action=AuditAction.UPDATE, actor=by, target=table, summary=summary)
    table.refresh_from_db()
    return table


def _replace_rows(table: TargetTable, lines: Sequence[LineInput], rows: Sequence[RowInput]) -> None:
    table.indicators.all().delete()
    table.budget_lines.all().delete()
    created = BudgetLine.objects.bulk_create(
        BudgetLine(
            table=table,
            position=index,
            name=line.name.strip(),
            amount=line.amount,
            functional=line.functional.strip(),
        )
        for index, line in enumerate(lines, 1)
    )
    by_position = {line.position: line for line in created}
    if created and any(line.pk is None for line in created):  # backends without RETURNING ids
        by_position = {line.position: line for line in table.budget_lines.all()}
    TargetIndicator.objects.bulk_create(
        TargetIndicator(
            table=table,
            position=index,
            level1=row.level1.strip(),
            level2=row.level2.strip(),
            level3=row.level3.strip(),
            value_type=row.value_type,
            direction=row.direction if row.value_type == "定量" else "",
            value=row.value.strip(),
            unit=row.unit.strip() if row.value_type == "定量" else "",
            explanation=row.explanation.strip(),
            scoring_rule=row.scoring_rule.strip(),
            weight=row.weight,
            budget_line=by_position.get(row.budget_line) if row.budget_line else None,
            library_id=row.library_id,
        )
        for index, row in enumerate(rows, 1)
    )


def table_add_from_library(*, table: TargetTable, entry_ids: Sequence[str], by: User) -> int:
    """Append the chosen library indicators (value left for the unit to set); returns how many
    were added. An indicator already in the table is not added twice."""
    _check_editable(table, by)
    library = load_library()
    kind = TableKind(table.kind)
    allowed = {e.id for e in library.entries(kind, table.unit.kind)}
    present = set(table.indicators.values_list("level3", flat=True))
    position = table.indicators.count()
    added = []
    for entry_id in entry_ids:
        entry = library.entry(entry_id)
        if entry is None or entry.id not in allowed or entry.level3 in present:
            continue
        position += 1
        present.add(entry.level3)
        added.append(
            TargetIndicator(
                table=table,
                position=position,
                level1=entry.level1,
                level2=entry.level2,
                level3=entry.level3,
                value_type=entry.value_type.value,
                direction=entry.direction.value if entry.direction else "",
                value="",
                unit=entry.unit,
                explanation=entry.explanation,
                scoring_rule=entry.scoring_rule,
                library_id=entry.id,
            )
        )
    with transaction.atomic():
        TargetIndicator.objects.bulk_create(added)
        TargetTable.objects.filter(pk=table.pk).update(
            lock_version=F("lock_version") + 1, updated_at=timezone.now(), updated_by=by
        )
        if added:
            summary = {"library": [row.library_id for row in added]}
            audit_record(action=AuditAction.UPDATE, actor=by, target=table, summary=summary)
    table.refresh_from_db()
    return len(added)


def table_transition(
    *,
    table: TargetTable,
    action: str,
    by: User,
    comment: str = "",
    lock_version: int | None = None,
) -> TargetEvent:
    """One workflow step on a target table; acceptance fixes the approved version."""

    def record(move: Move[TargetTable]) -> TargetEvent:
        locked, transition = move.subject, move.transition
        if transition.target == State.ACCEPTED:
            TargetTable.objects.filter(pk=locked.pk).update(approved_version=locked.current_version)
        event = TargetEvent.objects.create(
            table=locked,
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
            "comment": move.comment,
        }
        audit_record(action=AuditAction.TRANSITION, actor=by, target=locked, summary=summary)
        return event

    return TABLE_WORKFLOW.take(
        subject=table,
        action=action,
        by=by,
        record=record,
        comment=comment,
        lock_version=lock_version,
    )
