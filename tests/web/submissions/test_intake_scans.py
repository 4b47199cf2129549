"""A photographed or scanned report is accepted at upload, recognised in the worker with its
progress on the page, and its figures land on the submission like any other file's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.submissions import engine, services
from apps.submissions.models import Document, IntakeState
from apps.submissions.services import document_upload
from tests.intake.readers.test_ocr import _page_png
from tests.web.conftest import World

LINE = "2022年度部门支出合计5252.64万元，其中基本支出793.43万元。"


def test_a_photograph_is_read_in_the_worker_with_its_progress_shown(
    world: World,
    django_capture_on_commit_callbacks: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[str] = []
    real_progress = services._page_progress

    def watched(document: Document) -> Any:
        step = real_progress(document)  # the service's own: it writes the message

        def watch(done: int, total: int) -> None:
            step(done, total)
            shown.append(Document.objects.get().intake_message)

        return watch

    monkeypatch.setattr(services, "_page_progress", watched)
    submission = world.submission(world.a)
    file = SimpleUploadedFile("扫描件.png", _page_png(LINE), content_type="image/png")
    with django_capture_on_commit_callbacks(execute=True):
        document_upload(submission=submission, upload=file, by=world.prep_a)
    document = Document.objects.get()
    assert shown == ["正在识别扫描件中的文字：第 1/1 页"]
    assert document.intake_state == IntakeState.DONE, document.intake_message
    assert LINE in document.text
    submission.refresh_from_db()
    assert submission.data["spending"]["total"] == "5252.64"


def test_every_new_format_is_accepted_at_upload() -> None:
    for suffix in (".doc", ".wps", ".xls", ".et", ".ofd", ".jpg", ".png", ".tif"):
        assert suffix in engine.READABLE_SUFFIXES
