"""Workflow steps. Each one checks the state and the person, moves the state, and writes one
event row (who, when, from, to, comment), all in one transaction with the row locked, so two
people clicking at once cannot both move it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F

from apps.accounts.models import User
from apps.errors import Conflict, IllegalTransition, InvalidInput, NotAllowed
from apps.publications.services import publication_create
from apps.reviews.models import CommentTarget, ReviewComment, ReviewEvent
from apps.reviews.workflow import TRANSITIONS, Transition
from apps.submissions.models import IntakeState, State, Submission
from apps.submissions.services import version_create


@dataclass(frozen=True, slots=True)
class CommentInput:
    """A reviewer's comment: on a finding (key = its code), a field (key = its path), or all."""

    target: CommentTarget
    text: str
    key: str = ""
    label: str = ""


def submission_transition(
    *,
    submission: Submission,
    action: str,
    by: User,
    comment: str = "",
    comments: Sequence[CommentInput] = (),
    lock_version: int | None = None,
) -> ReviewEvent:
    """Take one workflow step; IllegalTransition, NotAllowed, Conflict or InvalidInput when
    it cannot be taken, with nothing written."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise IllegalTransition(f"没有“{action}”这个操作")
    comment = comment.strip()
    comments = [c for c in comments if c.text.strip()]
    with transaction.atomic():
        locked = (
            Submission.objects.select_for_update()
            .select_related("unit", "campaign")
            .get(pk=submission.pk)
        )
        _check(transition, locked, by, comment=comment, comments=comments)
        if lock_version is not None and locked.lock_version != lock_version:
            raise Conflict("报告在您查看期间已被他人修改，请刷新页面后再操作")
        version = version_create(submission=locked, by=by) if transition.snapshots else None
        from_state = locked.state
        locked.state = transition.target
        locked.lock_version = F("lock_version") + 1
        locked.save(
            update_fields=["state", "lock_version", "current_version", "submitted_at", "updated_at"]
        )
        locked.refresh_from_db(fields=["lock_version"])
        event = ReviewEvent.objects.create(
            submission=locked,
            action=transition.action,
            from_state=from_state,
            to_state=transition.target,
            actor=by,
            comment=comment,
            version=version or locked.current_version,
        )
        ReviewComment.objects.bulk_create(
            ReviewComment(
                event=event, target=c.target, key=c.key[:128], label=c.label[:255], text=c.text
            )
            for c in comments
        )
        if transition.target == State.PUBLISHED:
            publication_create(submission=locked, by=by)
    submission.refresh_from_db()
    return event


def _check(
    transition: Transition,
    submission: Submission,
    by: User,
    *,
    comment: str,
    comments: Sequence[CommentInput],
) -> None:
    if submission.state not in transition.sources:
        raise IllegalTransition(
            f"报告当前状态为“{State(submission.state).label}”，不能“{transition.label}”"
        )
    if not transition.allowed(by, submission):
        raise NotAllowed(f"只有{transition.who}可以“{transition.label}”")
    if transition.needs_comment and not comment and not comments:
        raise InvalidInput("请填写退回意见，说明需要修改的地方")
    if transition.snapshots:
        _check_ready(submission)


def _check_ready(submission: Submission) -> None:
    reading = submission.documents.filter(
        intake_state__in=(IntakeState.QUEUED, IntakeState.RUNNING)
    ).exists()
    if reading:
        raise Conflict("报告文件正在读取，请读取完成并核对数据后再提交")
    if submission.document_id is None and submission.total is None:
        raise InvalidInput("报告还没有数据：请上传报告文件或在表单中填写支出数据后再提交")


def submission_submit(*, submission: Submission, by: User) -> ReviewEvent:
    return submission_transition(submission=submission, action="submit", by=by)


def submission_approve(*, submission: Submission, by: User, comment: str = "") -> ReviewEvent:
    return submission_transition(submission=submission, action="approve", by=by, comment=comment)


def submission_send_back(*, submission: Submission, by: User, comment: str) -> ReviewEvent:
    return submission_transition(submission=submission, action="send_back", by=by, comment=comment)


def submission_return(
    *,
    submission: Submission,
    by: User,
    comment: str,
    comments: Sequence[CommentInput] = (),
) -> ReviewEvent:
    return submission_transition(
        submission=submission, action="return", by=by, comment=comment, comments=comments
    )


def submission_resubmit(*, submission: Submission, by: User, comment: str = "") -> ReviewEvent:
    return submission_transition(submission=submission, action="resubmit", by=by, comment=comment)


def submission_accept(*, submission: Submission, by: User, comment: str = "") -> ReviewEvent:
    return submission_transition(submission=submission, action="accept", by=by, comment=comment)


def submission_publish(*, submission: Submission, by: User) -> ReviewEvent:
    return submission_transition(submission=submission, action="publish", by=by)
