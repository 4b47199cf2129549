"""The administrator's pages of the pool: the experts (专家库) with their declared conflicts,
and the third-party agencies with their accounts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from apps.accounts import policy
from apps.accounts.models import User
from apps.errors import ServiceError
from apps.evaluations import forms as f
from apps.evaluations import selectors as s
from apps.evaluations.models import Agency, Expert
from apps.evaluations.services import (
    agency_create,
    agency_staff_create,
    conflict_declare,
    expert_create,
)
from apps.evaluations.views import member_of


def _manager(request: HttpRequest) -> User:
    member = member_of(request)
    if not policy.can_manage_pool(member):
        raise PermissionDenied("专家库和第三方机构由系统管理员管理")
    return member


@login_required
def experts_view(request: HttpRequest) -> HttpResponse:
    member = _manager(request)
    form = f.ExpertForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            expert = expert_create(by=member, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"已将{expert.user.full_name}纳入专家库")
            return redirect("evaluations:experts")
    context = {"experts": s.experts(), "form": form, "conflict_form": f.ConflictForm()}
    return render(request, "evaluations/experts.html", context)


@login_required
@require_POST
def expert_conflict_view(request: HttpRequest, pk: int) -> HttpResponse:
    member = _manager(request)
    expert = Expert.objects.filter(pk=pk).select_related("user").first()
    if expert is None:
        raise Http404("没有找到这位专家")
    form = f.ConflictForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择回避单位并填写事由")
        return redirect("evaluations:experts")
    try:
        conflict_declare(expert=expert, by=member, **form.cleaned_data)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"已登记{expert}与{form.cleaned_data['unit']}的利益冲突")
    return redirect("evaluations:experts")


@login_required
def agencies_view(request: HttpRequest) -> HttpResponse:
    member = _manager(request)
    form = f.AgencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agency = agency_create(by=member, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"已登记第三方机构：{agency.name}")
            return redirect("evaluations:agencies")
    context = {"agencies": s.agencies(), "form": form, "staff_form": f.StaffForm()}
    return render(request, "evaluations/agencies.html", context)


@login_required
@require_POST
def agency_staff_view(request: HttpRequest, pk: int) -> HttpResponse:
    member = _manager(request)
    agency = Agency.objects.filter(pk=pk).first()
    if agency is None:
        raise Http404("没有找到这家机构")
    form = f.StaffForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写姓名、登录名和不少于8位的初始密码")
        return redirect("evaluations:agencies")
    try:
        user = agency_staff_create(agency=agency, by=member, **form.cleaned_data)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"已为{agency.name}开设账号：{user.username}")
    return redirect("evaluations:agencies")
