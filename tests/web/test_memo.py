"""Remembered pages (apps.memo): read again they cost less, changed data shows at once."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from unittest import mock

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import Client

from apps import memo
from apps.accounts.models import User
from apps.reviews.services import submission_transition
from apps.submissions import views as submission_views
from apps.submissions.models import Submission
from apps.submissions.services import submission_data_save
from tests.web.conftest import PASSWORD, World, report_for

Upload = Callable[..., Submission]


def _unmasked(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def _client(user: User) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_the_memo_keeps_the_latest_entries_only() -> None:
    small = memo.Memo(size=2)
    calls: list[str] = []

    def compute(name: str) -> Callable[[], str]:
        return lambda: calls.append(name) or name.upper()

    assert small.get_or_compute("a", compute("a")) == "A"
    assert small.get_or_compute("a", compute("a")) == "A"
    small.get_or_compute("b", compute("b"))
    small.get_or_compute("c", compute("c"))  # pushes out "a", the least recently used
    assert small.get_or_compute("a", compute("a")) == "A"
    assert calls == ["a", "b", "c", "a"] and len(small) == 2
    assert (small.hits, small.misses) == (1, 4)


def test_remember_renders_a_part_once_per_key() -> None:
    template = Template(
        "{% load remember %}{% remember 'part' key %}[{{ value }}]{% endremember %}"
    )
    assert template.render(Context({"key": 1, "value": "一"})) == "[一]"
    assert template.render(Context({"key": 1, "value": "二"})) == "[一]"  # remembered
    assert template.render(Context({"key": 2, "value": "二"})) == "[二]"  # a new key
    with pytest.raises(TemplateSyntaxError, match="至少需要一个键"):
        Template("{% load remember %}{% remember %}x{% endremember %}")


def test_a_report_page_read_again_does_not_highlight_again_and_shows_an_edit(
    world: World, upload: Upload
) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    client = _client(world.prep_a)
    url = f"/submissions/{submission.pk}/"
    real = submission_views.highlight
    with mock.patch.object(submission_views, "highlight", side_effect=real) as highlight:
        first = client.get(url).content.decode()
        again = client.get(url).content.decode()
        assert highlight.call_count == 1
        # The same page, but for the per-request parts (the CSRF token is masked anew).
        assert _unmasked(first) == _unmasked(again)

        data: dict[str, Any] = dict(submission.data)
        data["problems"] = ["档案管理不够规范"]
        submission_data_save(
            submission=submission, data=data, lock_version=submission.lock_version, by=world.prep_a
        )
        edited = client.get(url).content.decode()
        assert highlight.call_count == 2
    assert "档案管理不够规范" in edited and "档案管理不够规范" not in first


def test_a_published_report_is_on_the_public_list_at_once(world: World, upload: Upload) -> None:
    public = Client()
    assert world.a.name not in public.get("/public/").content.decode()  # remembered, empty
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    for action, user in (
        ("submit", world.prep_a),
        ("approve", world.head_a),
        ("accept", world.rev_x),
        ("publish", world.rev_x),
    ):
        submission_transition(submission=submission, action=action, by=user, confirmed=True)
    assert world.a.name in public.get("/public/").content.decode()

    world.a.name = "甲区农业农村局（更名）"
    world.a.save()
    assert "甲区农业农村局（更名）" in public.get("/public/").content.decode()


def test_the_api_list_shows_a_transition_at_once(world: World, upload: Upload) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    client = _client(world.prep_a)

    def state() -> str:
        items = client.get("/api/submissions").json()["items"]
        return str(next(i["state"] for i in items if i["id"] == submission.pk))

    assert state() == "draft"
    assert state() == "draft"
    submission_transition(submission=submission, action="submit", by=world.prep_a)
    assert state() == "submitted"


def test_a_campaigns_changed_year_shows_on_the_api_list_at_once(world: World) -> None:
    client = _client(world.rev_x)
    assert {i["year"] for i in client.get("/api/submissions").json()["items"]} == {
        world.campaign.year
    }
    world.campaign.year += 1
    world.campaign.save()
    assert {i["year"] for i in client.get("/api/submissions").json()["items"]} == {
        world.campaign.year
    }


def test_a_report_page_read_again_costs_four_queries_and_shows_a_new_step(
    world: World, upload: Upload
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    client = _client(world.prep_a)
    url = f"/submissions/{submission.pk}/"
    first = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as captured:
        again = client.get(url).content.decode()
    # session, user, the report (without its JSON and text), its documents
    assert len(captured) == 4, [q["sql"][:80] for q in captured]
    assert _unmasked(again) == _unmasked(first)

    submission_transition(submission=submission, action="submit", by=world.prep_a)
    page = client.get(url).content.decode()
    history = page.split('id="h-history"', 1)[1]
    assert "待负责人审核" in history and "待负责人审核" not in first.split('id="h-history"')[1]
    assert "第1版" in page.split('id="h-versions"', 1)[1]
