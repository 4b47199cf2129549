"""Writes on submissions: create, upload, read in the background, edit, snapshot a version.

Who may do what is checked here too (``apps.accounts.policy``), not only in views, so that the
API and the worker go through the same gate. State changes are ``apps.reviews.services``.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from pathlib import Path, PurePath
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from apps.accounts.models import User
from apps.accounts.policy import can_prepare
from apps.audit.models import AuditAction
from apps.audit.services import audit_record
from apps.campaigns.models import Campaign
from apps.errors import Conflict, InvalidInput, NotAllowed, TooLarge
from apps.submissions import (
    amendments,
    diffing,
    engine,
    evaluation,
    read_cache,
    reading,
    storage,
)
from apps.submissions.models import (
    Document,
    IntakeState,
    State,
    Submission,
    SubmissionVersion,
)
from apps.submissions.reading import too_large_message
from apps.submissions.rendering import renderings_discard_stale_on_commit
from apps.submissions.reportdata import Data, data_from_report, empty_data
from apps.units.models import Unit

_log = logging.getLogger(__name__)

ACCEPTED_SUFFIXES = engine.READABLE_SUFFIXES
_SHOWN, _LISTED = 500, 300  # what a kept reading's list of differences holds at most


def submission_create(*, campaign: Campaign, unit: Unit) -> Submission:
    """The empty draft of a unit covered by a campaign (or the one that exists)."""
    submission, _ = Submission.objects.get_or_create(
        campaign=campaign,
        unit=unit,
        defaults={"data": empty_data(unit_name=unit.name, year=campaign.year)},
    )
    return submission


def check_editable(submission: Submission, by: User | None) -> None:
    if by is not None and not can_prepare(by, submission.unit_id):
        raise NotAllowed("只有本单位的填报人可以修改本单位的报告")
    if not submission.editable:
        raise Conflict(
            f"报告当前状态为“{State(submission.state).label}”，不能修改；"
            "只有草稿或被退回的报告可以修改"
        )


def document_upload(
    *,
    submission: Submission,
    upload: UploadedFile,
    by: User,
    check: Callable[[Path, str], None] | None = None,
) -> Document:
    """Store a report file and queue its reading; the working data is replaced when it is read.

    ``check(path, original name)`` runs on the stored file before its record is written and
    outside any transaction (the API's quick check); raising there leaves nothing behind."""
    check_editable(submission, by)
    original = PurePath(upload.name or "").name
    suffix = PurePath(original).suffix.lower()
    if suffix not in ACCEPTED_SUFFIXES:
        raise InvalidInput(f"“{original}”不是可读取的报告文件：请上传 {engine.READABLE_NAMES} 文件")
    if not upload.size:
        raise InvalidInput(f"“{original}”是空文件")
    if upload.size > settings.INTAKE_MAX_BYTES:
        raise TooLarge(too_large_message(original, upload.size, settings.INTAKE_MAX_BYTES))
    document = document_store(
        submission=submission,
        chunks=upload.chunks(),
        original_name=original,
        by=by,
        check=check,
    )
    return document


def data_digest(data: Data) -> str:
    """A digest of a report's data: equal digests, equal data."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_store(
    *,
    submission: Submission,
    chunks: Any,
    original_name: str,
    by: User | None,
    enqueue: bool = True,
    check: Callable[[Path, str], None] | None = None,
) -> Document:
    """Write the file, record it (one short transaction), and read it in the worker once the
    record is committed (``enqueue=False``: the caller reads it itself with
    ``document_intake``). The file is written, and checked, before any transaction opens."""
    folder = f"submissions/{submission.campaign_id}/{submission.unit_id}"
    stored = storage.save_chunks(
        chunks,
        folder=folder,
        suffix=PurePath(original_name).suffix,
        limit=settings.UPLOAD_LIMIT_BYTES,
        original=original_name,
    )
    try:
        if check is not None:
            check(storage.path_of(stored.name), original_name)
        with transaction.atomic():
            current = Submission.objects.filter(pk=submission.pk).values_list("data", flat=True)
            document = Document.objects.create(
                submission=submission,
                original_name=original_name[:255],
                stored_name=stored.name,
                size=stored.size,
                sha256=stored.sha256,
                uploaded_by=by,
                base_digest=data_digest(current.get()),
            )
            summary = {"document": document.pk, "file": document.original_name, "size": stored.size}
            audit_record(action=AuditAction.UPLOAD, actor=by, target=submission, summary=summary)
            if enqueue:
                transaction.on_commit(lambda: _enqueue_intake(document.pk))
    except BaseException:
        storage.remove(stored.name)  # no file without its record
        raise
    return document


def _enqueue_intake(document_id: int) -> None:
    from apps.submissions.tasks import intake_document  # noqa: PLC0415 (tasks import services)

    intake_document.enqueue(document_id)


def document_intake(*, document_id: int) -> Document:
    """Read a stored document (in the worker) and make it the submission's working data.

    No transaction is held while the file is read (``apps.submissions.reading``, within its
    size and time budget); the result is written in one short transaction, and only if the
    report's data has not been changed by anyone since the upload."""
    updated = Document.objects.filter(
        pk=document_id, intake_state__in=(IntakeState.QUEUED, IntakeState.RUNNING)
    ).update(intake_state=IntakeState.RUNNING)
    document = Document.objects.select_related("submission__campaign", "submission__unit").get(
        pk=document_id
    )
    if not updated:
        return document  # already read (a retried task): nothing to do
    try:
        return _intake(document)
    except Exception:
        _log.exception("intake of document %s failed", document_id)
        _intake_failed(document, "读取时发生内部错误，请稍后重新上传；如仍失败请联系管理员")
        raise


def _intake(document: Document) -> Document:
    try:
        base = reading.read_within_budget(
            storage.path_of(document.stored_name),
            source=document.original_name,
            progress=_page_progress(document),
        )
    except engine.ReadError as error:
        return _intake_failed(document, str(error))
    except OSError:
        return _intake_failed(document, "报告文件无法打开，请重新上传")
    read_cache.keep(storage.path_of(document.stored_name), base)  # later edits need not read it
    data = data_from_report(base)
    submission = document.submission
    evaluated = evaluation.evaluate(submission=submission, data=data, document=document, base=base)
    data = evaluation.with_standard_names(data, evaluated.report)
    with transaction.atomic():
        fresh = Submission.objects.select_for_update().get(pk=submission.pk)
        if not fresh.editable:
            message = f"报告已处于“{State(fresh.state).label}”状态，此文件未替换报告数据"
            return _intake_done(document, base.text, message)
        if _changed_since_upload(document, fresh):
            return _intake_kept(document, fresh, data, base.text)
        write_working_copy(fresh, data=data, evaluated=evaluated, by=document.uploaded_by)
        Submission.objects.filter(pk=fresh.pk).update(document=document)
        document.written_digest = data_digest(
            Submission.objects.filter(pk=fresh.pk).values_list("data", flat=True).get()
        )
        message = _summary(evaluated.findings)
        summary = {"document": document.pk, "file": document.original_name, "result": message}
        audit_record(action=AuditAction.INTAKE, target=fresh, summary=summary)
        return _intake_done(document, base.text, message)


def _changed_since_upload(document: Document, fresh: Submission) -> bool:
    """Whether somebody changed the report's data after this file was uploaded. The reading
    of an earlier upload is no such change (two files uploaded in a row: the later wins)."""
    if not document.base_digest:
        return False  # uploaded before digests were kept
    current = data_digest(fresh.data)
    if current == document.base_digest:
        return False
    return not Document.objects.filter(
        submission_id=fresh.pk, pk__lt=document.pk, written_digest=current
    ).exists()


def _intake_kept(document: Document, fresh: Submission, data: Data, text: str) -> Document:
    """The data was changed since the upload: it stays; what the file states is listed."""
    changes = [
        {"field": c.label, "before": c.before[:_SHOWN], "after": c.after[:_SHOWN]}
        for c in diffing.compare(fresh.data, data)
    ][:_LISTED]
    message = (
        "读取完成，但报告数据在上传此文件后已被修改，为免覆盖，文件中的数据未替换报告数据。"
        + (f"文件与当前数据有{len(changes)}处不同（见下方）；" if changes else "")
        + "如需采用文件中的数据，请核对后重新上传此文件"
    )
    document.intake_changes = changes
    summary = {"document": document.pk, "file": document.original_name, "kept": len(changes)}
    audit_record(action=AuditAction.INTAKE, target=fresh, summary=summary)
    return _intake_done(document, text, message)


def _page_progress(document: Document) -> Any:
    """Tells the page how far OCR has got: the intake message while the document is read
    (the page shows it and refreshes itself)."""

    def step(done: int, total: int) -> None:
        Document.objects.filter(pk=document.pk, intake_state=IntakeState.RUNNING).update(
            intake_message=f"正在识别扫描件中的文字：第 {done}/{total} 页"
        )

    return step


def _summary(findings: list[dict[str, Any]]) -> str:
    errors = sum(1 for f in findings if f["severity"] == "error")
    warnings = sum(1 for f in findings if f["severity"] == "warning")
    return f"已读取：发现错误{errors}条、警告{warnings}条"


def _intake_done(document: Document, text: str, message: str) -> Document:
    document.intake_state = IntakeState.DONE
    document.intake_message = message
    document.text = text
    document.save(
        update_fields=["intake_state", "intake_message", "text", "written_digest", "intake_changes"]
    )
    return document


def _intake_failed(document: Document, message: str) -> Document:
    document.intake_state = IntakeState.FAILED
    document.intake_message = message
    with transaction.atomic():
        document.save(update_fields=["intake_state", "intake_message"])
        summary = {"document": document.pk, "file": document.original_name, "failed": message}
        audit_record(action=AuditAction.INTAKE, target=document.submission, summary=summary)
    return document


def write_working_copy(
    submission: Submission,
    *,
    data: Data,
    evaluated: evaluation.Evaluated,
    by: User | None,
    expected_lock: int | None = None,
) -> int:
    """Write data, findings, score and figures in one UPDATE guarded by the lock version.

    Returns the number of rows written: 0 means somebody else wrote first. Once it commits,
    the files rendered from the earlier data are removed.
    """
    rows = Submission.objects.filter(pk=submission.pk)
    if expected_lock is not None:
        rows = rows.filter(lock_version=expected_lock)
    now = timezone.now()
    changed = amendments.amendments_of(
        stated=evaluated.stated,
        data=data,
        previous=_kept_amendments(submission),
        by=str(by) if by is not None else "",
        at=timezone.localtime(now).isoformat(timespec="minutes"),
    )
    written = rows.update(
        data=data,
        findings=evaluated.findings + amendments.findings_of(changed),
        amendments=changed,
        scorecard=evaluated.scored.card if evaluated.scored else None,
        lock_version=F("lock_version") + 1,
        updated_at=now,
        updated_by=by,
        **evaluation.denormalized(data, evaluated),
    )
    if written:  # registered after the write: outside a transaction it runs at once
        renderings_discard_stale_on_commit(submission_id=submission.pk)
    return written


def _kept_amendments(submission: Submission) -> list[dict[str, Any]]:
    """The amendments as the database holds them (the instance may have deferred them)."""
    if "amendments" in submission.get_deferred_fields():
        found = Submission.objects.filter(pk=submission.pk).values_list("amendments", flat=True)
        return list(found.first() or [])
    return list(submission.amendments or [])


def submission_data_save(
    *, submission: Submission, data: Data, lock_version: int, by: User
) -> Submission:
    """Save the edited data and audit it again.

    ``lock_version`` is the one the user's form was built on: when somebody saved in between,
    Conflict is raised and nothing is written, so the second editor never overwrites the first.
    """
    check_editable(submission, by)
    evaluated = evaluation.evaluate(submission=submission, data=data, document=submission.document)
    data = evaluation.with_standard_names(data, evaluated.report)
    with transaction.atomic():
        written = write_working_copy(
            submission, data=data, evaluated=evaluated, by=by, expected_lock=lock_version
        )
        if not written:
            raise Conflict(
                "保存失败：在您编辑期间，他人已修改了这份报告。您填写的内容仍在下方，"
                "请核对最新数据后再保存"
            )
        changed = [
            {"field": c.label, "before": c.before, "after": c.after}
            for c in diffing.compare(submission.data, data)
        ]
        summary = {"changes": changed, "lock_version": lock_version + 1}
        audit_record(action=AuditAction.UPDATE, actor=by, target=submission, summary=summary)
    submission.refresh_from_db()
    return submission


def submission_refresh(*, submission: Submission) -> Submission:
    """Audit and score the working data again (after the core's rules or scoring changed)."""
    evaluated = evaluation.evaluate(
        submission=submission, data=submission.data, document=submission.document
    )
    with transaction.atomic():
        write_working_copy(submission, data=submission.data, evaluated=evaluated, by=None)
        summary = {"refresh": "重新核对与评分"}
        audit_record(action=AuditAction.UPDATE, target=submission, summary=summary)
    submission.refresh_from_db()
    return submission


def version_create(*, submission: Submission, by: User) -> SubmissionVersion:
    """Snapshot the working copy as the next version.

    Called inside the caller's transaction; sets ``current_version`` (and ``submitted_at`` the
    first time) on ``submission``, which the caller saves with the new state.
    """
    last = submission.versions.order_by("-number").values_list("number", flat=True).first()
    version = SubmissionVersion.objects.create(
        submission=submission,
        number=(last or 0) + 1,
        data=submission.data,
        findings=submission.findings,
        scorecard=submission.scorecard,
        basic_data=submission.basic_data,
        amendments=submission.amendments,
        document=submission.document,
        score=submission.score,
        grade=submission.grade,
        created_by=by,
    )
    submission.current_version = version
    if submission.submitted_at is None:
        submission.submitted_at = timezone.now()
    return version
