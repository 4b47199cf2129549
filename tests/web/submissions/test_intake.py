"""Upload and intake: the file is kept out of the web root, read in the worker (here the
ImmediateBackend), and its data, findings and figures land on the submission."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from apps.errors import Conflict, InvalidInput, NotAllowed
from apps.submissions.models import Document, IntakeState, State, Submission
from apps.submissions.services import document_upload
from tests.web.conftest import World, report_for

Upload = Callable[..., Submission]


def test_upload_reads_the_report_and_fills_the_working_copy(world: World, upload: Upload) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    document = Document.objects.get(submission=submission)
    assert document.intake_state == IntakeState.DONE
    assert "错误0条" in document.intake_message
    assert submission.document == document
    assert submission.data["unit_name"] == world.a.name
    assert submission.total == Decimal(submission.data["spending"]["total"])
    assert submission.self_score is not None and submission.self_grade in ("优", "良", "中")
    assert submission.error_count == 0
    assert sum(Decimal(v) for v in submission.functional.values()) == submission.total
    assert document.text.startswith(world.a.name)


def test_a_flawed_report_has_its_finding_with_evidence(world: World, upload: Upload) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a, flaw="basic"))
    assert submission.error_count == 1
    assert "basic-equals-personnel-plus-public" in submission.finding_codes
    finding = next(f for f in submission.findings if f["severity"] == "error")
    text = submission.document.text
    for evidence in finding["evidence"]:
        assert text[evidence["start"] : evidence["end"]] == evidence["quote"]


def test_stored_file_is_outside_the_static_root_under_a_chosen_name(
    world: World, upload: Upload
) -> None:
    upload(world.submission(world.a), world.prep_a, "报告", name="../../etc/passwd.txt")
    document = Document.objects.get()
    assert document.original_name == "passwd.txt"
    stored = Path(settings.MEDIA_ROOT) / document.stored_name
    assert stored.is_file() and "passwd" not in stored.name
    assert Path(settings.STATIC_ROOT) not in stored.parents


@pytest.mark.parametrize(
    ("name", "body", "message"),
    [
        ("报告.ppt", b"x", "不是可读取的报告文件"),
        ("报告.exe", b"MZ", "不是可读取的报告文件"),
        ("空.txt", b"", "空文件"),
    ],
)
def test_refused_uploads_store_nothing(world: World, name: str, body: bytes, message: str) -> None:
    file = SimpleUploadedFile(name, body)
    with pytest.raises(InvalidInput, match=message):
        document_upload(submission=world.submission(world.a), upload=file, by=world.prep_a)
    assert not Document.objects.exists()
    assert not any(Path(settings.MEDIA_ROOT).rglob("*.*"))


def test_an_oversized_upload_is_refused_and_removed(world: World, settings: Any) -> None:
    settings.UPLOAD_LIMIT_BYTES = 1024 * 1024
    file = SimpleUploadedFile("大.txt", b"x" * (1024 * 1024 + 1))
    with pytest.raises(InvalidInput, match="超过1 MB 上限"):
        document_upload(submission=world.submission(world.a), upload=file, by=world.prep_a)
    assert not Document.objects.exists()
    assert not any(Path(settings.MEDIA_ROOT).rglob("*.txt"))


def test_an_unreadable_document_fails_with_the_core_message(world: World, upload: Upload) -> None:
    submission = upload(world.submission(world.a), world.prep_a, "\x00\x01\x02" * 50, "乱码.txt")
    document = Document.objects.get()
    assert document.intake_state == IntakeState.FAILED
    assert document.intake_message  # the core's Chinese reason
    assert submission.document is None and submission.total is None


def test_only_the_units_preparer_uploads(world: World) -> None:
    file = SimpleUploadedFile("报告.txt", b"x")
    for user in (world.prep_b, world.head_a, world.rev_x):
        with pytest.raises(NotAllowed):
            document_upload(submission=world.submission(world.a), upload=file, by=user)


def test_no_upload_once_submitted(world: World, upload: Upload) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    Submission.objects.filter(pk=submission.pk).update(state=State.UNDER_REVIEW)
    submission.refresh_from_db()
    with pytest.raises(Conflict, match="财政审核中"):
        document_upload(
            submission=submission, upload=SimpleUploadedFile("a.txt", b"x"), by=world.prep_a
        )


def test_upload_view_then_detail_shows_findings_and_marks(
    world: World, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    client = Client()
    client.force_login(world.prep_a)
    submission = world.submission(world.a)
    text = report_for(world.a, flaw="three").encode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/submissions/{submission.pk}/upload/",
            {"file": SimpleUploadedFile("报告.txt", text)},
        )
    assert response.status_code == 302
    page = client.get(f"/submissions/{submission.pk}/").content.decode()
    assert 'data-code="three-public-equals-parts"' in page
    assert '<mark class="sev-error">' in page
    assert client.get(f"/submissions/{submission.pk}/status/").content == b"done"


def test_the_original_file_is_served_only_to_those_who_may_see_it(
    world: World, upload: Upload
) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    url = f"/submissions/{submission.pk}/files/{submission.document_id}/"
    client = Client()
    assert client.get(url).status_code == 302  # the public: to the log-in page
    for user, status in (
        (world.prep_b, 404),
        (world.rev_y, 404),
        (world.prep_a, 200),
        (world.head_a, 200),
        (world.rev_x, 200),
        (world.admin, 200),
    ):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == status, user
        if status == 200:
            assert b"".join(response.streaming_content).startswith(world.a.name.encode())
