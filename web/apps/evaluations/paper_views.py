"""The working papers' pages: requests to the unit and its files, site visits, surveys; and
the unit's written response to the draft report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from apps.accounts import policy
from apps.downloads import attachment
from apps.errors import ServiceError
from apps.evaluations import forms as f
from apps.evaluations import selectors as s
from apps.evaluations.models import DocumentRequest, ProjectState, RequestFile
from apps.evaluations.papers import (
    feedback_give,
    request_create,
    request_upload,
    survey_record,
    visit_record,
)
from apps.evaluations.views import member_of
from apps.submissions import storage


def _form_errors(form: object) -> str:
    errors = getattr(form, "errors", {})
    return "；".join(str(e) for field in errors.values() for e in field) or "请检查填写的内容"


@login_required
@require_POST
def request_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    member = member_of(request)
    project = s.project_get(user=member, pk=pk)
    form = f.RequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("evaluations:project", pk=pk)
    try:
        created = request_create(project=project, by=member, **form.cleaned_data)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"已向单位索取：{created.title}")
    return redirect("evaluations:project", pk=pk)


def _request_of(request: HttpRequest, pk: int, request_id: int) -> DocumentRequest:
    project = s.project_get(user=member_of(request), pk=pk)
    found = project.requests.filter(pk=request_id).select_related("project__unit").first()
    if found is None:
        raise Http404("没有找到这项资料清单")
    return found


@login_required
@require_POST
def request_upload_view(request: HttpRequest, pk: int, request_id: int) -> HttpResponse:
    member = member_of(request)
    wanted = _request_of(request, pk, request_id)
    form = f.UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("evaluations:project", pk=pk)
    try:
        rows = request_upload(
            request=wanted,
            files=form.cleaned_data["files"],
            note=form.cleaned_data.get("note") or "",
            by=member,
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"已提交{len(rows)}个文件：{wanted.title}")
    return redirect("evaluations:project", pk=pk)


@login_required
def request_file_view(request: HttpRequest, pk: int, file_id: int) -> FileResponse:
    member = member_of(request)
    project = s.project_get(user=member, pk=pk)
    found = RequestFile.objects.filter(pk=file_id, request__project=project).first()
    if found is None:
        raise Http404("没有找到这个文件")
    try:
        handle = storage.path_of(found.stored_name).open("rb")
    except (OSError, ServiceError) as error:
        raise Http404("文件已不在服务器上") from error
    return attachment(FileResponse(handle), found.original_name)


@login_required
@require_POST
def visit_view(request: HttpRequest, pk: int) -> HttpResponse:
    member = member_of(request)
    project = s.project_get(user=member, pk=pk)
    form = f.VisitForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("evaluations:project", pk=pk)
    try:
        visit_record(project=project, by=member, **form.cleaned_data)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "已记录现场核查")
    return redirect("evaluations:project", pk=pk)


@login_required
@require_POST
def survey_view(request: HttpRequest, pk: int) -> HttpResponse:
    member = member_of(request)
    project = s.project_get(user=member, pk=pk)
    form = f.SurveyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("evaluations:project", pk=pk)
    try:
        survey_record(project=project, by=member, **form.cleaned_data)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "已记录满意度调查")
    return redirect("evaluations:project", pk=pk)


@login_required
def feedback_view(request: HttpRequest, pk: int) -> HttpResponse:
    member = member_of(request)
    project = s.project_get(user=member, pk=pk)
    if not policy.can_answer_for_unit(member, project.unit_id):
        raise PermissionDenied("只有被评价单位的填报人可以反馈意见")
    if project.state != ProjectState.DRAFT or hasattr(project, "feedback"):
        messages.error(request, "当前不需要反馈意见")
        return redirect("evaluations:project", pk=pk)
    form = f.FeedbackForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                feedback_give(project=project, by=member, **form.cleaned_data)
            except ServiceError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(request, "已提交意见反馈")
                return redirect("evaluations:project", pk=pk)
        else:
            status = 400
    return render(
        request, "evaluations/feedback.html", {"project": project, "form": form}, status=status
    )
