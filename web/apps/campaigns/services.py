"""Writes on campaigns. Covering a unit creates its (empty) submission at once, so the campaign
view lists every unit from the first day, "not started" included."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q

from apps.accounts.models import User
from apps.accounts.policy import is_admin
from apps.audit.models import AuditAction
from apps.audit.services import audit_record, fields_of
from apps.campaigns.models import Campaign
from apps.errors import Conflict, InvalidInput, NotAllowed
from apps.submissions.models import State, Submission
from apps.submissions.services import submission_create
from apps.units.models import Unit


def campaign_create(
    *,
    year: int,
    notice_number: str,
    title: str,
    deadline: datetime.date,
    units: Iterable[Unit],
    by: User | None,
    outline: str = "",
    framework: str = "",
) -> Campaign:
    if by is not None and not is_admin(by):
        raise NotAllowed("只有系统管理员可以创建评价任务")
    notice_number = notice_number.strip()
    if Campaign.objects.filter(notice_number=notice_number).exists():
        raise InvalidInput(f"通知文号“{notice_number}”已被其他评价任务使用")
    if not 2000 <= year <= 2100:
        raise InvalidInput("评价年度应为四位年份，如 2022")
    with transaction.atomic():
        campaign = Campaign.objects.create(
            year=year,
            notice_number=notice_number,
            title=title.strip(),
            deadline=deadline,
            outline=outline,
            framework=framework,
            created_by=by,
        )
        campaign_units_set(campaign=campaign, units=units, by=None)
        after = fields_of(campaign, ("year", "notice_number", "title", "deadline", "framework"))
        after["units"] = campaign.units.count()
        audit_record(action=AuditAction.CREATE, actor=by, target=campaign, summary={"after": after})
    return campaign


def campaign_units_set(*, campaign: Campaign, units: Iterable[Unit], by: User | None) -> Campaign:
    """Cover exactly these units. A unit that has started its report cannot be dropped."""
    if by is not None and not is_admin(by):
        raise NotAllowed("只有系统管理员可以调整参评单位")
    wanted = {u.pk: u for u in units}
    with transaction.atomic():
        dropped = Submission.objects.filter(campaign=campaign).exclude(unit_id__in=wanted)
        started = (
            dropped.filter(
                ~Q(state=State.DRAFT)
                | Q(documents__isnull=False)
                | Q(versions__isnull=False)
                | Q(events__isnull=False)
            )
            .select_related("unit")
            .first()
        )
        if started is not None:
            raise Conflict(f"“{started.unit.name}”已开始填报，不能移出本次评价")
        before = sorted(campaign.units.values_list("code", flat=True))
        dropped.delete()
        campaign.units.set(wanted.values())
        for unit in wanted.values():
            submission_create(campaign=campaign, unit=unit)
        if by is not None:  # at creation the campaign's own record lists its units
            after = sorted(u.code for u in wanted.values())
            summary = {"before": {"units": before}, "after": {"units": after}}
            audit_record(action=AuditAction.UPDATE, actor=by, target=campaign, summary=summary)
    return campaign
