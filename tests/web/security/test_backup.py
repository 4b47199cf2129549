"""Backup and restore: everything (every row of every table, every uploaded file) comes back
exactly in an empty database; a damaged or unsafe archive, or a database that is not empty,
is refused with nothing restored. Work a dead worker left behind is run again."""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import shutil
import tarfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core import serializers
from django.core.management import CommandError, call_command
from django.utils import timezone

from apps.api.tokens import token_issue
from apps.audit.models import AuditAction, AuditEntry
from apps.backup.archive import saved_models
from apps.backup.recovery import tasks_requeue_stale
from apps.submissions.models import State, Submission
from tests.web.conftest import World

Drive = Callable[[Any, State], Submission]


def every_row() -> dict[str, list[dict[str, Any]]]:
    """Each saved table, row by row, with references to content types by natural key."""
    found = {}
    for model in saved_models():
        rows = model._default_manager.order_by("pk")
        if model is AuditEntry:
            rows = rows.exclude(action=AuditAction.RESTORE)
        found[model._meta.label] = serializers.serialize(
            "python", rows, use_natural_foreign_keys=True
        )
    return found


def every_file() -> dict[str, str]:
    root = Path(settings.MEDIA_ROOT)
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


def _empty_everything() -> None:
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture
def full(transactional_db: None, world: World, drive: Drive) -> World:
    """Reports in several states (files, versions, events, a publication), a token, audit."""
    drive(world.a, State.RETURNED)
    drive(world.b, State.PUBLISHED)
    drive(world.a2, State.SUBMITTED)
    token_issue(owner=world.rev_x, name="对接")
    return world


def test_a_backup_restores_every_row_and_file_into_an_empty_database(
    full: World, tmp_path: Path
) -> None:
    rows, files = every_row(), every_file()
    assert sum(len(r) for r in rows.values()) > 50 and len(files) >= 3
    archive = tmp_path / "backup.tar.gz"
    out = io.StringIO()
    call_command("jixiao_backup", str(archive), stdout=out)
    assert "已备份" in out.getvalue()
    _empty_everything()
    assert not Submission.objects.exists() and not every_file()
    call_command("jixiao_restore", str(archive), stdout=io.StringIO())
    restored = every_row()
    for label, expected in rows.items():
        assert restored[label] == expected, label
    assert every_file() == files
    assert AuditEntry.objects.filter(action=AuditAction.RESTORE).count() == 1
    # The restored system works: the next row gets a fresh id (sequences were reset).
    assert token_issue(owner=full.admin).token.pk > max(r["pk"] for r in rows["api.ApiToken"])


def test_restore_refuses_a_database_that_is_not_empty(full: World, tmp_path: Path) -> None:
    archive = tmp_path / "backup.tar.gz"
    call_command("jixiao_backup", str(archive), stdout=io.StringIO())
    with pytest.raises(CommandError, match="不是空的"):
        call_command("jixiao_restore", str(archive), stdout=io.StringIO())


def _rewrite(archive: Path, change: Callable[[str, bytes], tuple[str, bytes] | None]) -> Path:
    target = archive.with_name("changed.tar.gz")
    with tarfile.open(archive, "r:gz") as old, tarfile.open(target, "w:gz") as new:
        for member in old:
            handle = old.extractfile(member)
            data = handle.read() if handle else b""
            changed = change(member.name, data)
            if changed is None:
                continue
            info = tarfile.TarInfo(changed[0])
            info.size = len(changed[1])
            new.addfile(info, io.BytesIO(changed[1]))
    return target


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("damaged file", "已损坏"),
        ("traversal", "路径不安全"),
        ("missing file", "缺少"),
        ("not ours", "不是本系统的备份文件"),
    ],
)
def test_a_bad_archive_is_refused_and_nothing_is_restored(
    full: World, tmp_path: Path, case: str, message: str
) -> None:
    archive = tmp_path / "backup.tar.gz"
    call_command("jixiao_backup", str(archive), stdout=io.StringIO())

    def change(name: str, data: bytes) -> tuple[str, bytes] | None:
        uploads = name.startswith("uploads/")
        if case == "damaged file" and uploads:
            return name, data + b"x"
        if case == "traversal" and uploads:
            return "uploads/../../evil.txt", data
        if case == "missing file" and uploads:
            return None
        if case == "not ours" and name == "manifest.json":
            return name, json.dumps({"format": "other"}).encode()
        return name, data

    bad = _rewrite(archive, change)
    _empty_everything()
    with pytest.raises(CommandError, match=message):
        call_command("jixiao_restore", str(bad), stdout=io.StringIO())
    assert not Submission.objects.exists()
    assert not every_file()
    assert not (tmp_path.parent / "evil.txt").exists()


def test_a_task_left_running_by_a_dead_worker_is_requeued(db: None) -> None:
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult, get_date_max

    def task(path: str, started: datetime.datetime) -> DBTaskResult:
        return DBTaskResult.objects.create(
            args_kwargs={"args": [1], "kwargs": {}},
            task_path=path,
            backend_name="default",
            run_after=get_date_max(),
            status=TaskResultStatus.RUNNING,
            started_at=started,
            worker_ids=["dead-worker"],
        )

    long_ago = timezone.now() - datetime.timedelta(hours=1)
    stale = task("apps.submissions.tasks.intake_document", long_ago)
    running = task("apps.submissions.tasks.intake_document", timezone.now())
    batch = task("apps.submissions.tasks.import_batch", long_ago)
    assert tasks_requeue_stale(older_than=datetime.timedelta(minutes=10)) == [str(stale.pk)]
    stale.refresh_from_db()
    assert stale.status == TaskResultStatus.READY and stale.worker_ids == ["dead-worker"]
    for other in (running, batch):
        other.refresh_from_db()
        assert other.status == TaskResultStatus.RUNNING
    out = io.StringIO()
    call_command("jixiao_requeue", "--older-than", "0", "--all", stdout=out)
    assert "2 个任务" in out.getvalue()


def test_an_intake_interrupted_while_running_completes_when_run_again(
    world: World, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from apps.submissions.models import Document, IntakeState
    from apps.submissions.services import document_intake, document_upload
    from tests.web.conftest import report_for

    file = SimpleUploadedFile("报告.txt", report_for(world.a).encode())
    document = document_upload(submission=world.submission(world.a), upload=file, by=world.prep_a)
    # The worker that took it marked it running, then died before finishing.
    Document.objects.filter(pk=document.pk).update(intake_state=IntakeState.RUNNING)
    done = document_intake(document_id=document.pk)
    assert done.intake_state == IntakeState.DONE
    assert world.submission(world.a).document_id == document.pk
