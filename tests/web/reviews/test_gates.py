"""Gates that mean something: passing open errors needs a written reason, publishing is
confirmed and can be withdrawn, a resubmission goes through the unit's head again, and the
unit sees the reviewer's comments where it edits."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from apps.audit.models import AuditAction, AuditEntry
from apps.errors import IllegalTransition, InvalidInput
from apps.publications.models import Publication
from apps.reviews.models import ReviewEvent
from apps.reviews.services import submission_transition
from apps.submissions.models import State, Submission
from tests.web.conftest import World, report_for

Upload = Callable[..., Submission]
REASON = "三公经费差异系口径不同所致，已电话核实，同意通过"


def _at_bureau(world: World, submission: Submission) -> Submission:
    submission_transition(submission=submission, action="submit", by=world.prep_a)
    submission_transition(submission=submission, action="approve", by=world.head_a)
    return submission


@pytest.fixture
def flawed(world: World, upload: Upload) -> Submission:
    """A report with one open error (its 三公 total does not add up), with the bureau."""
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a, flaw="three"))
    assert submission.error_count == 1
    return _at_bureau(world, submission)


@pytest.fixture
def clean(world: World, upload: Upload) -> Submission:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    assert submission.error_count == 0
    return _at_bureau(world, submission)


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_accepting_open_errors_is_refused_without_a_reason(
    world: World, flawed: Submission
) -> None:
    for blank in ("", "   "):
        with pytest.raises(InvalidInput, match="还有 1 条错误未更正：“审核通过”须写明理由"):
            submission_transition(submission=flawed, action="accept", by=world.rev_x, comment=blank)
    flawed.refresh_from_db()
    assert flawed.state == State.UNDER_REVIEW
    assert not flawed.events.filter(action="accept").exists()

    event = submission_transition(
        submission=flawed, action="accept", by=world.rev_x, comment=REASON
    )
    assert (event.to_state, event.open_errors, event.comment) == (State.ACCEPTED, 1, REASON)
    audit = AuditEntry.objects.filter(action=AuditAction.TRANSITION).first()
    assert audit is not None and audit.summary["open_errors"] == 1


def test_a_clean_report_is_accepted_without_a_reason(world: World, clean: Submission) -> None:
    event = submission_transition(submission=clean, action="accept", by=world.rev_x)
    assert event.to_state == State.ACCEPTED and event.open_errors == 0


def test_the_reason_shows_beside_the_grade_and_in_the_history(
    world: World, flawed: Submission
) -> None:
    reviewer = _client(world.rev_x)
    url = f"/submissions/{flawed.pk}/"
    page = reviewer.get(url).content.decode()
    # With an open error, 审核通过 leads to the page that asks for the reason.
    assert f'href="/reviews/{flawed.pk}/accept/confirm/"' in page
    refused = reviewer.post(f"/reviews/{flawed.pk}/accept/confirm/", {"reason": " "})
    assert refused.status_code == 400
    assert "请写明通过的理由" in refused.content.decode()
    # The button's own endpoint refuses too, in Chinese, with nothing written.
    direct = reviewer.post(f"/reviews/{flawed.pk}/accept/", follow=True).content.decode()
    assert "须写明理由" in direct
    flawed.refresh_from_db()
    assert flawed.state == State.UNDER_REVIEW

    done = reviewer.post(f"/reviews/{flawed.pk}/accept/confirm/", {"reason": REASON})
    assert done.status_code == 302
    for who in (world.rev_x, world.prep_a):
        page = _client(who).get(url).content.decode()
        score = page.split('id="h-score"', 1)[1].split("</section>", 1)[0]
        assert "在 1 条错误未更正时审核通过" in score and REASON in score
        history = page.split('id="h-history"', 1)[1]
        assert "带 1 条未更正错误审核通过" in history and REASON in history


def test_publishing_asks_for_confirmation(world: World, clean: Submission) -> None:
    submission_transition(submission=clean, action="accept", by=world.rev_x)
    reviewer = _client(world.rev_x)
    page = reviewer.get(f"/submissions/{clean.pk}/").content.decode()
    assert f'href="/reviews/{clean.pk}/publish/confirm/"' in page
    # A bare POST to the step (a stale page, a script) does not publish.
    reviewer.post(f"/reviews/{clean.pk}/publish/", {"lock_version": clean.lock_version})
    clean.refresh_from_db()
    assert clean.state == State.ACCEPTED and not Publication.objects.exists()
    with pytest.raises(InvalidInput, match="请在确认页面核对后再“公开”"):
        submission_transition(submission=clean, action="publish", by=world.rev_x)

    confirm = reviewer.get(f"/reviews/{clean.pk}/publish/confirm/").content.decode()
    assert "确认公开" in confirm and "撤回公开" in confirm
    assert 'name="reason"' not in confirm  # no open error: nothing to justify
    done = reviewer.post(
        f"/reviews/{clean.pk}/publish/confirm/", {"lock_version": clean.lock_version}
    )
    assert done.status_code == 302
    clean.refresh_from_db()
    assert clean.state == State.PUBLISHED
    assert Publication.objects.get(submission=clean).open_errors == 0


def test_publishing_with_an_open_error_publishes_the_reason(
    world: World, flawed: Submission
) -> None:
    submission_transition(submission=flawed, action="accept", by=world.rev_x, comment=REASON)
    reviewer = _client(world.rev_x)
    confirm = reviewer.get(f"/reviews/{flawed.pk}/publish/confirm/").content.decode()
    assert 'id="open-errors"' in confirm and 'name="reason"' in confirm
    assert reviewer.post(f"/reviews/{flawed.pk}/publish/confirm/").status_code == 400
    assert (
        reviewer.post(
            f"/reviews/{flawed.pk}/publish/confirm/", {"reason": "公开理由：" + REASON}
        ).status_code
        == 302
    )
    publication = Publication.objects.get(submission=flawed)
    assert publication.open_errors == 1 and publication.reason == "公开理由：" + REASON
    public = Client()
    page = public.get(f"/public/reports/{publication.pk}/").content.decode()
    assert "公开时报告仍有 1 条审核错误未更正" in page and REASON in page
    assert "带1条错误公开" in public.get("/public/").content.decode()
    data = public.get(f"/public/reports/{publication.pk}.json").json()
    assert data["open_errors"] == 1 and data["open_errors_reason"] == "公开理由：" + REASON


def test_withdrawing_takes_it_off_the_public_pages_with_a_reason(
    world: World, clean: Submission
) -> None:
    submission_transition(submission=clean, action="accept", by=world.rev_x)
    submission_transition(submission=clean, action="publish", by=world.rev_x, confirmed=True)
    publication = Publication.objects.get(submission=clean)
    public = Client()
    assert world.a.name in public.get("/public/").content.decode()
    campaign_json = f"/public/campaigns/{world.campaign.pk}/data.json"
    assert len(public.get(campaign_json).json()["reports"]) == 1
    assert len(public.get("/api/public/reports").json()["items"]) == 1

    reviewer = _client(world.rev_x)
    assert "撤回公开" in reviewer.get(f"/submissions/{clean.pk}/").content.decode()
    form = reviewer.get(f"/reviews/{clean.pk}/withdraw/comment/").content.decode()
    assert "撤回公开的理由" in form
    refused = reviewer.post(f"/reviews/{clean.pk}/withdraw/comment/", {"comment": "  "})
    assert refused.status_code == 400 and "请填写撤回公开的理由" in refused.content.decode()
    assert Publication.objects.filter(pk=publication.pk).exists()

    reason = "单位反映人员经费数据有误，待核实后重新公开"
    done = reviewer.post(f"/reviews/{clean.pk}/withdraw/comment/", {"comment": reason})
    assert done.status_code == 302
    clean.refresh_from_db()
    assert clean.state == State.ACCEPTED
    assert not Publication.objects.filter(submission=clean).exists()
    assert world.a.name not in public.get("/public/").content.decode()
    assert public.get(f"/public/reports/{publication.pk}/").status_code == 404
    assert public.get(f"/public/reports/{publication.pk}.json").status_code == 404
    assert public.get(campaign_json).json()["reports"] == []
    assert public.get("/api/public/reports").json()["items"] == []  # the API's open data
    csv = public.get(f"/public/campaigns/{world.campaign.pk}/data.csv").content.decode()
    assert world.a.name not in csv
    event = clean.events.get(action="withdraw")
    assert (event.actor, event.comment, event.to_state) == (world.rev_x, reason, State.ACCEPTED)
    audit = AuditEntry.objects.filter(action=AuditAction.TRANSITION).first()
    assert audit is not None and audit.summary["action"] == "withdraw"
    assert audit.summary["comment"] == reason
    # It can be published again, from the confirmation page.
    submission_transition(submission=clean, action="publish", by=world.rev_x, confirmed=True)
    assert Publication.objects.filter(submission=clean).count() == 1


def test_a_resubmission_goes_through_the_head_again(world: World, flawed: Submission) -> None:
    submission_transition(submission=flawed, action="return", by=world.rev_x, comment="请改正")
    submission_transition(submission=flawed, action="resubmit", by=world.prep_a)
    assert flawed.state == State.SUBMITTED
    with pytest.raises(IllegalTransition, match="待负责人审核"):
        submission_transition(submission=flawed, action="accept", by=world.rev_x, comment=REASON)
    # The head may send it back to the preparer, or pass it on: it arrives as resubmitted.
    event = submission_transition(submission=flawed, action="approve", by=world.head_a)
    assert event.to_state == State.RESUBMITTED
    actions = list(ReviewEvent.objects.filter(submission=flawed).values_list("action", flat=True))
    assert actions == ["submit", "approve", "return", "resubmit", "approve"]


def test_the_unit_sees_the_comments_where_it_edits(world: World, flawed: Submission) -> None:
    reviewer = _client(world.rev_x)
    reviewer.post(
        f"/reviews/{flawed.pk}/return/comment/",
        {"comment": "请核实三公经费", "field_0": "three_public.total", "field_0_text": "合计不符"},
    )
    page = _client(world.prep_a).get(f"/submissions/{flawed.pk}/edit/").content.decode()
    notice = page.split('id="return-notice"', 1)[1].split("</section>", 1)[0]
    assert "退回意见" in notice and "请核实三公经费" in notice and "合计不符" in notice
    assert "请按以下意见修改后再提交" in notice
