"""Editing the extracted data: the audit follows the corrections, a validation error keeps
what was typed, and two editors at once never overwrite each other."""

from __future__ import annotations

import copy
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from apps.errors import Conflict, NotAllowed
from apps.submissions.forms import functional_initial, indicator_initial, initial_of
from apps.submissions.models import State, Submission
from apps.submissions.services import submission_data_save
from tests.web.conftest import World, report_for

Upload = Callable[..., Submission]


def _form_post(submission: Submission, **changes: str) -> dict[str, Any]:
    """What the edit page posts back untouched, with ``changes`` typed over it."""
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


def test_correcting_a_figure_clears_its_finding(world: World, upload: Upload) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a, flaw="basic"))
    assert "basic-equals-personnel-plus-public" in submission.finding_codes
    data = copy.deepcopy(submission.data)
    spending = data["spending"]
    spending["personnel"] = str(Decimal(spending["personnel"]) - 10)
    opened_at = submission.lock_version
    saved = submission_data_save(
        submission=submission, data=data, lock_version=opened_at, by=world.prep_a
    )
    assert "basic-equals-personnel-plus-public" not in saved.finding_codes
    assert saved.error_count == 0
    assert saved.lock_version == opened_at + 1
    assert saved.data["spending"]["personnel"] == spending["personnel"]


def test_the_second_of_two_editors_is_told_and_nothing_is_overwritten(
    world: World, upload: Upload
) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    opened_at = submission.lock_version
    first = copy.deepcopy(submission.data)
    first["grade"] = "良"
    submission_data_save(submission=submission, data=first, lock_version=opened_at, by=world.prep_a)
    second = copy.deepcopy(submission.data)
    second["grade"] = "差"
    with pytest.raises(Conflict, match="他人已修改"):
        submission_data_save(
            submission=submission, data=second, lock_version=opened_at, by=world.prep_a
        )
    submission.refresh_from_db()
    assert submission.data["grade"] == "良"


def test_nobody_else_edits_and_nothing_is_edited_after_submission(
    world: World, upload: Upload
) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    for user in (world.prep_b, world.head_a, world.rev_x, world.admin):
        with pytest.raises(NotAllowed):
            submission_data_save(
                submission=submission, data={}, lock_version=submission.lock_version, by=user
            )
    for state in (State.SUBMITTED, State.ACCEPTED, State.PUBLISHED):
        Submission.objects.filter(pk=submission.pk).update(state=state)
        submission.refresh_from_db()
        with pytest.raises(Conflict, match="不能修改"):
            submission_data_save(
                submission=submission,
                data={},
                lock_version=submission.lock_version,
                by=world.prep_a,
            )


def test_edit_page_saves_and_reaudits(world: World, upload: Upload) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a, flaw="three"))
    total = Decimal(submission.data["three_public"]["total"]) - Decimal("0.30")
    client = Client()
    client.force_login(world.prep_a)
    response = client.post(
        f"/submissions/{submission.pk}/edit/",
        _form_post(submission, three_public__total=str(total), problems="问题一\n问题二"),
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert "three-public-equals-parts" not in submission.finding_codes
    assert submission.data["problems"] == ["问题一", "问题二"]
    assert submission.three_public == total


def test_a_validation_error_keeps_everything_typed(world: World, upload: Upload) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    client = Client()
    client.force_login(world.prep_a)
    response = client.post(
        f"/submissions/{submission.pk}/edit/",
        _form_post(
            submission,
            spending__total="五千万",
            self_score="120",
            conclusions="我们写了很长的结论，不能丢",
            **{"functional-0-stated_name": "改过的科目名"},
        ),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="五千万"' in page and "请填写数字" in page
    assert "自评得分应在0到100之间" in page
    assert "我们写了很长的结论，不能丢" in page
    assert 'value="改过的科目名"' in page
    before = submission.data
    submission.refresh_from_db()
    assert submission.data == before  # nothing saved


def test_a_stale_form_is_refused_with_the_users_input_and_the_difference(
    world: World, upload: Upload
) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    stale = _form_post(submission, grade="差", suggestions="我的建议")
    other = copy.deepcopy(submission.data)
    other["grade"] = "良"
    submission_data_save(
        submission=submission, data=other, lock_version=submission.lock_version, by=world.prep_a
    )
    client = Client()
    client.force_login(world.prep_a)
    response = client.post(f"/submissions/{submission.pk}/edit/", stale)
    assert response.status_code == 409
    page = response.content.decode()
    assert "他人已修改" in page and "我的建议" in page
    assert "<del>差</del>" in page and "<ins>良</ins>" in page
    submission.refresh_from_db()
    assert submission.data["grade"] == "良"
    assert f'name="lock_version" value="{submission.lock_version}"' in page
    # Saving again from that page is a deliberate choice over the latest data.
    again = dict(stale, lock_version=str(submission.lock_version))
    assert client.post(f"/submissions/{submission.pk}/edit/", again).status_code == 302
    submission.refresh_from_db()
    assert submission.data["grade"] == "差"


def test_the_edit_page_is_not_for_others(world: World) -> None:
    submission = world.submission(world.a)
    client = Client()
    client.force_login(world.prep_b)
    assert client.get(f"/submissions/{submission.pk}/edit/").status_code == 404
    client.force_login(world.rev_x)
    assert client.get(f"/submissions/{submission.pk}/edit/").status_code == 302


def test_a_report_filled_in_by_hand_is_audited_too(world: World) -> None:
    submission = world.submission(world.b)
    client = Client()
    client.force_login(world.prep_b)
    assert client.get(f"/submissions/{submission.pk}/edit/").status_code == 200
    post = _form_post(
        submission,
        spending__total="100.00",
        spending__basic="60.00",
        spending__project="30.00",
        **{
            "functional-TOTAL_FORMS": "2",
            "functional-0-stated_name": "社会保障和就业支出",
            "functional-0-amount": "70.00",
            "functional-1-stated_name": "住房保障支出",
            "functional-1-amount": "30.00",
        },
    )
    assert client.post(f"/submissions/{submission.pk}/edit/", post).status_code == 302
    submission.refresh_from_db()
    assert "total-equals-basic-plus-project" in submission.finding_codes
    assert "required-section-missing" not in submission.finding_codes  # no document
    assert submission.data["spending"]["functional"][0]["code"] == "208"
    assert submission.functional == {"社会保障和就业支出": "70.00", "住房保障支出": "30.00"}
