"""Writes on monitoring: the bureau sets a checkpoint; a unit saves (and reports) its record.

A red light without its reason and corrective step is refused with ``ReasonsMissing``, which
carries the assessment so that the form can show every light and ask exactly where.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from apps.accounts.models import User
from apps.accounts.policy import can_prepare, is_admin
from apps.audit.models import AuditAction
from apps.audit.services import audit_record
from apps.errors import Conflict, InvalidInput, NotAllowed
from apps.monitoring.assess import Assessment, IndicatorEntry, LineEntry, assess
from apps.monitoring.models import Checkpoint, IndicatorProgress, LineProgress, MonitoringRecord
from apps.targets.selectors import approved_tables
from apps.units.models import Unit
from jixiao.targets.monitoring import Light

STALE = (
    "保存失败：在您填写期间，他人已保存了本单位的监控记录。您填写的内容仍在下方，请刷新核对后再保存"
)


CITY_WIDE = (
    "监控时点对全市各单位统一，只有系统管理员（市财政局）可以设置、截止或重新开放；"
    "各区域审核人可查看本区域单位的填报情况"
)


class ReasonsMissing(InvalidInput):
    """Some red light lacks its reason or corrective step; nothing was written."""

    def __init__(self, assessment: Assessment) -> None:
        super().__init__("红灯项目必须填写偏差原因和纠偏措施")
        self.assessment = assessment


def checkpoint_create(
    *,
    year: int,
    as_of: datetime.date,
    title: str,
    due_date: datetime.date,
    note: str = "",
    by: User,
) -> Checkpoint:
    # A checkpoint holds for every unit of the city, like a campaign: a region's reviewer
    # setting or closing it would decide for the other regions too.
    if not is_admin(by):
        raise NotAllowed(CITY_WIDE)
    if as_of.year != year:
        raise InvalidInput(f"监控时点应在{year}年内")
    if due_date < as_of:
        raise InvalidInput("报送截止日期不能早于监控时点")
    if Checkpoint.objects.filter(year=year, as_of=as_of).exists():
        raise InvalidInput(f"{as_of:%Y年%m月%d日}的监控时点已经存在")
    with transaction.atomic():
        checkpoint = Checkpoint.objects.create(
            year=year,
            as_of=as_of,
            title=title.strip() or f"{year}年1–{as_of.month}月绩效运行监控",
            due_date=due_date,
            note=note.strip(),
            created_by=by,
        )
        summary = {"year": year, "as_of": as_of.isoformat()}
        audit_record(action=AuditAction.CREATE, actor=by, target=checkpoint, summary=summary)
    return checkpoint


def checkpoint_close(*, checkpoint: Checkpoint, closed: bool, by: User) -> Checkpoint:
    if not is_admin(by):
        raise NotAllowed(CITY_WIDE)
    with transaction.atomic():
        Checkpoint.objects.filter(pk=checkpoint.pk).update(closed=closed)
        audit_record(
            action=AuditAction.UPDATE, actor=by, target=checkpoint, summary={"closed": closed}
        )
    checkpoint.refresh_from_db()
    return checkpoint


FOREIGN_ROW = (
    "提交的数据中有不属于本单位批复目标表的项目或指标（页面可能已过期），未保存："
    "请刷新页面后重新填写"
)


def _only_own_rows(
    tables: list[Any], lines: list[LineEntry], indicators: list[IndicatorEntry]
) -> None:
    """Every line and indicator id sent must be one of the unit's approved tables', once:
    an id of another unit's table (or a made-up one) is refused, never skipped, so that it
    can neither write there nor silently empty the unit's own record."""
    own_lines = {line.pk for table in tables for line in table.budget_lines.all()}
    own_rows = {row.pk for table in tables for row in table.indicators.all()}
    line_ids = [entry.budget_line_id for entry in lines]
    row_ids = [entry.indicator_id for entry in indicators]
    for ids, own in ((line_ids, own_lines), (row_ids, own_rows)):
        if not set(ids) <= own or len(set(ids)) != len(ids):
            raise InvalidInput(FOREIGN_ROW)


def _value(light: Light | None) -> str:
    return light.value if light else ""


