"""Rendered downloads of earlier revisions are removed, files and rows, once they are stale.

Real files under a temporary MEDIA_ROOT (tests/web/conftest.py); the worker is the
ImmediateBackend, run when the request's transaction commits
(``django_capture_on_commit_callbacks``).
"""

from __future__ import annotations

import datetime
import io
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.db.models import F
from django.test import Client

from apps.submissions import engine
from apps.submissions.models import RenderedFile, RenderState, Submission
from apps.submissions.rendering import rendering_request, rendering_run, renderings_prune
from apps.submissions.services import submission_data_save
from apps.submissions.storage import path_of
from tests.web.conftest import World, report_for

Upload = Callable[..., Submission]
Capture = Callable[..., Any]


def rendered_files() -> list[Path]:
    folder = Path(settings.MEDIA_ROOT) / "rendered"
    return sorted(p for p in folder.rglob("*") if p.is_file())


def render(submission: Submission, fmt: str, capture: Capture) -> RenderedFile:
    """Ask for the current revision as ``fmt`` and let the worker write it."""
    submission.refresh_from_db()
    with capture(execute=True):
        asked = rendering_request(submission=submission, fmt=fmt)
    asked.refresh_from_db()
    assert asked.state == RenderState.DONE, asked.message
    assert path_of(asked.stored_name).is_file()
    return asked


def bump(submission: Submission) -> None:
    """A new revision without a data write (as a workflow step makes one)."""
    Submission.objects.filter(pk=submission.pk).update(lock_version=F("lock_version") + 1)
    submission.refresh_from_db()


@pytest.fixture
def report(world: World, upload: Upload) -> Submission:
    return upload(world.submission(world.a), world.prep_a, report_for(world.a))


