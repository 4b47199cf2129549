"""Uploads through the API: a readable file is accepted (202) and read by the worker; a bad
one is refused at once with a 4xx and the reason in Chinese, leaving no row and no file."""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from apps.audit.models import AuditAction, AuditEntry
from apps.submissions import storage
from apps.submissions.models import Document, IntakeState
from tests.web.api.conftest import JsonClient, error_of, stored_state
from tests.web.api.makers import BAD_FILES, good_docx
from tests.web.conftest import World, report_for


def _url(world: World) -> str:
    return f"/api/submissions/{world.submission(world.a).pk}/documents"


def test_a_readable_file_is_accepted_and_read(
    world: World, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    client = JsonClient(world.prep_a)
    content = good_docx(report_for(world.a))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.upload(_url(world), "甲区农业农村局.docx", content)
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["original_name"] == "甲区农业农村局.docx" and body["intake_state"] == "queued"
    status = client.get(response["Location"]).json()
    assert status["intake_state"] == IntakeState.DONE, status
    submission = world.submission(world.a)
    assert submission.document_id == body["id"] and submission.total is not None
    stored = Path(settings.MEDIA_ROOT) / Document.objects.get().stored_name
    assert stored.read_bytes() == content
    assert AuditEntry.objects.filter(action=AuditAction.UPLOAD, actor=world.prep_a).exists()


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_file_is_refused_and_nothing_is_stored(world: World, case: str) -> None:
    name, content, words = BAD_FILES[case]
    before = stored_state()
    response = JsonClient(world.prep_a).upload(_url(world), name, content)
    error = error_of(response)
    assert response.status_code in (400, 413, 415, 422), response.status_code
    assert words in error["message"], error
    assert stored_state() == before


def test_an_oversized_file_is_refused_with_413(world: World, settings: Any) -> None:
    settings.UPLOAD_LIMIT_BYTES = 64 * 1024
    before = stored_state()
    response = JsonClient(world.prep_a).upload(_url(world), "大.txt", b"a" * (64 * 1024 + 1))
    error = error_of(response, 413)
    assert "MB 上限" in error["message"]
    assert stored_state() == before


def test_a_huge_body_is_refused_before_it_is_read(world: World, settings: Any) -> None:
    settings.UPLOAD_LIMIT_BYTES = 1024
    client = JsonClient(world.prep_a)
    response = client.client.generic(
        "POST",
        _url(world),
        b"x" * 10,
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
    )
    assert error_of(response, 413)["code"] == "too_large"


def test_the_limit_defaults_to_50_mb(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    from config.settings import base

    monkeypatch.delenv("JIXIAO_UPLOAD_LIMIT_BYTES", raising=False)
    assert importlib.reload(base).UPLOAD_LIMIT_BYTES == 50 * 1024 * 1024


def test_a_full_disk_gives_507_and_no_partial_record(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = storage.save_chunks

    def full(chunks: Any, **kwargs: Any) -> Any:
        def failing() -> Any:
            yield from list(chunks)[:1]
            raise OSError(errno.ENOSPC, "No space left on device")

        return real(failing(), **kwargs)

    monkeypatch.setattr(storage, "save_chunks", full)
    before = stored_state()
    response = JsonClient(world.prep_a).upload(
        _url(world), "报告.txt", report_for(world.a).encode()
    )
    assert error_of(response, 507)["code"] == "insufficient_storage"
    assert stored_state() == before


def test_only_the_units_preparer_uploads(world: World) -> None:
    content = report_for(world.a).encode()
    for user, status in ((world.head_a, 403), (world.rev_x, 403), (world.prep_b, 404)):
        before = stored_state()
        response = JsonClient(user).upload(_url(world), "报告.txt", content)
        error_of(response, status)
        assert stored_state() == before


def test_a_path_in_the_file_name_is_dropped(world: World) -> None:
    response = JsonClient(world.prep_a).upload(
        _url(world), "../../etc/报告.txt", report_for(world.a).encode()
    )
    assert response.status_code == 202
    document = Document.objects.get()
    assert document.original_name == "报告.txt"
    assert Path(settings.MEDIA_ROOT).resolve() in storage.path_of(document.stored_name).parents
