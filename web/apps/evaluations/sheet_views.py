"""An evaluator's pages: the score sheet (saved as often as needed, then submitted), the
agency's team on an assignment, and an expert's declaration of a conflict of interest."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from apps.accounts import policy
from apps.accounts.models import User
from apps.errors import InvalidInput, ServiceError
from apps.evaluations import forms as f
from apps.evaluations import selectors as s
from apps.evaluations.models import Assignment, Expert, ProjectState, SheetState
from apps.evaluations.services import conflict_declare, staff_add
from apps.evaluations.sheets import ScoreInput, sheet_readiness, sheet_save, sheet_submit
from apps.evaluations.views import member_of


def _initial(assignment: Assignment) -> dict[str, object]:
    initial: dict[str, object] = {
        "lock_version": assignment.lock_version,
        "stated_total": assignment.stated_total,
    }
    for score in assignment.scores.all():
        initial[f"points-{score.indicator_id}"] = score.points
        initial[f"reason-{score.indicator_id}"] = score.reason
    return initial


@login_required
def sheet_view(request: HttpRequest, pk: int) -> HttpResponse:
    member = member_of(request)
    assignment = s.assignment_get(user=member, pk=pk)
    project = assignment.project
    indicators = list(project.indicators.order_by("position"))
    editable = assignment.state == SheetState.DRAFT and project.state == ProjectState.EVALUATING
    form = f.SheetForm(
        request.POST if request.method == "POST" else None,
        initial=_initial(assignment),
        indicators=indicators,
    )
    status = 200
    if request.method == "POST":
        if not editable:
            messages.error(request, "评分表已提交或评分已结束，不能再修改")
            return redirect("evaluations:sheet", pk=pk)
        if form.is_valid():
            data = form.cleaned_data
            entries = [
                ScoreInput(i.pk, data.get(f"points-{i.pk}"), data.get(f"reason-{i.pk}") or "")
                for i in indicators
            ]
            try:
                sheet_save(
                    assignment=assignment,
                    entries=entries,
                    stated_total=data.get("stated_total"),
                    by=member,
                    lock_version=data.get("lock_version"),
                )
            except ServiceError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(request, "已保存评分表")
                return redirect("evaluations:sheet", pk=pk)
        else:
            status = 400
    context = {
        "assignment": assignment,
        "project": project,
        "form": form,
        "editable": editable,
        "problems": sheet_readiness(assignment) if editable else [],
        "can_submit": editable and policy.can_submit_sheet(member, assignment),
        "can_staff": policy.can_staff(member, assignment),
        "staff": s.agency_staff(agency_id=assignment.agency_id) if assignment.agency_id else [],
        "declare_form": f.DeclareForm() if assignment.kind == "expert" else None,
    }
    return render(request, "evaluations/sheet.html", context, status=status)


@login_required
@require_POST
def sheet_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    member = member_of(request)
    assignment = s.assignment_get(user=member, pk=pk)
    lock = request.POST.get("lock_version", "")
    try:
        sheet_submit(
            assignment=assignment, by=member, lock_version=int(lock) if lock.isdigit() else None
        )
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("evaluations:sheet", pk=pk)
    messages.success(request, "已提交评分表：现在可以看到其他评价人已提交的评分")
    return redirect("evaluations:project", pk=assignment.project_id)


@login_required
@require_POST
def staff_view(request: HttpRequest, pk: int) -> HttpResponse:
    member = member_of(request)
    assignment = s.assignment_get(user=member, pk=pk)
    picked = request.POST.get("user", "")
    user = User.objects.filter(pk=int(picked)).first() if picked.isdigit() else None
    try:
        if user is None:
            raise InvalidInput("请选择本机构的工作人员")
        staff_add(assignment=assignment, user=user, by=member)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"已安排{user}参加本项目评价")
    return redirect("evaluations:sheet", pk=pk)


@login_required
@require_POST
def declare_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The expert declares a conflict with the evaluated unit and leaves the assignment."""
    member = member_of(request)
    assignment = s.assignment_get(user=member, pk=pk)
    expert = Expert.objects.filter(user=member).first()
    form = f.DeclareForm(request.POST)
    if expert is None or not form.is_valid():
        messages.error(request, "请填写利益冲突事由")
        return redirect("evaluations:sheet", pk=pk)
    try:
        conflict_declare(
            expert=expert,
            unit=assignment.project.unit,
            reason=form.cleaned_data["reason"],
            by=member,
        )
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("evaluations:sheet", pk=pk)
    messages.success(request, f"已申报回避：不再参加{assignment.project.unit}项目的评价")
    return redirect("evaluations:index")
