"""Why a report came back, at the top of its page, while it is back with the unit.

The reviewer's overall comment, who returned it and when, and the comments on single fields
and findings; gone once the unit sends the report again; escaped like every other text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils.timezone import localtime

from apps.reviews.models import CommentTarget
from apps.reviews.selectors import ReturnNotice, event_list, notice_of
from apps.reviews.services import CommentInput, submission_transition
from apps.submissions.models import State, Submission
from apps.units.models import Unit
from tests.web.conftest import World, report_for

Upload = Callable[..., Submission]


@pytest.fixture
def under_review(world: World, upload: Upload) -> Submission:
    # With a deliberate inconsistency, so that there is a finding to comment on.
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a, flaw="three"))
    assert submission.findings
    submission_transition(submission=submission, action="submit", by=world.prep_a)
    submission_transition(submission=submission, action="approve", by=world.head_a)
    return submission


def _return(world: World, submission: Submission, comment: str, **texts: str) -> None:
    finding = submission.findings[0]
    submission_transition(
        submission=submission,
        action="return",
        by=world.rev_x,
        comment=comment,
        comments=[
            CommentInput(
                target=CommentTarget.FIELD,
                key="three_public.total",
                label="“三公”经费合计",
                text=texts.get("field", "请核实三公经费合计"),
            ),
            CommentInput(
                target=CommentTarget.FINDING,
                key=str(finding["code"]),
                label=str(finding["message"]),
                text=texts.get("finding", "这条发现请说明原因"),
            ),
        ],
    )


def _page(user: Any, submission: Submission) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(f"/submissions/{submission.pk}/")
    assert response.status_code == 200
    return str(response.content.decode())


def _notice(page: str) -> str:
    """The notice's HTML; it stands above the workflow buttons."""
    found = re.search(r'<section class="card notice" id="return-notice".*?</section>', page, re.S)
    assert found is not None, "no return notice on the page"
    assert page.index('id="return-notice"') < page.index('id="workflow"')
    return found.group(0)


def test_the_unit_sees_who_returned_it_when_and_why(world: World, under_review: Submission) -> None:
    _return(world, under_review, "请按财政局口径重新核对支出数据\n并补充问题部分")
    under_review.refresh_from_db()
    event = under_review.events.order_by("-id").first()
    assert event is not None and under_review.state == State.RETURNED
    for user in (world.prep_a, world.head_a):
        notice = _notice(_page(user, under_review))
        assert "退回意见" in notice
        assert str(world.rev_x) in notice and "财政审核人" in notice
        assert localtime(event.at).strftime("%Y-%m-%d %H:%M") in notice
        assert "退回单位修改" in notice and "请按以下意见修改后再提交" in notice
        assert "请按财政局口径重新核对支出数据<br>并补充问题部分" in notice
        assert "“三公”经费合计" in notice and "请核实三公经费合计" in notice
        assert "对审核发现的意见" in notice and "这条发现请说明原因" in notice
    # The reviewer, and nobody outside the unit's region, still reach the same page.
    assert "请按财政局口径" in _notice(_page(world.rev_x, under_review))
    client = Client()
    client.force_login(world.prep_b)
    assert client.get(f"/submissions/{under_review.pk}/").status_code == 404


def _resubmit(world: World, submission: Submission) -> None:
    """The preparer sends it again, and it goes through the unit's head again."""
    submission_transition(submission=submission, action="resubmit", by=world.prep_a)
    submission_transition(submission=submission, action="approve", by=world.head_a)


