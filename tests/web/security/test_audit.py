"""Every change leaves a row in the audit log: who, when, which object, what changed.
Written by the services themselves, in the change's own transaction."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from apps.accounts.models import Role
from apps.accounts.services import user_create, user_set_password
from apps.audit.models import AuditAction, AuditEntry
from apps.campaigns.services import campaign_create, campaign_units_set
from apps.errors import Conflict
from apps.reviews.services import submission_transition
from apps.submissions.models import Submission
from apps.submissions.services import submission_data_save
from apps.units.models import UnitKind
from apps.units.services import unit_create
from tests.web.conftest import PASSWORD, World, report_for


def _last(action: AuditAction) -> AuditEntry:
    return AuditEntry.objects.filter(action=action).latest("id")


def test_registry_and_campaign_changes(world: World) -> None:
    unit = unit_create(
        code="C01", name="新设单位", kind=UnitKind.SCHOOL, region=world.x, by=world.admin
    )
    entry = _last(AuditAction.CREATE)
    assert (entry.actor, entry.object_type, entry.object_id) == (
        world.admin,
        "units.unit",
        str(unit.pk),
    )
    assert entry.summary["after"]["name"] == "新设单位"
    campaign = campaign_create(
        year=2023,
        notice_number="甲财绩〔2024〕2号",
        title="2023年度",
        deadline=datetime.date(2024, 5, 31),
        units=[world.a],
        by=world.admin,
    )
    assert _last(AuditAction.CREATE).object_repr == str(campaign)
    campaign_units_set(campaign=campaign, units=[world.a, unit], by=world.admin)
    change = _last(AuditAction.UPDATE)
    assert change.summary == {"before": {"units": ["A01"]}, "after": {"units": ["A01", "C01"]}}
    user = user_create(username="u1", password=PASSWORD, role=Role.ADMIN, by=world.admin)
    assert _last(AuditAction.CREATE).object_id == str(user.pk)
    user_set_password(user=user, password="Another-pass-9", by=world.admin)
    assert _last(AuditAction.PASSWORD).actor == world.admin


def test_a_report_through_its_year(world: World, upload: Callable[..., Submission]) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    uploaded = _last(AuditAction.UPLOAD)
    assert uploaded.actor == world.prep_a and uploaded.summary["file"] == "报告.txt"
    read = _last(AuditAction.INTAKE)
    assert read.actor is None and "已读取" in read.summary["result"]  # the worker
    data = dict(submission.data)
    data["spending"] = {**data["spending"], "total": "1.00"}
    submission_data_save(
        submission=submission, data=data, lock_version=submission.lock_version, by=world.prep_a
    )
    saved = _last(AuditAction.UPDATE)
    assert saved.actor == world.prep_a
    assert {"field": "支出合计", "after": "1"}.items() <= saved.summary["changes"][0].items()
    submission_transition(submission=submission, action="submit", by=world.prep_a)
    step = _last(AuditAction.TRANSITION)
    assert step.summary["before"] == {"state": "draft"}
    assert step.summary["after"] == {"state": "submitted"} and step.summary["version"] == 1


def test_a_refused_change_leaves_no_audit_row(world: World) -> None:
    submission = world.submission(world.a)
    before = AuditEntry.objects.count()
    with pytest.raises(Conflict):
        submission_data_save(submission=submission, data={}, lock_version=999, by=world.prep_a)
    assert AuditEntry.objects.count() == before


def test_the_password_page_and_uploads_record_the_address(world: World) -> None:
    client = Client(REMOTE_ADDR="192.168.7.8")
    client.force_login(world.prep_a)
    client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "Another-pass-456",
            "new_password2": "Another-pass-456",
        },
    )
    entry = _last(AuditAction.PASSWORD)
    assert (entry.actor, entry.ip) == (world.prep_a, "192.168.7.8")


def test_the_audit_log_is_read_only_in_the_admin(world: World) -> None:
    client = Client()
    client.force_login(world.admin)
    assert client.get("/admin/audit/auditentry/").status_code == 200
    assert client.get("/admin/audit/auditentry/add/").status_code == 403
    entry = AuditEntry.objects.create(action=AuditAction.CREATE, actor_name="x")
    response = client.post(f"/admin/audit/auditentry/{entry.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403 and AuditEntry.objects.filter(pk=entry.pk).exists()


def test_a_batch_upload_is_audited(world: World) -> None:
    import io
    import zipfile

    from apps.submissions.batch import batch_upload

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(f"{world.a.name}.txt", report_for(world.a))
    found = batch_upload(
        campaign=world.campaign, upload=SimpleUploadedFile("a.zip", out.getvalue()), by=world.rev_x
    )
    entry = _last(AuditAction.IMPORT)
    assert (entry.actor, entry.object_id, entry.summary["members"]) == (
        world.rev_x,
        str(found.pk),
        1,
    )
