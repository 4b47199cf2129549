"""The 基础数据 page beside a report: filled in by the unit's preparer, read by the others."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from apps.accounts.policy import as_member, can_prepare
from apps.errors import Conflict, ServiceError
from apps.submissions.basic_data import (
    BasicDataForm,
    compare,
    initial_of,
    missing_count,
    sheet_of,
    submission_basic_data_save,
)
from apps.submissions.diffing import Change
from apps.submissions.models import State
from apps.submissions.selectors import submission_get


def _why_read_only(request: HttpRequest, state: str, unit_id: int, editable: bool) -> str:
    if not can_prepare(request.user, unit_id):
        return "只有本单位的填报人可以填写基础数据；您可以查看。"
    if not editable:
        return (
            f"报告当前状态为“{State(state).label}”，基础数据不能修改；"
            "只有草稿或被退回的报告可以修改。"
        )
    return ""


@login_required
def basic_data_view(request: HttpRequest, pk: int) -> HttpResponse:
    submission = submission_get(user=request.user, pk=pk)
    read_only = _why_read_only(request, submission.state, submission.unit_id, submission.editable)
    sheet = sheet_of(submission)
    conflict: list[Change] | None = None
    status = 200
    if request.method == "POST":
        if read_only:
            raise PermissionDenied(read_only)
        form = BasicDataForm(request.POST, sheet=sheet)
        if form.is_valid():
            typed = form.stored(submission.basic_data or {})
            member = as_member(request.user)
            assert member is not None
            try:
                submission_basic_data_save(
                    submission=submission,
                    basic_data=typed,
                    lock_version=form.cleaned_data["lock_version"],
                    by=member,
                    figures=form.figures(),
                )
            except Conflict as error:
                messages.error(request, error.message)
                submission.refresh_from_db()
                conflict = compare(typed, submission.basic_data or {})
                # What was typed stays; the next save is made knowingly over the latest.
                post = request.POST.copy()
                post["lock_version"] = str(submission.lock_version)
                form = BasicDataForm(post, sheet=sheet_of(submission))
                form.is_valid()
                status = 409
            except ServiceError as error:
                messages.error(request, error.message)
                status = error.status
            else:
                messages.success(request, "基础数据已保存，并已重新评分")
                return redirect(reverse("submissions:detail", args=[pk]) + "#scorecard")
        else:
            messages.error(request, "有填写错误，请按提示修改；您填写的内容均已保留，尚未保存")
            status = 400
    else:
        form = BasicDataForm(
            initial=initial_of(
                submission.basic_data or {}, submission.lock_version, submission.data
            ),
            sheet=sheet,
        )
    if read_only:
        form.disable()
    context = {
        "s": submission,
        "form": form,
        "sheet": sheet,
        "read_only": read_only,
        "missing": missing_count(submission.scorecard),
        "conflict": conflict,
    }
    return render(request, "submissions/basic_data.html", context, status=status)