def test_the_notice_goes_once_the_report_is_sent_again(
    world: World, under_review: Submission
) -> None:
    _return(world, under_review, "第一次退回的意见")
    _resubmit(world, under_review)
    page = _page(world.prep_a, under_review)
    assert 'id="return-notice"' not in page
    assert "第一次退回的意见" in page  # still in the history, only not as a notice
    # Returned again: the notice shows the latest return only.
    _return(world, under_review, "第二次退回的意见", field="第二次的数据项意见")
    notice = _notice(_page(world.prep_a, under_review))
    assert "第二次退回的意见" in notice and "第二次的数据项意见" in notice
    assert "第一次退回的意见" not in notice and "请核实三公经费合计" not in notice
    _resubmit(world, under_review)
    submission_transition(
        submission=under_review, action="accept", by=world.rev_x, comment="差异已核实，同意通过"
    )
    assert 'id="return-notice"' not in _page(world.head_a, under_review)


def test_a_send_back_by_the_head_shows_in_the_draft(world: World, upload: Upload) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    submission_transition(submission=submission, action="submit", by=world.prep_a)
    submission_transition(
        submission=submission, action="send_back", by=world.head_a, comment="负责人：请补充附件"
    )
    notice = _notice(_page(world.prep_a, submission))
    assert "负责人：请补充附件" in notice and "退回填报人修改" in notice
    assert str(world.head_a) in notice and "单位负责人" in notice
    submission_transition(submission=submission, action="submit", by=world.prep_a)
    assert 'id="return-notice"' not in _page(world.prep_a, submission)


def test_every_comment_is_escaped(world: World, under_review: Submission) -> None:
    _return(
        world,
        under_review,
        '<script>alert("总体")</script>',
        field="<img src=x onerror=alert(1)>",
        finding="<b>加粗</b>",
    )
    notice = _notice(_page(world.prep_a, under_review))
    assert "<script>" not in notice and "<img" not in notice and "<b>" not in notice
    assert "&lt;script&gt;alert(&quot;总体&quot;)&lt;/script&gt;" in notice
    assert "&lt;img src=x onerror=alert(1)&gt;" in notice
    assert "&lt;b&gt;加粗&lt;/b&gt;" in notice


def test_the_page_comments_of_the_form_reach_the_notice(
    world: World, under_review: Submission
) -> None:
    client = Client()
    client.force_login(world.rev_x)
    done = client.post(
        f"/reviews/{under_review.pk}/return/comment/",
        {
            "comment": "经办人：数据与附表不一致",
            "finding_0": "请逐项核对",
            "field_0": "three_public.total",
            "field_0_text": "与决算表不符",
        },
    )
    assert done.status_code == 302
    notice = _notice(_page(world.prep_a, under_review))
    for text in ("经办人：数据与附表不一致", "请逐项核对", "与决算表不符"):
        assert text in notice


def _notice_of(submission: Submission) -> ReturnNotice | None:
    """As the report's page reads it: from the history it shows."""
    events = list(event_list(submission=submission))
    return notice_of(submission=submission, last=events[-1] if events else None)


def test_the_notice_costs_two_queries_however_long_the_history(
    world: World,
    under_review: Submission,
    django_assert_num_queries: Callable[..., Any],
) -> None:
    for round_ in range(3):
        _return(world, under_review, f"第{round_ + 1}次")
        _resubmit(world, under_review)
    _return(world, under_review, "最后一次")
    under_review.refresh_from_db()
    with django_assert_num_queries(2):  # the history with its actors, then its comments
        notice = _notice_of(under_review)
    assert notice is not None and notice.event.comment == "最后一次"
    assert notice.event.actor == world.rev_x
    assert [c.text for c in notice.fields] == ["请核实三公经费合计"]
    assert list(notice.by_finding()) == [under_review.findings[0]["code"]]
    _resubmit(world, under_review)
    under_review.refresh_from_db()
    with django_assert_num_queries(2):
        assert _notice_of(under_review) is None


def test_a_report_never_returned_has_no_notice(world: World, upload: Upload) -> None:
    unit: Unit = world.a
    submission = upload(world.submission(unit), world.prep_a, report_for(unit))
    assert _notice_of(submission) is None
    assert 'id="return-notice"' not in _page(world.prep_a, submission)