def record_save(
    *,
    checkpoint: Checkpoint,
    unit: Unit,
    lines: list[LineEntry],
    indicators: list[IndicatorEntry],
    reason: str = "",
    corrective: str = "",
    lock_version: int | None,
    submit: bool,
    by: User,
) -> MonitoringRecord:
    """Save the unit's record (and report it when ``submit``); the lights are computed here.

    ``lock_version`` is the one the form was built on (None for a first record): when somebody
    saved in between, Conflict is raised and nothing is written."""
    if not can_prepare(by, unit.pk):
        raise NotAllowed("只有本单位的填报人可以填报运行监控")
    if checkpoint.closed:
        raise Conflict("本次监控已截止填报")
    saved = MonitoringRecord.objects.filter(checkpoint=checkpoint, unit=unit).first()
    if saved is not None and saved.lock_version != lock_version:
        raise Conflict(STALE)
    tables = list(approved_tables(unit_id=unit.pk, year=checkpoint.year))
    if not tables:
        raise InvalidInput(f"本单位没有{checkpoint.year}年批复的绩效目标表，无需填报")
    _only_own_rows(tables, lines, indicators)
    result = assess(
        checkpoint=checkpoint,
        tables=tables,
        lines=lines,
        indicators=indicators,
        reason=reason,
        corrective=corrective,
    )
    expected = sum(table.budget_lines.count() for table in tables)
    if submit and len(result.lines) < expected:
        raise InvalidInput("请填写每个预算项目的已执行金额后再报送")
    if result.missing_reasons():
        raise ReasonsMissing(result)
    with transaction.atomic():
        record = _write(checkpoint, unit, result, lock_version=lock_version, submit=submit, by=by)
        summary = {
            "light": record.light,
            "execution_rate": record.execution_rate,
            "submitted": submit,
        }
        audit_record(action=AuditAction.UPDATE, actor=by, target=record, summary=summary)
    return record


def _write(
    checkpoint: Checkpoint,
    unit: Unit,
    result: Assessment,
    *,
    lock_version: int | None,
    submit: bool,
    by: User,
) -> MonitoringRecord:
    execution = result.execution
    fields = {
        "budget": result.budget,
        "executed": result.executed,
        "execution_rate": execution.done_percent if execution else None,
        "time_progress": result.time,
        "ratio": execution.ratio if execution else None,
        "execution_light": _value(execution.light if execution else None),
        "indicator_light": _value(result.indicator_light),
        "light": _value(result.light),
        "red_count": result.count(Light.RED),
        "yellow_count": result.count(Light.YELLOW),
        "green_count": result.count(Light.GREEN),
        "reason": result.reason.strip(),
        "corrective": result.corrective.strip(),
        "updated_by": by,
        "updated_at": timezone.now(),
    }
    if submit:
        fields.update(submitted_at=timezone.now(), submitted_by=by)
    try:
        record, created = MonitoringRecord.objects.select_for_update().get_or_create(
            checkpoint=checkpoint, unit=unit, defaults=fields
        )
    except IntegrityError as error:  # two first saves at once: the second is told
        raise Conflict("他人刚刚保存了本单位的监控记录，请刷新核对后再保存") from error
    if not created:
        if record.lock_version != lock_version:  # checked again under the row lock
            raise Conflict(STALE)
        MonitoringRecord.objects.filter(pk=record.pk).update(
            lock_version=F("lock_version") + 1, **fields
        )
        record.lines.all().delete()
        record.indicators.all().delete()
    LineProgress.objects.bulk_create(
        LineProgress(
            record=record,
            budget_line=r.line,
            executed=r.entry.executed,
            execution_rate=r.progress.done_percent if r.progress else None,
            light=_value(r.light),
            reason=r.entry.reason.strip(),
            corrective=r.entry.corrective.strip(),
        )
        for r in result.lines
    )
    IndicatorProgress.objects.bulk_create(
        IndicatorProgress(
            record=record,
            indicator=r.indicator,
            done=r.entry.done.strip(),
            expected=r.entry.expected.strip(),
            likelihood=r.entry.likelihood,
            completion=r.completion,
            light=_value(r.light),
            reason=r.entry.reason.strip(),
            corrective=r.entry.corrective.strip(),
        )
        for r in result.indicators
    )
    record.refresh_from_db()
    return record
