"""Writes on rectification: the bureau issues a notice, the unit answers it with attachments,
the bureau closes it or sends it back. Steps go through the shared workflow machine."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from apps.accounts import policy
from apps.accounts.models import User
from apps.audit.models import AuditAction
from apps.audit.services import audit_record
from apps.errors import InvalidInput, NotAllowed
from apps.rectification.models import (
    Attachment,
    Notice,
    NoticeEvent,
    NoticeState,
    Reply,
    Source,
)
from apps.reviews.machine import Move, Transition, Workflow
from apps.submissions import storage
from apps.submissions.models import Submission
from apps.targets.models import TargetEvaluation
from apps.units.models import Unit

ATTACHMENT_SUFFIXES = (".pdf", ".docx", ".xlsx", ".txt", ".jpg", ".jpeg", ".png", ".zip")
MAX_ATTACHMENTS = 10


def _unit_preparer(user: Any, notice: Notice) -> bool:
    return policy.can_prepare(user, notice.unit_id)


def _region_reviewer(user: Any, notice: Notice) -> bool:
    return policy.can_review(user, notice.unit.region_id)


STEPS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition(
            "answer", "提交整改反馈", (NoticeState.SENT,), NoticeState.ANSWERED, "本单位填报人",
            _unit_preparer,
        ),
        Transition(
            "close", "确认整改完成", (NoticeState.ANSWERED,), NoticeState.CLOSED,
            "本区域财政审核人", _region_reviewer,
        ),
        Transition(
            "reopen", "退回继续整改", (NoticeState.ANSWERED,), NoticeState.SENT,
            "本区域财政审核人", _region_reviewer, needs_comment=True,
        ),
    )
}  # fmt: skip

NOTICE_WORKFLOW: Workflow[Notice] = Workflow(
    noun="整改通知",
    model=Notice,
    transitions=STEPS,
    labels=dict(NoticeState.choices),
    related=("unit",),
    comment_prompt="请填写意见，说明还需要整改的地方",
)


def notice_issue(
    *,
    unit: Unit,
    year: int,
    source: str,
    reasons: str,
    requirements: str,
    due_date: datetime.date,
    by: User,
    number: str = "",
    grade: str = "",
    submission: Submission | None = None,
    evaluation: TargetEvaluation | None = None,
) -> Notice:
    """Send a rectification notice to a unit (the region's reviewer or an administrator)."""
    if not policy.can_review(by, unit.region_id):
        raise NotAllowed("只有本区域的财政审核人可以发出整改通知")
    if not reasons.strip() or not requirements.strip():
        raise InvalidInput("请填写整改事由和整改要求")
    if source not in Source.values:
        raise InvalidInput("整改依据无效")
    for linked in (submission, evaluation):
        if linked is not None and linked.unit_id != unit.pk:
            raise InvalidInput("整改依据不属于该单位")
    with transaction.atomic():
        notice = Notice.objects.create(
            unit=unit,
            year=year,
            number=number.strip(),
            source=source,
            submission=submission,
            evaluation=evaluation,
            grade=grade[:8],
            reasons=reasons.strip(),
            requirements=requirements.strip(),
            due_date=due_date,
            issued_by=by,
        )
        NoticeEvent.objects.create(
            notice=notice, action="issue", from_state="", to_state=NoticeState.SENT, actor=by
        )
        summary = {"year": year, "grade": grade, "due_date": due_date.isoformat()}
        audit_record(action=AuditAction.CREATE, actor=by, target=notice, summary=summary)
    return notice


def _stored_files(
    notice: Notice, files: Sequence[UploadedFile]
) -> list[tuple[str, storage.Stored]]:
    if len(files) > MAX_ATTACHMENTS:
        raise InvalidInput(f"一次最多上传{MAX_ATTACHMENTS}个附件")
    for upload in files:
        name = PurePath(upload.name or "").name
        if PurePath(name).suffix.lower() not in ATTACHMENT_SUFFIXES:
            allowed = "、".join(ATTACHMENT_SUFFIXES)
            raise InvalidInput(f"“{name}”的格式不能作为附件（可用：{allowed}）")
        if not upload.size:
            raise InvalidInput(f"“{name}”是空文件")
    stored: list[tuple[str, storage.Stored]] = []
    try:
        for upload in files:
            name = PurePath(upload.name or "").name
            saved = storage.save_chunks(
                upload.chunks(),
                folder=f"rectification/{notice.pk}",
                suffix=PurePath(name).suffix,
                limit=settings.UPLOAD_LIMIT_BYTES,
                original=name,
            )
            stored.append((name, saved))
    except BaseException:
        for _, saved in stored:
            storage.remove(saved.name)
        raise
    return stored


def notice_answer(
    *,
    notice: Notice,
    text: str,
    files: Sequence[UploadedFile] = (),
    by: User,
    lock_version: int | None = None,
) -> Reply:
    """The unit's reply with its attachments; the notice moves to 已反馈."""
    if not text.strip():
        raise InvalidInput("请填写整改情况：采取了哪些措施、取得了什么结果")
    NOTICE_WORKFLOW.check(NOTICE_WORKFLOW.transition("answer"), notice, by, commented=True)
    stored = _stored_files(notice, files)

    def record(move: Move[Notice]) -> Reply:
        reply = Reply.objects.create(notice=move.subject, text=text.strip(), by=by)
        Attachment.objects.bulk_create(
            Attachment(
                reply=reply,
                original_name=name[:255],
                stored_name=saved.name,
                size=saved.size,
                sha256=saved.sha256,
            )
            for name, saved in stored
        )
        _event(move, by)
        summary = {"files": [name for name, _ in stored], "after": {"state": NoticeState.ANSWERED}}
        audit_record(action=AuditAction.TRANSITION, actor=by, target=move.subject, summary=summary)
        return reply

    try:
        return NOTICE_WORKFLOW.take(
            subject=notice, action="answer", by=by, record=record, lock_version=lock_version
        )
    except BaseException:
        for _, saved in stored:  # no file without its record
            storage.remove(saved.name)
        raise


def _event(move: Move[Notice], by: User) -> NoticeEvent:
    return NoticeEvent.objects.create(
        notice=move.subject,
        action=move.transition.action,
        from_state=move.from_state,
        to_state=move.transition.target,
        actor=by,
        comment=move.comment,
    )


def notice_transition(
    *, notice: Notice, action: str, by: User, comment: str = "", lock_version: int | None = None
) -> NoticeEvent:
    """The bureau's steps: close (整改完成) or reopen (退回继续整改, with a comment)."""
    if action == "answer":
        raise InvalidInput("请在整改反馈页面填写整改情况")

    def record(move: Move[Notice]) -> NoticeEvent:
        event = _event(move, by)
        summary = {
            "action": move.transition.action,
            "before": {"state": move.from_state},
            "after": {"state": str(move.transition.target)},
            "comment": move.comment,
        }
        audit_record(action=AuditAction.TRANSITION, actor=by, target=move.subject, summary=summary)
        return event

    return NOTICE_WORKFLOW.take(
        subject=notice,
        action=action,
        by=by,
        record=record,
        comment=comment,
        lock_version=lock_version,
    )
