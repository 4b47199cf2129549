"""The workflow: every step, every refusal, and an event row for each step taken."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from apps.errors import Conflict, IllegalTransition, InvalidInput, NotAllowed
from apps.publications.models import Publication
from apps.reviews.models import CommentTarget, ReviewEvent
from apps.reviews.services import CommentInput, submission_transition
from apps.reviews.workflow import TRANSITIONS, available
from apps.submissions.models import State, Submission
from tests.web.conftest import World, report_for

Upload = Callable[..., Submission]


def _step(world: World, submission: Submission, action: str, **kwargs: object) -> ReviewEvent:
    people = {
        "submit": world.prep_a,
        "resubmit": world.prep_a,
        "approve": world.head_a,
        "send_back": world.head_a,
        "return": world.rev_x,
        "accept": world.rev_x,
        "publish": world.rev_x,
        "withdraw": world.rev_x,
    }
    return submission_transition(
        submission=submission,
        action=action,
        by=people[action],
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.fixture
def ready(world: World, upload: Upload) -> Submission:
    return upload(world.submission(world.a), world.prep_a, report_for(world.a))


def test_the_whole_year_writes_one_event_per_step(world: World, ready: Submission) -> None:
    steps = [
        ("submit", State.SUBMITTED, ""),
        ("send_back", State.DRAFT, "请补充问题部分"),
        ("submit", State.SUBMITTED, ""),
        ("approve", State.UNDER_REVIEW, ""),
        ("return", State.RETURNED, "三公经费请核实"),
        # Every resubmission goes through the unit's head again.
        ("resubmit", State.SUBMITTED, ""),
        ("approve", State.RESUBMITTED, ""),
        ("return", State.RETURNED, "仍有问题"),
        ("resubmit", State.SUBMITTED, ""),
        ("approve", State.RESUBMITTED, ""),
        ("accept", State.ACCEPTED, ""),
        ("publish", State.PUBLISHED, ""),
    ]
    for action, target, comment in steps:
        before = ready.state
        event = _step(world, ready, action, comment=comment, confirmed=action == "publish")
        assert ready.state == target
        assert (event.from_state, event.to_state, event.action) == (before, target, action)
        assert event.comment == comment and event.actor is not None
    assert ReviewEvent.objects.filter(submission=ready).count() == len(steps)
    assert ready.versions.count() == 4  # submit twice, resubmit twice
    publication = Publication.objects.get(submission=ready)
    assert publication.version == ready.current_version and publication.year == 2022


ILLEGAL = [
    ("approve", State.DRAFT),
    ("accept", State.DRAFT),
    ("publish", State.DRAFT),
    ("return", State.SUBMITTED),
    ("accept", State.SUBMITTED),
    ("resubmit", State.UNDER_REVIEW),
    ("submit", State.UNDER_REVIEW),
    ("publish", State.UNDER_REVIEW),
    ("accept", State.RETURNED),
    ("approve", State.RESUBMITTED),
    ("resubmit", State.SUBMITTED),
    ("withdraw", State.ACCEPTED),
    ("submit", State.ACCEPTED),
    ("return", State.ACCEPTED),
    ("return", State.PUBLISHED),
    ("submit", State.PUBLISHED),
    ("resubmit", State.PUBLISHED),
    ("publish", State.PUBLISHED),
    ("send_back", State.PUBLISHED),
]


@pytest.mark.parametrize(("action", "state"), ILLEGAL)
def test_illegal_steps_are_refused_in_chinese(
    world: World, ready: Submission, action: str, state: State
) -> None:
    Submission.objects.filter(pk=ready.pk).update(state=state)
    ready.refresh_from_db()
    with pytest.raises(IllegalTransition) as refused:
        _step(world, ready, action, comment="意见")
    assert str(refused.value) == (
        f"报告当前状态为“{state.label}”，不能“{TRANSITIONS[action].label}”"
    )
    ready.refresh_from_db()
    assert ready.state == state and not ready.events.exists()


def test_a_published_report_moves_only_by_withdrawal_back_to_accepted() -> None:
    leaving = [t for t in TRANSITIONS.values() if State.PUBLISHED in t.sources]
    assert [(t.action, t.target, t.needs_comment) for t in leaving] == [
        ("withdraw", State.ACCEPTED, True)
    ]


@pytest.mark.parametrize(
    ("action", "state", "who"),
    [
        ("submit", State.DRAFT, "head_a"),
        ("submit", State.DRAFT, "prep_b"),
        ("submit", State.DRAFT, "rev_x"),
        ("approve", State.SUBMITTED, "prep_a"),
        ("approve", State.SUBMITTED, "head_b"),
        ("approve", State.SUBMITTED, "admin"),
        ("return", State.UNDER_REVIEW, "rev_y"),
        ("return", State.UNDER_REVIEW, "head_a"),
        ("accept", State.UNDER_REVIEW, "rev_y"),
        ("accept", State.UNDER_REVIEW, "prep_a"),
        ("publish", State.ACCEPTED, "rev_y"),
        ("publish", State.ACCEPTED, "head_a"),
        ("withdraw", State.PUBLISHED, "rev_y"),
        ("withdraw", State.PUBLISHED, "prep_a"),
        ("resubmit", State.RETURNED, "prep_b"),
    ],
)
def test_the_wrong_person_is_refused(
    world: World, ready: Submission, action: str, state: State, who: str
) -> None:
    Submission.objects.filter(pk=ready.pk).update(state=state)
    ready.refresh_from_db()
    with pytest.raises(NotAllowed, match=f"只有.+可以“{TRANSITIONS[action].label}”"):
        submission_transition(
            submission=ready, action=action, by=getattr(world, who), comment="意见"
        )
    ready.refresh_from_db()
    assert ready.state == state


def test_an_administrator_reviews_any_region(world: World, ready: Submission) -> None:
    _step(world, ready, "submit")
    _step(world, ready, "approve")
    submission_transition(submission=ready, action="accept", by=world.admin)
    assert ready.state == State.ACCEPTED


def test_returning_needs_a_comment_and_keeps_comments_on_findings_and_fields(
    world: World, ready: Submission
) -> None:
    _step(world, ready, "submit")
    _step(world, ready, "approve")
    with pytest.raises(InvalidInput, match="请填写退回意见"):
        _step(world, ready, "return", comment="  ")
    comments = [
        CommentInput(CommentTarget.FIELD, "请核实", key="three_public.total", label="三公"),
        CommentInput(CommentTarget.FINDING, "请改正", key="basic-equals-personnel-plus-public"),
    ]
    event = _step(world, ready, "return", comments=comments)
    assert [c.key for c in event.comments.all()] == [
        "three_public.total",
        "basic-equals-personnel-plus-public",
    ]


def test_submitting_needs_data_and_a_finished_intake(world: World) -> None:
    empty = world.submission(world.a2)
    from apps.accounts.models import Role
    from apps.accounts.services import user_create

    prep = user_create(username="p2", password="x-123456", role=Role.PREPARER, unit=world.a2)
    with pytest.raises(InvalidInput, match="还没有数据"):
        submission_transition(submission=empty, action="submit", by=prep)


def test_a_stale_page_cannot_move_the_report(world: World, ready: Submission) -> None:
    seen = ready.lock_version
    _step(world, ready, "submit")
    _step(world, ready, "send_back", comment="改")
    with pytest.raises(Conflict, match="刷新"):
        _step(world, ready, "submit", lock_version=seen)


def test_available_actions_follow_state_and_person(world: World, ready: Submission) -> None:
    assert [t.action for t in available(world.prep_a, ready)] == ["submit"]
    assert available(world.head_a, ready) == []
    _step(world, ready, "submit")
    assert [t.action for t in available(world.head_a, ready)] == ["approve", "send_back"]
    _step(world, ready, "approve")
    assert [t.action for t in available(world.rev_x, ready)] == ["return", "accept"]
    assert available(world.rev_y, ready) == []


def test_the_pages_walk_the_workflow(world: World, ready: Submission) -> None:
    client = Client()
    client.force_login(world.prep_a)
    url = f"/reviews/{ready.pk}/"
    assert client.post(url + "submit/").status_code == 302
    client.force_login(world.head_a)
    client.post(url + "approve/")
    client.force_login(world.rev_x)
    form = client.get(url + "return/comment/")
    assert form.status_code == 200 and "对审核发现的意见" in form.content.decode()
    refused = client.post(url + "return/comment/", {"field_0_text": "只写了意见"})
    assert refused.status_code == 400
    assert "只写了意见" in refused.content.decode()  # typed text kept
    done = client.post(
        url + "return/comment/",
        {"comment": "请修改", "field_0": "three_public.total", "field_0_text": "请核实三公"},
    )
    assert done.status_code == 302
    ready.refresh_from_db()
    assert ready.state == State.RETURNED
    client.force_login(world.prep_a)
    page = client.get(f"/submissions/{ready.pk}/").content.decode()
    assert "退回意见" in page and "请核实三公" in page and "请修改" in page
    client.force_login(world.prep_b)
    assert client.post(url + "resubmit/").status_code == 404


def test_a_refused_step_on_the_page_says_why(world: World, ready: Submission) -> None:
    client = Client()
    client.force_login(world.prep_a)
    response = client.post(f"/reviews/{ready.pk}/accept/", follow=True)
    assert "不能“审核通过”" in response.content.decode()
