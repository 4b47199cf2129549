"""Reads on the workflow: the history of a report, the comments to address, the work waiting."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from apps.accounts.models import Role
from apps.accounts.policy import as_member
from apps.reviews.models import ReviewComment, ReviewEvent
from apps.submissions.models import State, Submission


def event_list(*, submission: Submission) -> QuerySet[ReviewEvent]:
    return (
        submission.events.select_related("actor", "version")
        .prefetch_related("comments")
        .order_by("at", "id")
    )


def open_comments(*, submission: Submission) -> list[ReviewComment]:
    """The comments of the last return, while the report is back with the unit."""
    if submission.state not in (State.RETURNED, State.DRAFT):
        return []
    last = (
        submission.events.filter(action__in=("return", "send_back")).order_by("-at", "-id").first()
    )
    return list(last.comments.all()) if last else []


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
        Submission.objects.filter(scope, state__in=_WAITING_FOR[member.role])
        .select_related("campaign", "unit")
        .defer("data", "findings", "scorecard")
        .order_by("campaign__deadline", "unit__code")
    )
