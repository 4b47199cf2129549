"""The whole year through the pages, as the browser tests will walk it."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from apps.publications.models import Publication
from apps.submissions.forms import functional_initial, indicator_initial, initial_of
from apps.submissions.models import State, Submission
from tests.web.conftest import World


def _edit_post(submission: Submission, changes: dict[str, str]) -> dict[str, Any]:
    data = submission.data
    post: dict[str, Any] = {
        k: v or "" for k, v in initial_of(data, submission.lock_version).items()
    }
    for prefix, rows in (
        ("functional", functional_initial(data)),
        ("indicators", indicator_initial(data)),
    ):
        post[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        post[f"{prefix}-INITIAL_FORMS"] = str(len(rows))
        for index, row in enumerate(rows):
            for key, value in row.items():
                post[f"{prefix}-{index}-{key}"] = value or ""
    post.update(changes)
    return post


@pytest.mark.shared
def test_a_year_from_upload_to_the_public_page(
    world: World, seed_text: str, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    submission = world.submission(world.a)
    url = f"/submissions/{submission.pk}/"
    preparer, head, reviewer, public = Client(), Client(), Client(), Client()
    preparer.force_login(world.prep_a)
    head.force_login(world.head_a)
    reviewer.force_login(world.rev_x)

    with django_capture_on_commit_callbacks(execute=True):
        preparer.post(url + "upload/", {"file": SimpleUploadedFile("seed.txt", seed_text.encode())})
    page = preparer.get(url).content.decode()
    assert len(re.findall(r'<li class="sev-error"', page)) == 2

    submission.refresh_from_db()
    spending = submission.data["spending"]
    personnel = Decimal(spending["basic"]) - Decimal(spending["public"])
    listed = sum(Decimal(i["amount"]) for i in spending["functional"])
    first = Decimal(spending["functional"][0]["amount"]) + Decimal(spending["total"]) - listed
    response = preparer.post(
        url + "edit/",
        _edit_post(
            submission,
            {
                "spending__personnel": str(personnel),
                "functional_basis": "total",
                "functional-0-amount": str(first),
            },
        ),
    )
    assert response.status_code == 302
    page = preparer.get(url).content.decode()
    assert 'class="sev-error"' not in page.split('id="findings"')[1].split("</ol>")[0]

    preparer.post(f"/reviews/{submission.pk}/submit/")
    head.post(f"/reviews/{submission.pk}/approve/")
    reviewer.post(
        f"/reviews/{submission.pk}/return/comment/",
        {"comment": "请补充存在的问题", "field_0": "problems", "field_0_text": "未填写问题"},
    )
    assert "未填写问题" in preparer.get(url).content.decode()
    submission.refresh_from_db()
    response = preparer.post(
        url + "edit/", _edit_post(submission, {"problems": "部分项目绩效目标不够细化"})
    )
    assert response.status_code == 302
    preparer.post(f"/reviews/{submission.pk}/resubmit/")
    head.post(f"/reviews/{submission.pk}/approve/")  # the resubmission goes through the head
    reviewer.post(f"/reviews/{submission.pk}/accept/")
    reviewer.post(f"/reviews/{submission.pk}/publish/confirm/")
    submission.refresh_from_db()
    assert submission.state == State.PUBLISHED
    assert [e.to_state for e in submission.events.all()] == [
        State.SUBMITTED,
        State.UNDER_REVIEW,
        State.RETURNED,
        State.SUBMITTED,
        State.RESUBMITTED,
        State.ACCEPTED,
        State.PUBLISHED,
    ]
    publication = Publication.objects.get(submission=submission)
    listing = public.get("/public/").content.decode()
    assert world.a.name in listing
    report = public.get(f"/public/reports/{publication.pk}/").content.decode()
    assert "部分项目绩效目标不够细化" in report
    assert str(personnel) in report
    assert preparer.get(url + "edit/").status_code == 302  # nobody changes a published report
