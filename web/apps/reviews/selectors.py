"""Reads on the workflow: the history of a report, why it was sent back, the work waiting
(待办) and the work done (已办)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Q, QuerySet

from apps.accounts.models import Role
from apps.accounts.policy import as_member, units_q
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


_SENT_BACK = ("return", "send_back", "dept_return")


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
    Role.DEPARTMENT: (State.DEPT_REVIEW,),
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
    elif member.role == Role.DEPARTMENT:
        scope = Q(unit__department_id=member.unit_id)
    return (
        Submission.objects.filter(scope, state__in=_WAITING_FOR.get(member.role, ()))
        .select_related("campaign", "unit")
        .defer("data", "findings", "scorecard")
        .order_by("campaign__deadline", "unit__code")
    )


@dataclass(frozen=True, slots=True)
class Done:
    """A report this user has acted on (已办): its last step by them."""

    submission: Submission
    event: ReviewEvent


def done_list(*, user: Any, limit: int = 200) -> list[Done]:
    """The reports this user took a workflow step on, most recent step first (已办)."""
    member = as_member(user)
    if member is None:
        return []
    mine = ReviewEvent.objects.filter(actor=member)
    last_ids = mine.values("submission_id").annotate(last=Max("id")).order_by("-last")[:limit]
    events = (
        ReviewEvent.objects.filter(pk__in=[row["last"] for row in last_ids])
        .filter(units_q(member, prefix="submission__unit__"))
        .select_related("submission", "submission__unit", "submission__campaign")
        .defer("submission__data", "submission__findings", "submission__scorecard")
        .order_by("-at", "-id")
    )
    return [Done(e.submission, e) for e in events]


def done_count(*, user: Any) -> int:
    member = as_member(user)
    if member is None:
        return 0
    return ReviewEvent.objects.filter(actor=member).values("submission_id").distinct().count()


def passed_errors(*, events: Sequence[ReviewEvent], submission: Submission) -> list[ReviewEvent]:
    """The steps that passed this report on with open errors (accept, publish), each with its
    written reason, while it is still accepted or published: shown beside the grade."""
    if submission.state not in (State.ACCEPTED, State.PUBLISHED):
        return []
    found: list[ReviewEvent] = []
    for event in events:
        if event.action in ("return", "withdraw", "resubmit"):
            found = [e for e in found if e.action == "accept"] if event.action == "withdraw" else []
        elif event.open_errors:
            found.append(event)
    return found
