"""Uploaded files: stored under names the application chose, outside every served folder,
and given out only after the permission check, by the page and by the API alike."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.test import Client

from apps.submissions.models import Submission
from tests.web.api.conftest import JsonClient, error_of
from tests.web.conftest import World, report_for


def _body(response: object) -> bytes:
    return b"".join(response.streaming_content)  # type: ignore[attr-defined]


def test_the_original_file_is_given_only_to_who_may_see_it(
    world: World, upload: Callable[..., Submission]
) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    page = f"/submissions/{submission.pk}/files/{submission.document_id}/"
    api = f"/api/submissions/{submission.pk}/documents/{submission.document_id}/file"
    content = (Path(settings.MEDIA_ROOT) / submission.document.stored_name).read_bytes()
    for user, allowed in (
        (world.prep_a, True),
        (world.head_a, True),
        (world.rev_x, True),
        (world.admin, True),
        (world.prep_b, False),
        (world.head_b, False),
        (world.rev_y, False),
        (None, False),
    ):
        client = JsonClient(user)
        for url in (page, api):
            response = client.get(url)
            if allowed:
                assert response.status_code == 200, (user, url)
                assert _body(response) == content
                assert "attachment" in response["Content-Disposition"]
            else:
                assert response.status_code in (302, 401, 404), (user, url)
                assert world.a.name.encode() not in response.content


def test_no_url_serves_the_upload_folder(world: World, upload: Callable[..., Submission]) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    stored = submission.document.stored_name
    client = Client()
    client.force_login(world.admin)
    for url in (f"/media/{stored}", f"/static/{stored}", f"/uploads/{stored}", f"/{stored}"):
        assert client.get(url).status_code == 404, url


def test_a_document_of_another_report_is_not_reachable_through_mine(
    world: World, upload: Callable[..., Submission]
) -> None:
    theirs = upload(world.submission(world.b), world.prep_b, report_for(world.b))
    mine = world.submission(world.a)
    url = f"/api/submissions/{mine.pk}/documents/{theirs.document_id}/file"
    error_of(JsonClient(world.prep_a).get(url), 404)
    page = Client()
    page.force_login(world.prep_a)
    assert page.get(f"/submissions/{mine.pk}/files/{theirs.document_id}/").status_code == 404
