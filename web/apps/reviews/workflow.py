"""The workflow as data: which action moves which states where, and who may take it.

draft → submitted (preparer) → the unit's head approves it: to its department in charge
(主管部门初审) when the unit has one, which passes it on to the finance bureau or returns it to
the unit with comments; otherwise straight to the bureau (under review). The bureau returns it
(with comments) or accepts it, then publishes it; a publication can be withdrawn (with a
reason) back to accepted. The head may also send a submitted report back to draft. Every
resubmission after a return goes to the unit's head again (and on through the department): a
report the bureau returned arrives there as resubmitted.

Accepting or publishing a report with open errors (错误-level findings) needs a written reason
(``gated``): the step is refused without one and the reason stays in the history.
"""

from __future__ import annotations

from typing import Any

from apps.accounts import policy
from apps.reviews.machine import Transition
from apps.submissions.models import State, Submission

__all__ = ["TRANSITIONS", "UNIT_TRANSITIONS", "Transition", "available"]


def _preparer(user: Any, submission: Submission) -> bool:
    return policy.can_prepare(user, submission.unit_id)


def _head(user: Any, submission: Submission) -> bool:
    return policy.can_approve(user, submission.unit_id)


def _head_to_bureau(user: Any, submission: Submission) -> bool:
    return submission.unit.department_id is None and _head(user, submission)


def _head_to_department(user: Any, submission: Submission) -> bool:
    has_department = submission.unit.department_id is not None
    return has_department and _head(user, submission)


def _department(user: Any, submission: Submission) -> bool:
    return policy.can_pre_review(user, submission.unit.department_id)


def _reviewer(user: Any, submission: Submission) -> bool:
    return policy.can_review(user, submission.unit.region_id)


def to_bureau(submission: Submission) -> str:
    """Where a report arriving at the bureau lands: resubmitted when the bureau returned it
    before, under review the first time."""
    returned = submission.events.filter(action="return").exists()
    return State.RESUBMITTED if returned else State.UNDER_REVIEW


_AT_BUREAU = (State.UNDER_REVIEW, State.RESUBMITTED)

# The plain path a unit's target tables and self-evaluations take (apps.targets): preparer,
# head, the region's reviewer; no department step, nothing to publish there.
UNIT_TRANSITIONS: dict[str, Transition] = {
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
            "return", "退回单位修改", _AT_BUREAU, State.RETURNED, "本区域财政审核人", _reviewer,
            needs_comment=True,
        ),
        Transition(
            "resubmit", "重新报送", (State.RETURNED,), State.RESUBMITTED, "本单位填报人",
            _preparer, snapshots=True,
        ),
        Transition(
            "accept", "审核通过", _AT_BUREAU, State.ACCEPTED, "本区域财政审核人", _reviewer,
        ),
    )
}  # fmt: skip

# A unit's report (apps.submissions).

TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition(
            "submit", "提交单位负责人审核", (State.DRAFT,), State.SUBMITTED, "本单位填报人",
            _preparer, snapshots=True,
        ),
        Transition(
            "approve", "审核通过并报送财政局", (State.SUBMITTED,), State.UNDER_REVIEW,
            "本单位负责人（单位无主管部门时）", _head_to_bureau, route=to_bureau,
        ),
        Transition(
            "approve_dept", "审核通过并报送主管部门", (State.SUBMITTED,), State.DEPT_REVIEW,
            "本单位负责人（单位有主管部门时）", _head_to_department,
        ),
        Transition(
            "send_back", "退回填报人修改", (State.SUBMITTED,), State.DRAFT, "本单位负责人",
            _head, needs_comment=True,
        ),
        Transition(
            "dept_pass", "初审通过并报送财政局", (State.DEPT_REVIEW,), State.UNDER_REVIEW,
            "本单位的主管部门审核人", _department, route=to_bureau,
        ),
        Transition(
            "dept_return", "初审退回单位修改", (State.DEPT_REVIEW,), State.RETURNED,
            "本单位的主管部门审核人", _department, needs_comment=True,
            prompt="请填写初审意见，说明需要单位修改的地方",
        ),
        Transition(
            "return", "退回单位修改", _AT_BUREAU, State.RETURNED, "本区域财政审核人", _reviewer,
            needs_comment=True,
        ),
        Transition(
            "resubmit", "重新提交单位负责人审核", (State.RETURNED,), State.SUBMITTED,
            "本单位填报人", _preparer, snapshots=True,
        ),
        Transition(
            "accept", "审核通过", _AT_BUREAU, State.ACCEPTED, "本区域财政审核人", _reviewer,
            gated=True,
        ),
        Transition(
            "publish", "公开", (State.ACCEPTED,), State.PUBLISHED, "本区域财政审核人", _reviewer,
            gated=True, confirmed=True,
        ),
        Transition(
            "withdraw", "撤回公开", (State.PUBLISHED,), State.ACCEPTED, "本区域财政审核人",
            _reviewer, needs_comment=True, prompt="请填写撤回公开的理由",
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
