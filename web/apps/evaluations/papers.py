"""Writes on the working papers (工作底稿): the document request list sent to the unit and the
files it gives, site-visit notes, satisfaction surveys; and the unit's written response to
the draft report. Each keeps who and when; files live outside the web root."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from apps.accounts import policy
from apps.accounts.models import User
from apps.audit.models import AuditAction
from apps.audit.services import audit_record
from apps.errors import Conflict, InvalidInput, NotAllowed
from apps.evaluations.models import (
    DocumentRequest,
    Feedback,
    KeyProject,
    ProjectState,
    RequestFile,
    SiteVisit,
    Survey,
)
from apps.evaluations.selectors import assignments_of
from apps.submissions import storage

FILE_SUFFIXES = (".pdf", ".docx", ".xlsx", ".txt", ".jpg", ".jpeg", ".png", ".zip")
MAX_FILES = 10
# Working papers are kept while the evaluation is under way; after the report is final they
# are the record and do not change.
OPEN_STATES = (ProjectState.EVALUATING, ProjectState.PANEL)


def _check_papers(project: KeyProject, by: User, what: str) -> None:
    if not policy.can_keep_papers(by, project.unit.region_id, assignments_of(project=project)):
        raise NotAllowed(f"只有本项目的评价人员和组织评价的财政审核人可以{what}")
    if project.state not in OPEN_STATES:
        label = ProjectState(project.state).label
        raise Conflict(f"项目当前为“{label}”，工作底稿已归档，不能再{what}")


def request_create(
    *, project: KeyProject, title: str, due_date: datetime.date, detail: str = "", by: User
) -> DocumentRequest:
    """An item of the document request list, with the date the unit must answer by."""
    _check_papers(project, by, "向单位索取资料")
    if not title.strip():
        raise InvalidInput("请填写需要单位提供的资料名称")
    if due_date < timezone.localdate():
        raise InvalidInput("提交期限不能早于今天")
    with transaction.atomic():
        request = DocumentRequest.objects.create(
            project=project,
            title=title.strip()[:128],
            detail=detail.strip()[:2000],
            due_date=due_date,
            requested_by=by,
        )
        summary = {"title": request.title, "due_date": due_date.isoformat()}
        audit_record(action=AuditAction.CREATE, actor=by, target=request, summary=summary)
    return request


def request_upload(
    *, request: DocumentRequest, files: Sequence[UploadedFile], note: str = "", by: User
) -> list[RequestFile]:
    """The unit's files for one request: all of them stored, or none."""
    project = request.project
    if not policy.can_answer_for_unit(by, project.unit_id):
        raise NotAllowed("只有被评价单位的填报人可以提交资料")
    if project.state not in OPEN_STATES:
        raise Conflict("评价已进入报告阶段，不能再提交资料")
    if not files:
        raise InvalidInput("请选择要提交的文件")
    if len(files) > MAX_FILES:
        raise InvalidInput(f"一次最多提交{MAX_FILES}个文件")
    for upload in files:
        name = PurePath(upload.name or "").name
        if PurePath(name).suffix.lower() not in FILE_SUFFIXES:
            raise InvalidInput(f"“{name}”的格式不能提交（可用：{'、'.join(FILE_SUFFIXES)}）")
        if not upload.size:
            raise InvalidInput(f"“{name}”是空文件")
    stored: list[tuple[str, storage.Stored]] = []
    try:
        for upload in files:
            name = PurePath(upload.name or "").name
            saved = storage.save_chunks(
                upload.chunks(),
                folder=f"key-projects/{project.pk}",
                suffix=PurePath(name).suffix,
                limit=settings.UPLOAD_LIMIT_BYTES,
                original=name,
            )
            stored.append((name, saved))
        with transaction.atomic():
            rows = [
                RequestFile.objects.create(
                    request=request,
                    original_name=name[:255],
                    stored_name=saved.name,
                    size=saved.size,
                    sha256=saved.sha256,
                    note=note.strip()[:200],
                    uploaded_by=by,
                )
                for name, saved in stored
            ]
            summary = {"files": [name for name, _ in stored], "request": request.title}
            audit_record(action=AuditAction.UPLOAD, actor=by, target=request, summary=summary)
    except BaseException:
        for _, saved in stored:  # no file without its record
            storage.remove(saved.name)
        raise
    return rows


def visit_record(
    *, project: KeyProject, visited_on: datetime.date, place: str, people: str, notes: str, by: User
) -> SiteVisit:
    _check_papers(project, by, "记录现场核查")
    if not place.strip() or not notes.strip() or not people.strip():
        raise InvalidInput("请填写核查地点、参加人员和核查情况")
    if visited_on > timezone.localdate():
        raise InvalidInput("核查日期不能晚于今天")
    with transaction.atomic():
        visit = SiteVisit.objects.create(
            project=project,
            visited_on=visited_on,
            place=place.strip()[:128],
            people=people.strip()[:200],
            notes=notes.strip()[:5000],
            recorded_by=by,
        )
        summary = {"visited_on": visited_on.isoformat(), "place": visit.place}
        audit_record(action=AuditAction.CREATE, actor=by, target=visit, summary=summary)
    return visit


def survey_record(
    *,
    project: KeyProject,
    subject: str,
    method: str,
    sample: int | None,
    satisfied: int | None,
    rate: Decimal | None,
    by: User,
) -> Survey:
    """A satisfaction survey; a rate without its sample is kept, and flagged where shown."""
    _check_papers(project, by, "记录满意度调查")
    if not subject.strip() or not method.strip():
        raise InvalidInput("请填写调查对象和调查方式")
    if rate is None and satisfied is None:
        raise InvalidInput("请填写满意度或满意样本数")
    if rate is not None and not Decimal(0) <= rate <= 100:
        raise InvalidInput("满意度应在0至100之间")
    if rate is None and sample and satisfied is not None and satisfied <= sample:
        rate = (Decimal(satisfied) * 100 / sample).quantize(Decimal("0.01"))
    with transaction.atomic():
        survey = Survey.objects.create(
            project=project,
            subject=subject.strip()[:128],
            method=method.strip()[:64],
            sample=sample,
            satisfied=satisfied,
            rate=rate,
            recorded_by=by,
        )
        summary = {"sample": sample, "satisfied": satisfied, "rate": str(rate)}
        audit_record(action=AuditAction.CREATE, actor=by, target=survey, summary=summary)
    return survey


def feedback_give(*, project: KeyProject, agrees: bool, text: str, by: User) -> Feedback:
    """The unit's written response to the draft report (once), before it is made final."""
    if not policy.can_answer_for_unit(by, project.unit_id):
        raise NotAllowed("只有被评价单位的填报人可以反馈意见")
    if project.state != ProjectState.DRAFT:
        raise Conflict("只有征求意见阶段可以反馈意见")
    if not text.strip():
        raise InvalidInput("请填写对评价报告的意见；无异议也请写明")
    with transaction.atomic():
        locked = KeyProject.objects.select_for_update().get(pk=project.pk)
        if Feedback.objects.filter(project=locked).exists():
            raise Conflict("本单位已经反馈过意见")
        feedback = Feedback.objects.create(
            project=locked, agrees=agrees, text=text.strip()[:5000], given_by=by
        )
        summary = {"agrees": agrees}
        audit_record(action=AuditAction.CREATE, actor=by, target=feedback, summary=summary)
    return feedback
