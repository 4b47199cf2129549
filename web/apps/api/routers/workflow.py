"""The workflow: take a step, read the history and the submitted versions."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status

from apps.api.auth import caller
from apps.api.errors import ErrorOut
from apps.api.etags import not_modified, optional_lock, stale, submission_etag
from apps.api.outputs import event_out, version_detail, version_out
from apps.api.params import Id
from apps.api.schemas import ChangeOut, EventOut, TransitionIn, VersionDetail, VersionOut
from apps.errors import Conflict
from apps.reviews.models import CommentTarget
from apps.reviews.selectors import event_list
from apps.reviews.services import CommentInput, submission_transition
from apps.submissions import diffing
from apps.submissions.selectors import submission_get, version_get, version_list

router = Router(tags=["审核流程"])
ERRORS: dict[int, Any] = dict.fromkeys((400, 401, 403, 404, 409, 412, 422), ErrorOut)


@router.post(
    "/submissions/{pk}/transitions",
    response={201: EventOut, **ERRORS},
    summary="流程操作（提交、审核、退回、重新报送、通过、公开）",
)
def transition_new(request: HttpRequest, pk: Id, body: TransitionIn, response: HttpResponse) -> Any:
    """可带 If-Match（报告的 ETag）：报告在此期间被修改则返回 412，不做任何操作。"""
    user = caller(request)
    submission = submission_get(user=user, pk=pk)
    lock = optional_lock(request, submission)
    comments = [
        CommentInput(target=CommentTarget(c.target), text=c.text, key=c.key, label=c.label)
        for c in body.comments
    ]
    try:
        event = submission_transition(
            submission=submission,
            action=body.action,
            by=user,
            comment=body.comment,
            comments=comments,
            lock_version=lock,
            confirmed=True,  # an API call is deliberate: the web page asks for confirmation
        )
    except Conflict:
        submission.refresh_from_db()
        if lock is not None and submission.lock_version != lock:
            raise stale(submission) from None
        raise
    response["ETag"] = submission_etag(submission)
    event = event_list(submission=submission).get(pk=event.pk)
    return Status(201, event_out(event))


@router.get(
    "/submissions/{pk}/events", response={200: list[EventOut], **ERRORS}, summary="流程记录"
)
def events_list(request: HttpRequest, pk: Id) -> Any:
    submission = submission_get(user=caller(request), pk=pk)
    return [event_out(e) for e in event_list(submission=submission)]


@router.get(
    "/submissions/{pk}/versions", response={200: list[VersionOut], **ERRORS}, summary="报送版本"
)
def versions_list(request: HttpRequest, pk: Id) -> Any:
    submission = submission_get(user=caller(request), pk=pk)
    return [version_out(v) for v in version_list(submission=submission)]


@router.get(
    "/submissions/{pk}/versions/{number}",
    response={200: VersionDetail, **ERRORS},
    summary="报送版本的内容（不可更改）",
)
def version_read(request: HttpRequest, pk: Id, number: Id, response: HttpResponse) -> Any:
    submission = submission_get(user=caller(request), pk=pk)
    version = version_get(submission=submission, number=number)
    etag = f'"s{submission.pk}-v{version.number}"'  # a version never changes
    cached = not_modified(request, etag)
    response["ETag"] = etag
    return cached or version_detail(version)


@router.get(
    "/submissions/{pk}/versions/{number}/changes",
    response={200: list[ChangeOut], **ERRORS},
    summary="与上一版本相比的改动",
)
def version_changes(request: HttpRequest, pk: Id, number: Id) -> Any:
    submission = submission_get(user=caller(request), pk=pk)
    version = version_get(submission=submission, number=number)
    if number == 1:
        return []
    previous = version_get(submission=submission, number=number - 1)
    changes = diffing.compare(previous.data, version.data)
    return [{"label": c.label, "before": c.before, "after": c.after} for c in changes]
