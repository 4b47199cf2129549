"""Downloads are written by the worker (ImmediateBackend here), kept on disk and served after
the report's own permission check."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client

from apps.submissions.models import RenderedFile, RenderState, Submission
from apps.submissions.rendering import rendering_run
from apps.submissions.storage import path_of
from tests.web.conftest import World, report_for

Upload = Callable[..., Submission]


def _ask(client: Client, url: str, capture: Callable[..., Any]) -> Any:
    with capture(execute=True):
        return client.get(url)


def test_the_workbook_is_rendered_in_the_worker_and_then_served(
    world: World, upload: Upload, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    client = Client()
    client.force_login(world.rev_x)
    url = f"/submissions/{submission.pk}/download/xlsx/"
    waiting = _ask(client, url, django_capture_on_commit_callbacks)
    # The request only asked; the page polls until the worker has written the file.
    assert waiting.status_code == 200
    assert "正在生成" in waiting.content.decode() and "?wait=1" in waiting.content.decode()
    rendered = RenderedFile.objects.get(submission=submission, fmt="xlsx")
    assert rendered.state == RenderState.DONE and rendered.lock_version == submission.lock_version
    assert path_of(rendered.stored_name).read_bytes().startswith(b"PK")
    status = client.get(f"{url}status/").json()
    assert status["state"] == "done" and status["url"] == url
    served = client.get(url + "?wait=1")
    assert served.status_code == 200
    assert b"".join(served.streaming_content).startswith(b"PK")  # type: ignore[attr-defined]
    assert "filename*=UTF-8''" in served["Content-Disposition"]
    assert RenderedFile.objects.filter(submission=submission).count() == 1  # not asked twice


def test_another_unit_never_gets_the_file_nor_its_status(
    world: World, upload: Upload, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    client = Client()
    client.force_login(world.prep_a)
    url = f"/submissions/{submission.pk}/download/xlsx/"
    _ask(client, url, django_capture_on_commit_callbacks)
    client.force_login(world.prep_b)
    assert client.get(url).status_code == 404
    assert client.get(f"{url}status/").status_code == 404
    client.force_login(world.prep_a)
    assert client.get(f"/submissions/{submission.pk}/download/exe/").status_code == 302
    assert not RenderedFile.objects.filter(fmt="exe").exists()


def test_an_edit_asks_for_a_new_file_and_a_bad_format_fails_in_the_worker(
    world: World, upload: Upload, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    client = Client()
    client.force_login(world.prep_a)
    url = f"/submissions/{submission.pk}/download/docx/"
    _ask(client, url, django_capture_on_commit_callbacks)
    first = RenderedFile.objects.get(fmt="docx")
    Submission.objects.filter(pk=submission.pk).update(lock_version=submission.lock_version + 1)
    _ask(client, url, django_capture_on_commit_callbacks)
    # The new revision got its own file; the one it replaced went (test_render_cleanup.py).
    docx = RenderedFile.objects.filter(fmt="docx")
    assert list(docx.values_list("lock_version", flat=True)) == [submission.lock_version + 1]
    assert not path_of(first.stored_name).exists()
    broken = RenderedFile.objects.create(
        submission=submission, lock_version=submission.lock_version + 1, fmt="bogus"
    )
    ran = rendering_run(rendered_id=broken.pk)
    assert ran is not None and ran.state == RenderState.FAILED
