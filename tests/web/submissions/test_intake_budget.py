"""Intake under load and against careless users: the file is read outside any transaction,
within a size, time and memory budget (in a child process that is stopped past it), and the
reading never overwrites an edit saved after the upload (the difference is shown instead)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from apps.errors import TooLarge
from apps.submissions import reading
from apps.submissions.models import Document, IntakeState, Submission
from apps.submissions.services import document_intake, document_upload, submission_data_save
from tests.web.conftest import World, report_for

Upload = Callable[..., Submission]


def _store(world: World, text: str, name: str = "报告.txt") -> Document:
    """Upload without reading (the worker has not come to it yet)."""
    file = SimpleUploadedFile(name, text.encode("utf-8"))
    return document_upload(submission=world.submission(world.a), upload=file, by=world.prep_a)


def test_the_file_is_read_outside_any_transaction(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = _store(world, report_for(world.a))
    # The test itself runs in a transaction: no block beyond it may be open while reading.
    outer = len(connection.atomic_blocks)
    seen: list[int] = []
    real = reading.read_within_budget

    def spy(path: Path, *, source: str, budget: Any = None, progress: Any = None) -> Any:
        seen.append(len(connection.atomic_blocks))
        return real(path, source=source, budget=budget, progress=progress)

    monkeypatch.setattr(reading, "read_within_budget", spy)
    assert document_intake(document_id=document.pk).intake_state == IntakeState.DONE
    assert seen == [outer]


def test_an_edit_saved_while_the_file_is_read_is_kept_and_the_difference_shown(
    world: World, upload: Upload
) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    document = _store(world, report_for(world.a, flaw="basic"), name="第二稿.txt")
    # The preparer corrects a figure by hand before the worker reads the second file.
    edited = copy.deepcopy(submission.data)
    edited["spending"]["total"] = "12345.67"
    submission_data_save(
        submission=submission, data=edited, lock_version=submission.lock_version, by=world.prep_a
    )
    document_intake(document_id=document.pk)
    submission.refresh_from_db()
    document.refresh_from_db()
    assert submission.data["spending"]["total"] == "12345.67"  # nothing lost
    assert submission.document_id != document.pk
    assert document.intake_state == IntakeState.DONE
    assert "未替换报告数据" in document.intake_message
    total = next(c for c in document.intake_changes if c["field"] == "支出合计")
    assert total["before"] == "12345.67" and Decimal(total["after"]) != Decimal("12345.67")
    client = Client()
    client.force_login(world.prep_a)
    page = client.get(f"/submissions/{submission.pk}/").content.decode()
    assert 'id="intake-changes"' in page and "12345.67" in page


def test_two_uploads_in_a_row_are_no_conflict_the_later_wins(world: World) -> None:
    first = _store(world, report_for(world.a), name="一稿.txt")
    second = _store(world, report_for(world.a, flaw="basic"), name="二稿.txt")
    document_intake(document_id=first.pk)
    document_intake(document_id=second.pk)
    submission = world.submission(world.a)
    second.refresh_from_db()
    assert submission.document_id == second.pk, second.intake_message
    assert not second.intake_changes and "错误1条" in second.intake_message


def test_a_file_beyond_the_size_budget_is_refused_at_upload(world: World, settings: Any) -> None:
    settings.INTAKE_MAX_BYTES = 10_000
    with pytest.raises(TooLarge, match="超过读取上限"):
        _store(world, "一" * 5000, name="很大的报告.txt")
    assert not Document.objects.exists()


def test_a_file_that_grew_past_the_budget_is_refused_by_the_worker(
    world: World, settings: Any
) -> None:
    document = _store(world, report_for(world.a), name="我的报告.txt")
    settings.INTAKE_MAX_BYTES = 100  # lowered after the upload: the worker checks again
    document_intake(document_id=document.pk)
    document.refresh_from_db()
    assert document.intake_state == IntakeState.FAILED
    assert (
        document.intake_message.startswith("“我的报告.txt”")
        and "读取上限" in document.intake_message
    )


def test_a_file_over_the_time_budget_is_stopped_and_the_next_is_read(
    world: World, settings: Any
) -> None:
    # 5 MB of text: decoding alone takes far longer than 0.05 s on any machine.
    slow = _store(world, (report_for(world.a) + "\n") * 700, name="超长报告.txt")
    settings.INTAKE_TIME_LIMIT_SECONDS = 0.05
    document_intake(document_id=slow.pk)
    slow.refresh_from_db()
    assert slow.intake_state == IntakeState.FAILED
    assert "读取超过" in slow.intake_message and "超长报告.txt" in slow.intake_message
    settings.INTAKE_TIME_LIMIT_SECONDS = 60
    quick = _store(world, report_for(world.a), name="正常报告.txt")
    assert document_intake(document_id=quick.pk).intake_state == IntakeState.DONE


def test_a_read_that_needs_too_much_memory_is_refused(world: World, settings: Any) -> None:
    document = _store(world, (report_for(world.a) + "\n") * 300, name="报告.txt")
    settings.INTAKE_MEMORY_LIMIT_MB = 1  # far less than reading 2 MB needs
    try:
        document_intake(document_id=document.pk)
    finally:
        reading.reader_stop()
    document.refresh_from_db()
    assert document.intake_state == IntakeState.FAILED
    assert "内存" in document.intake_message, document.intake_message


def test_messages_name_the_users_file_never_the_stored_one(world: World) -> None:
    file = SimpleUploadedFile("我们单位的报告.txt", bytes(range(256)) * 20)
    document = document_upload(submission=world.submission(world.a), upload=file, by=world.prep_a)
    document_intake(document_id=document.pk)
    document.refresh_from_db()
    assert document.intake_state == IntakeState.FAILED
    assert "我们单位的报告.txt" in document.intake_message
    assert Path(document.stored_name).stem not in document.intake_message
