"""The workflow as data: which action moves which states where, and who may take it.

draft → submitted (preparer) → under review (the unit's head approves and sends it to the
finance bureau) → returned (reviewer, with comments) ↔ resubmitted (preparer) → accepted
(reviewer) → published (reviewer). The head may also send a submitted report back to draft.
A published report never moves again.
"""

from __future__ import annotations

from typing import Any

from apps.accounts import policy
from apps.reviews.machine import Transition
from apps.submissions.models import State, Submission

__all__ = ["TRANSITIONS", "Transition", "available"]


def _preparer(user: Any, submission: Submission) -> bool:
    return policy.can_prepare(user, submission.unit_id)


def _head(user: Any, submission: Submission) -> bool:
    return policy.can_approve(user, submission.unit_id)


def _reviewer(user: Any, submission: Submission) -> bool:
    return policy.can_review(user, submission.unit.region_id)


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition(
            "submit", "提交单位负责人审核", (State.DRAFT,), State.SUBMITTED, "本单位填报人",
            _preparer, snapshots=True,
        ),
        Transition(
            "approve", "审核通过并报送财政局", (State.SUBMITTED,), State.UNDER_REVIEW,
            "本单位负责人", _head,
        ),
        Transition(
            "send_back", "退回填报人修改", (State.SUBMITTED,), State.DRAFT, "本单位负责人",
            _head, needs_comment=True,
        ),
        Transition(
            "return", "退回单位修改", (State.UNDER_REVIEW, State.RESUBMITTED), State.RETURNED,
            "本区域财政审核人", _reviewer, needs_comment=True,
        ),
        Transition(
            "resubmit", "重新报送", (State.RETURNED,), State.RESUBMITTED, "本单位填报人",
            _preparer, snapshots=True,
        ),
        Transition(
            "accept", "审核通过", (State.UNDER_REVIEW, State.RESUBMITTED), State.ACCEPTED,
            "本区域财政审核人", _reviewer,
        ),
        Transition(
            "publish", "公开", (State.ACCEPTED,), State.PUBLISHED, "本区域财政审核人", _reviewer,
        ),
    )
}  # fmt: skip


def available(user: Any, submission: Submission) -> list[Transition]:
    """The actions this user may take on this submission now, in workflow order."""
    return [
        t
        for t in TRANSITIONS.values()
        if submission.state in t.sources and t.allowed(user, submission)
    ]
