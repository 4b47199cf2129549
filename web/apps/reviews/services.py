"""Workflow steps. Each one checks the state and the person, moves the state, and writes one
event row (who, when, from, to, comment), all in one transaction with the row locked, so two
people clicking at once cannot both move it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from apps.accounts.models import User
from apps.audit.models import AuditAction
from apps.audit.services import audit_record
from apps.errors import Conflict, InvalidInput
from apps.publications.services import publication_create, publication_withdraw
from apps.reviews.machine import Move, Workflow
from apps.reviews.models import CommentTarget, ReviewComment, ReviewEvent
from apps.reviews.workflow import TRANSITIONS
from apps.submissions.models import IntakeState, State, Submission, SubmissionVersion
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
    confirmed: bool = False,
) -> ReviewEvent:
    """Take one workflow step; IllegalTransition, NotAllowed, Conflict or InvalidInput when
    it cannot be taken, with nothing written. Publishing needs ``confirmed`` (the person saw
    the confirmation page); accepting or publishing with open errors needs a reason."""
    comments = [c for c in comments if c.text.strip()]

    def record(move: Move[Submission]) -> ReviewEvent:
        locked, transition, from_state = move.subject, move.transition, move.from_state
        comment = move.comment
        event = ReviewEvent.objects.create(
            submission=locked,
            action=transition.action,
            from_state=from_state,
            to_state=move.to_state,
            actor=by,
            comment=comment,
            open_errors=move.open_errors,
            version=move.version or locked.current_version,
        )
        ReviewComment.objects.bulk_create(
            ReviewComment(
                event=event, target=c.target, key=c.key[:128], label=c.label[:255], text=c.text
            )
            for c in comments
        )
        if move.to_state == State.PUBLISHED:
            publication_create(
                submission=locked, by=by, open_errors=move.open_errors, reason=comment
            )
        elif transition.action == "withdraw":
            publication_withdraw(submission=locked)
        summary = {
            "action": transition.action,
            "before": {"state": from_state},
            "after": {"state": str(move.to_state)},
            "comment": comment,
            "open_errors": move.open_errors,
            "comments": len(comments),
            "version": event.version.number if event.version else None,
        }
        audit_record(action=AuditAction.TRANSITION, actor=by, target=locked, summary=summary)
        return event

    return SUBMISSION_WORKFLOW.take(
        subject=submission,
        action=action,
        by=by,
        record=record,
        comment=comment,
        commented=bool(comments),
        lock_version=lock_version,
        confirmed=confirmed,
    )


def _check_ready(submission: Submission) -> None:
    reading = submission.documents.filter(
        intake_state__in=(IntakeState.QUEUED, IntakeState.RUNNING)
    ).exists()
    if reading:
        raise Conflict("报告文件正在读取，请读取完成并核对数据后再提交")
    if submission.document_id is None and submission.total is None:
        raise InvalidInput("报告还没有数据：请上传报告文件或在表单中填写支出数据后再提交")


def _snapshot(submission: Submission, by: User) -> SubmissionVersion:
    return version_create(submission=submission, by=by)


# The report's workflow on the shared machine (apps.reviews.machine): the same checks, locks
# and messages as every other object that moves through states.
SUBMISSION_WORKFLOW: Workflow[Submission] = Workflow(
    noun="报告",
    model=Submission,
    transitions=TRANSITIONS,
    labels=dict(State.choices),
    related=("unit", "campaign"),
    ready=_check_ready,
    snapshot=_snapshot,
    snapshot_fields=("current_version", "submitted_at", "updated_at"),
    open_errors=lambda submission: submission.error_count,
)


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


def submission_publish(
    *, submission: Submission, by: User, comment: str = "", confirmed: bool = False
) -> ReviewEvent:
    return submission_transition(
        submission=submission, action="publish", by=by, comment=comment, confirmed=confirmed
    )


def submission_withdraw(*, submission: Submission, by: User, comment: str) -> ReviewEvent:
    return submission_transition(submission=submission, action="withdraw", by=by, comment=comment)
