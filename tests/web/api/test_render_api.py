"""The API's generated reports come from the background worker, as the web's downloads do.

The first request only asks (202 with the state of the work, Retry-After, Location); the
worker writes the file when the request commits (ImmediateBackend: at once, inside
``django_capture_on_commit_callbacks``); the next request gets the file. Nothing is rendered
inside a request.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from apps.submissions import engine
from apps.submissions.models import RenderedFile, RenderState, State, Submission
from apps.submissions.storage import path_of
from tests.web.api.conftest import CJK, JsonClient, error_of
from tests.web.api.test_openapi import openapi
from tests.web.conftest import World

Drive = Callable[..., Submission]
Capture = Callable[..., Any]


def _url(submission: Submission, fmt: str) -> str:
    return f"/api/submissions/{submission.pk}/report/{fmt}"


def rendered_files() -> list[Path]:
    return [p for p in (Path(settings.MEDIA_ROOT) / "rendered").rglob("*") if p.is_file()]


def pending(response: Any) -> dict[str, Any]:
    """A 202 telling the client to come back to the same URL (not an error body)."""
    assert response.status_code == 202, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    assert set(body) == {"state", "state_label", "message", "retry_after"}
    assert body["state"] in ("queued", "running") and CJK.search(body["state_label"])
    assert CJK.search(body["message"]) and "秒后" in body["message"]
    assert int(response["Retry-After"]) == body["retry_after"] > 0
    return dict(body)


@pytest.fixture
def draft(world: World, drive: Drive) -> Submission:
    return drive(world.a, State.DRAFT)


@pytest.mark.parametrize("fmt", sorted(engine.RENDER_FORMATS))
def test_the_first_request_asks_and_the_next_one_gets_the_file(
    world: World, draft: Submission, fmt: str, django_capture_on_commit_callbacks: Capture
) -> None:
    client = JsonClient(world.rev_x)
    url = _url(draft, fmt)
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.get(url)
    error = pending(asked)
    assert error["state"] == "queued"
    assert asked["Location"] == url
    rendered = RenderedFile.objects.get(submission=draft, fmt=fmt)
    assert rendered.state == RenderState.DONE and rendered.lock_version == draft.lock_version
    served = client.get(url)
    assert served.status_code == 200
    assert served["Content-Type"] == engine.RENDER_FORMATS[fmt][1]
    assert "attachment" in served["Content-Disposition"]
    magic = {"pdf": b"%PDF-", "docx": b"PK", "xlsx": b"PK"}[fmt]
    body = b"".join(served.streaming_content)
    assert body.startswith(magic) and body == path_of(rendered.stored_name).read_bytes()
    # The web download serves the very same file: one rendering per revision and format.
    web = client.client.get(f"/submissions/{draft.pk}/download/{fmt}/")
    assert b"".join(web.streaming_content) == body
    assert RenderedFile.objects.filter(submission=draft).count() == 1


def test_nothing_is_rendered_inside_the_request(
    world: World, draft: Submission, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> bytes:
        raise AssertionError("rendered inside the request")

    monkeypatch.setattr(engine, "render", refuse)
    client = JsonClient(world.prep_a)
    url = _url(draft, "pdf")
    # Without the commit the worker is never asked: the request itself only writes a row.
    assert pending(client.get(url))["state"] == "queued"
    assert pending(client.get(url))["state"] == "queued"  # asked once, not twice
    assert RenderedFile.objects.filter(submission=draft).count() == 1
    assert rendered_files() == []


def test_a_running_rendering_says_so(world: World, draft: Submission) -> None:
    RenderedFile.objects.create(
        submission=draft, lock_version=draft.lock_version, fmt="docx", state=RenderState.RUNNING
    )
    error = pending(JsonClient(world.prep_a).get(_url(draft, "docx")))
    assert error["state"] == "running" and "正在生成" in error["message"]


def test_a_failure_is_reported_once_and_the_next_request_tries_again(
    world: World,
    draft: Submission,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    client = JsonClient(world.prep_a)
    url = _url(draft, "xlsx")
    monkeypatch.setattr(engine, "render", lambda *a, **k: None)  # the writer fails
    with django_capture_on_commit_callbacks(execute=True):
        pending(client.get(url))
    assert RenderedFile.objects.get(submission=draft).state == RenderState.FAILED
    monkeypatch.undo()  # the writer works again
    with django_capture_on_commit_callbacks(execute=True):
        failed = error_of(client.get(url), 500)
    assert failed["code"] == "render_failed" and "稍后再试" in failed["message"]
    # Told once, and asked for again at the same time: the next request gets the file.
    assert RenderedFile.objects.get(submission=draft).state == RenderState.DONE
    assert client.get(url).status_code == 200


def test_a_file_gone_from_the_disk_is_written_again(
    world: World, draft: Submission, django_capture_on_commit_callbacks: Capture
) -> None:
    client = JsonClient(world.prep_a)
    url = _url(draft, "docx")
    with django_capture_on_commit_callbacks(execute=True):
        pending(client.get(url))
    lost = RenderedFile.objects.get(submission=draft)
    path_of(lost.stored_name).unlink()
    with django_capture_on_commit_callbacks(execute=True):
        pending(client.get(url))
    again = RenderedFile.objects.get(submission=draft)
    assert again.state == RenderState.DONE and again.stored_name != lost.stored_name
    assert client.get(url).status_code == 200


def test_an_edit_makes_the_next_request_render_the_new_data(
    world: World, draft: Submission, django_capture_on_commit_callbacks: Capture
) -> None:
    client = JsonClient(world.prep_a)
    url = _url(draft, "xlsx")
    with django_capture_on_commit_callbacks(execute=True):
        pending(client.get(url))
    old = RenderedFile.objects.get(submission=draft)
    read = client.get(f"/api/submissions/{draft.pk}/data")
    data = read.json()["data"]
    data["grade"] = "优"
    with django_capture_on_commit_callbacks(execute=True):
        saved = client.put(f"/api/submissions/{draft.pk}/data", data, **{"If-Match": read["ETag"]})
    assert saved.status_code == 200, saved.content
    # The old revision's file went with the edit; the next request asks for a new one.
    assert not RenderedFile.objects.filter(pk=old.pk).exists()
    assert not path_of(old.stored_name).exists()
    with django_capture_on_commit_callbacks(execute=True):
        pending(client.get(url))
    assert client.get(url).status_code == 200


def test_another_unit_gets_404_and_nothing_is_asked_for(world: World, draft: Submission) -> None:
    error_of(JsonClient(world.prep_b).get(_url(draft, "pdf")), 404)
    assert not RenderedFile.objects.exists()


def test_the_202_is_documented(db: None) -> None:
    operation = openapi()["paths"]["/api/submissions/{pk}/report/{fmt}"]["get"]
    accepted = operation["responses"]["202"]
    assert accepted["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/RenderPendingOut"
    }
    assert {"Retry-After", "Location"} <= set(accepted["headers"])
    assert CJK.search(accepted["description"])
    assert "202" in operation["description"] and "Retry-After" in operation["description"]
    assert set(operation["responses"]["200"]["content"]) == {
        mime for _, mime in engine.RENDER_FORMATS.values()
    }