def test_a_newer_rendering_replaces_the_older_only_once_it_exists(
    report: Submission, django_capture_on_commit_callbacks: Capture
) -> None:
    old = render(report, "docx", django_capture_on_commit_callbacks)
    other_format = render(report, "xlsx", django_capture_on_commit_callbacks)
    bump(report)
    # Asked for, not yet written: the old file stays until the new one exists.
    queued = rendering_request(submission=report, fmt="docx")
    assert queued.state == RenderState.QUEUED
    assert path_of(old.stored_name).is_file()
    assert RenderedFile.objects.filter(pk=old.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        rendering_run(rendered_id=queued.pk)
    new = RenderedFile.objects.get(pk=queued.pk)
    assert new.state == RenderState.DONE and path_of(new.stored_name).is_file()
    # Written and recorded: every earlier revision's file went, of each format, rows and all.
    assert not path_of(old.stored_name).exists()
    assert not path_of(other_format.stored_name).exists()
    assert list(RenderedFile.objects.values_list("pk", flat=True)) == [new.pk]
    assert rendered_files() == [path_of(new.stored_name)]


def test_a_failed_rendering_removes_nothing(
    report: Submission,
    django_capture_on_commit_callbacks: Capture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    old = render(report, "pdf", django_capture_on_commit_callbacks)
    bump(report)
    monkeypatch.setattr(engine, "render", lambda *a, **k: None)
    with django_capture_on_commit_callbacks(execute=True):
        failed = rendering_request(submission=report, fmt="pdf")
    failed.refresh_from_db()
    assert failed.state == RenderState.FAILED
    assert path_of(old.stored_name).is_file()  # no new file: the old one is not touched


def test_saving_new_data_removes_the_files_of_the_old_data_on_commit(
    world: World, report: Submission, django_capture_on_commit_callbacks: Capture
) -> None:
    old = render(report, "xlsx", django_capture_on_commit_callbacks)
    data = dict(report.data, grade="优")
    with django_capture_on_commit_callbacks(execute=True):
        saved = submission_data_save(
            submission=report, data=data, lock_version=report.lock_version, by=world.prep_a
        )
    assert saved.lock_version == old.lock_version + 1
    assert not RenderedFile.objects.exists()
    assert rendered_files() == []


def test_a_rolled_back_save_keeps_the_files(
    world: World, report: Submission, django_capture_on_commit_callbacks: Capture
) -> None:
    old = render(report, "xlsx", django_capture_on_commit_callbacks)
    data = dict(report.data, grade="优")
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        submission_data_save(
            submission=report, data=data, lock_version=report.lock_version, by=world.prep_a
        )
        raise RuntimeError("rolled back")
    report.refresh_from_db()
    assert report.lock_version == old.lock_version
    assert RenderedFile.objects.filter(pk=old.pk).exists()
    assert path_of(old.stored_name).is_file()


def test_a_file_written_for_a_revision_cleaned_up_meanwhile_is_removed_again(
    report: Submission, monkeypatch: pytest.MonkeyPatch
) -> None:
    queued = RenderedFile.objects.create(
        submission=report, lock_version=report.lock_version, fmt="xlsx"
    )
    real_render = engine.render

    def render_then_lose_the_row(*args: Any, **kwargs: Any) -> bytes | None:
        output = real_render(*args, **kwargs)
        RenderedFile.objects.filter(pk=queued.pk).delete()  # a cleanup ran while we wrote
        return output

    monkeypatch.setattr(engine, "render", render_then_lose_the_row)
    assert rendering_run(rendered_id=queued.pk) is None
    assert rendered_files() == []
    assert rendering_run(rendered_id=queued.pk) is None  # a task for a row already gone


COUNTS = "过期的生成文件 1 个，文件已丢失的记录 1 条，没有记录的文件 1 个"


def _age(path: Path, hours: float) -> None:
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


def test_the_prune_command_sweeps_stale_missing_and_orphaned_files(
    report: Submission, django_capture_on_commit_callbacks: Capture
) -> None:
    stale = render(report, "docx", django_capture_on_commit_callbacks)
    bump(report)  # stale now, and no new rendering came to remove it
    current = render_quietly(report, "xlsx")
    missing = render_quietly(report, "pdf")
    path_of(missing.stored_name).unlink()
    folder = Path(settings.MEDIA_ROOT) / "rendered" / "9" / "9"
    folder.mkdir(parents=True)
    orphan, young = folder / "orphan.docx", folder / "young.docx"
    orphan.write_bytes(b"x" * 2048)
    young.write_bytes(b"y")
    _age(orphan, 5)
    before = rendered_files()

    out = io.StringIO()
    call_command("jixiao_prune_renders", "--dry-run", stdout=out)
    assert (
        "将清理：过期的生成文件 1 个，文件已丢失的记录 1 条，没有记录的文件 1 个" in out.getvalue()
    )
    assert "试运行" in out.getvalue()
    assert rendered_files() == before and RenderedFile.objects.count() == 3

    out = io.StringIO()
    call_command("jixiao_prune_renders", stdout=out)
    assert (
        "已清理：过期的生成文件 1 个，文件已丢失的记录 1 条，没有记录的文件 1 个" in out.getvalue()
    )
    assert list(RenderedFile.objects.values_list("pk", flat=True)) == [current.pk]
    assert rendered_files() == sorted([path_of(current.stored_name), young])
    assert not path_of(stale.stored_name).exists() and not orphan.exists()

    out = io.StringIO()
    call_command("jixiao_prune_renders", stdout=out)
    assert "过期的生成文件 0 个，文件已丢失的记录 0 条，没有记录的文件 0 个" in out.getvalue()
    # With no grace, the young orphan goes too (only safe with no worker running).
    pruned = renderings_prune(grace=datetime.timedelta(0))
    assert pruned.orphan_files == 1 and rendered_files() == [path_of(current.stored_name)]


def render_quietly(submission: Submission, fmt: str) -> RenderedFile:
    """Render with the automatic cleanup left undone (its on_commit callback never runs in
    the test's transaction), to leave a stale file for the prune command."""
    submission.refresh_from_db()
    asked = rendering_request(submission=submission, fmt=fmt)
    rendering_run(rendered_id=asked.pk)
    asked.refresh_from_db()
    assert asked.state == RenderState.DONE
    return asked


def test_the_admin_lists_rendered_files_read_only(
    world: World, report: Submission, django_capture_on_commit_callbacks: Capture
) -> None:
    rendered = render(report, "xlsx", django_capture_on_commit_callbacks)
    client = Client()
    client.force_login(world.admin)
    listing = client.get("/admin/submissions/renderedfile/")
    assert listing.status_code == 200
    assert world.a.name in listing.content.decode() and "xlsx" in listing.content.decode()
    detail = client.get(f"/admin/submissions/renderedfile/{rendered.pk}/change/")
    assert detail.status_code == 200 and 'name="_save"' not in detail.content.decode()
    assert client.get("/admin/submissions/renderedfile/add/").status_code == 403
    deleted = client.post(f"/admin/submissions/renderedfile/{rendered.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 403 and RenderedFile.objects.filter(pk=rendered.pk).exists()
    client.force_login(world.rev_x)
    assert client.get("/admin/submissions/renderedfile/").status_code == 302
