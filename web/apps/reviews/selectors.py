"""Reads on the workflow: the history of a report, why it was sent back, the work waiting."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from apps.accounts.models import Role
from apps.accounts.policy import as_member
from apps.reviews.models import CommentTarget, ReviewComment, ReviewEvent
from apps.reviews.workflow import TRANSITIONS
from apps.submissions.models import State, Submission


def event_list(*, submission: Submission) -> QuerySet[ReviewEvent]:
    return (
        submission.events.select_related("actor", "version")
        .prefetch_related("comments")
        .order_by("at", "id")
    )


@dataclass(frozen=True, slots=True)
class ReturnNotice:
    """Why the report is back with the unit: the step that sent it back and its comments."""

    event: ReviewEvent  # who (``actor``, loaded), when (``at``), the overall ``comment``
    general: list[ReviewComment]
    fields: list[ReviewComment]
    findings: list[ReviewComment]

    @property
    def label(self) -> str:
        """The step's name as its button said it: 退回单位修改, 退回填报人修改."""
        return TRANSITIONS[self.event.action].label

    def by_finding(self) -> dict[str, list[ReviewComment]]:
        """The finding comments by the finding's code, to show each under its finding."""
        found: dict[str, list[ReviewComment]] = {}
        for comment in self.findings:
            found.setdefault(comment.key, []).append(comment)
        return found


_SENT_BACK = ("return", "send_back")


def notice_of(*, submission: Submission, last: ReviewEvent | None) -> ReturnNotice | None:
    """The last return (reviewer) or send-back (head) while the report still sits in the state
    it put it in; None once the unit has moved it on (resubmitted, submitted again).

    ``last`` is the report's last event, from the history the caller has read already
    (``event_list``, comments prefetched): no query more, however long the history."""
    if last is None or last.action not in _SENT_BACK or last.to_state != submission.state:
        return None
    comments = list(last.comments.all())
    return ReturnNotice(
        event=last,
        general=[c for c in comments if c.target == CommentTarget.GENERAL],
        fields=[c for c in comments if c.target == CommentTarget.FIELD],
        findings=[c for c in comments if c.target == CommentTarget.FINDING],
    )


_WAITING_FOR: dict[str, tuple[State, ...]] = {
    Role.PREPARER: (State.DRAFT, State.RETURNED),
    Role.HEAD: (State.SUBMITTED,),
    Role.REVIEWER: (State.UNDER_REVIEW, State.RESUBMITTED, State.ACCEPTED),
    Role.ADMIN: (State.UNDER_REVIEW, State.RESUBMITTED, State.ACCEPTED),
}


def worklist(*, user: Any) -> QuerySet[Submission]:
    """The reports waiting for this user's action, oldest deadline first."""
    member = as_member(user)
    if member is None:
        return Submission.objects.none()
    scope = Q()
    if member.role in (Role.PREPARER, Role.HEAD):
        scope = Q(unit_id=member.unit_id)
    elif member.role == Role.REVIEWER:
        scope = Q(unit__region_id=member.region_id)
    return (
        Submission.objects.filter(scope, state__in=_WAITING_FOR.get(member.role, ()))
        .select_related("campaign", "unit")
        .defer("data", "findings", "scorecard")
        .order_by("campaign__deadline", "unit__code")
    )
