"""A unit's report: the page with findings beside the text, the edit forms, uploads, files,
versions and their differences."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_POST

from apps import memo
from apps.accounts.policy import as_member, can_prepare
from apps.downloads import attachment
from apps.errors import Conflict, ServiceError
from apps.reviews.selectors import event_list, notice_of, passed_errors
from apps.reviews.workflow import available
from apps.submissions import amendments, diffing, engine, scores, slot_checks, storage
from apps.submissions.basic_data import compare as basic_compare
from apps.submissions.fields import FIELDS, NARRATIVES, get_path
from apps.submissions.forms import (
    FunctionalFormSet,
    IndicatorFormSet,
    ReportDataForm,
    UploadForm,
    data_from_forms,
    evidence_quotes,
    functional_initial,
    indicator_initial,
    initial_of,
)
from apps.submissions.highlight import highlight
from apps.submissions.models import (
    NOT_DELIVERED_STATES,
    IntakeState,
    Submission,
    SubmissionVersion,
)
from apps.submissions.selectors import (
    document_get,
    document_list,
    latest_document,
    submission_get,
    version_get,
    version_list,
)
from apps.submissions.services import document_upload, submission_data_save


def _figures(
    data: dict[str, Any], changed: list[dict[str, Any]] | None = None
) -> list[tuple[str, str, Any, dict[str, Any] | None]]:
    """(group, label, value, its amendment or None) of every report field, in form order."""
    marks = amendments.by_path(changed)
    return [
        (spec.group, spec.label, get_path(data, spec.path), marks.get(spec.path)) for spec in FIELDS
    ]


def _slot_warnings(submission: Submission) -> list[str]:
    """The messages saying the uploaded file is not this slot's (unit, year or kind); the
    findings are read only when the denormalized codes say there is one."""
    if not set(submission.finding_codes) & slot_checks.SLOT_CODES:
        return []
    return [f["message"] for f in submission.findings if f["code"] in slot_checks.SLOT_CODES]


@login_required
def submission_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    submission = submission_get(user=request.user, pk=pk, light=True)
    documents = list(document_list(submission=submission))
    latest = documents[0] if documents else None
    reading = latest is not None and latest.intake_state in (
        IntakeState.QUEUED,
        IntakeState.RUNNING,
    )
    document = submission.document
    # The history changes only with a workflow step, which bumps lock_version (comments and
    # versions are written in the same step): remembered per process under it (apps.memo).
    events, versions = memo.pages.get_or_compute(
        ("submission-history", submission.pk, submission.lock_version),
        lambda: (
            list(event_list(submission=submission)),
            list(version_list(submission=submission)),
        ),
    )
    notice = notice_of(submission=submission, last=events[-1] if events else None)
    # The report's findings, text and data are remembered per process under its lock_version
    # ({% remember %} in the template): computed lazily, so that a remembered page never
    # reads the document's text nor highlights it again.
    text = SimpleLazyObject(lambda: document.text if document is not None else "")
    shown = SimpleLazyObject(lambda: highlight(str(text), submission.findings))
    context = {
        "s": submission,
        "overdue": submission.campaign.is_overdue_on() and submission.state in NOT_DELIVERED_STATES,
        "latest": latest,
        "reading": reading,
        "shown": shown,
        "has_text": lambda: bool(str(text)),
        "notice": notice,
        "finding_comments": notice.by_finding() if notice is not None else {},
        "passes": passed_errors(events=events, submission=submission),
        "figures": lambda: _figures(submission.data, submission.amendments),
        "amended": amendments.shown(submission.amendments),
        "slot_warnings": _slot_warnings(submission),
        "score_rows": scores.rows(submission),
        # Callables: the template calls them only when it renders the report's parts anew.
        "functional": lambda: get_path(submission.data, "spending.functional") or [],
        "narratives": lambda: [
            (label, submission.data.get(n) or []) for n, label in NARRATIVES.items()
        ],
        "indicators": lambda: submission.data.get("indicators") or [],
        "actions": available(request.user, submission),
        "can_edit": submission.editable and can_prepare(request.user, submission.unit_id),
        "upload_form": UploadForm(),
        "documents": documents,
        "versions": versions,
        "events": events,
        "render_formats": engine.RENDER_FORMATS,
    }
    return render(request, "submissions/detail.html", context)


@login_required
def submission_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    submission = submission_get(user=request.user, pk=pk)
    if not (submission.editable and can_prepare(request.user, submission.unit_id)):
        messages.error(request, "这份报告当前不能由您修改")
        return redirect("submissions:detail", pk=pk)
    data = submission.data
    evidence = evidence_quotes(data)
    conflict: list[diffing.Change] | None = None
    status = 200
    if request.method == "POST":
        form = ReportDataForm(request.POST, evidence=evidence)
        functional = FunctionalFormSet(request.POST, prefix="functional")
        indicators = IndicatorFormSet(request.POST, prefix="indicators")
        if form.is_valid() and functional.is_valid() and indicators.is_valid():
            new_data = data_from_forms(data, form, functional, indicators)
            member = as_member(request.user)
            assert member is not None
            try:
                submission_data_save(
                    submission=submission,
                    data=new_data,
                    lock_version=form.cleaned_data["lock_version"],
                    by=member,
                )
            except Conflict as error:
                messages.error(request, error.message)
                submission.refresh_from_db()
                conflict = diffing.compare(new_data, submission.data)
                # The user's input stays; the next save is made knowingly over the latest.
                post = request.POST.copy()
                post["lock_version"] = str(submission.lock_version)
                form = ReportDataForm(post, evidence=evidence)
                form.is_valid()
                status = 409
            except ServiceError as error:
                messages.error(request, error.message)
                status = error.status
            else:
                messages.success(request, "已保存，并已重新核对")
                return redirect("submissions:detail", pk=pk)
        else:
            messages.error(request, "有填写错误，请按提示修改；您填写的内容均已保留")
            status = 400
    else:
        form = ReportDataForm(initial=initial_of(data, submission.lock_version), evidence=evidence)
        functional = FunctionalFormSet(initial=functional_initial(data), prefix="functional")
        indicators = IndicatorFormSet(initial=indicator_initial(data), prefix="indicators")
    context = {
        "s": submission,
        "form": form,
        "functional": functional,
        "indicators": indicators,
        "conflict": conflict,
        "findings": submission.findings,
        # The comments the report came back with, beside the fields they are about.
        "notice": notice_of(submission=submission, last=event_list(submission=submission).last()),
    }
    return render(request, "submissions/edit.html", context, status=status)


@login_required
@require_POST
def document_upload_view(request: HttpRequest, pk: int) -> HttpResponse:
    submission = submission_get(user=request.user, pk=pk)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
        return redirect("submissions:detail", pk=pk)
    member = as_member(request.user)
    assert member is not None
    try:
        document_upload(submission=submission, upload=form.cleaned_data["file"], by=member)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "文件已上传，正在读取……")
    return redirect("submissions:detail", pk=pk)


@login_required
def document_download_view(request: HttpRequest, pk: int, document_id: int) -> FileResponse:
    submission = submission_get(user=request.user, pk=pk)
    document = document_get(submission=submission, pk=document_id)
    try:
        handle = storage.path_of(document.stored_name).open("rb")
    except (OSError, ServiceError) as error:
        raise Http404("文件已不在服务器上") from error
    return attachment(FileResponse(handle), document.original_name)


def _changes(previous: SubmissionVersion, version: SubmissionVersion) -> list[diffing.Change]:
    """The report's data, then the 基础数据 the unit filled in beside it."""
    basic = [
        diffing.Change(label=f"基础数据 · {c.label}", before=c.before, after=c.after)
        for c in basic_compare(previous.basic_data or {}, version.basic_data or {})
    ]
    return diffing.compare(previous.data, version.data) + basic


@login_required
def version_detail_view(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    submission = submission_get(user=request.user, pk=pk)
    version = version_get(submission=submission, number=number)
    previous = version_get(submission=submission, number=number - 1) if number > 1 else None
    context = {
        "s": submission,
        "v": version,
        "previous": previous,
        "figures": _figures(version.data, version.amendments),
        "amended": amendments.shown(version.amendments),
        "changes": _changes(previous, version) if previous else None,
        "findings": version.findings,
    }
    return render(request, "submissions/version.html", context)


@login_required
def submission_status_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A tiny page for scripts and tests: the latest document's reading state."""
    submission = submission_get(user=request.user, pk=pk)
    latest = latest_document(submission=submission)
    state = latest.intake_state if latest else ""
    return HttpResponse(state, content_type="text/plain; charset=utf-8")
