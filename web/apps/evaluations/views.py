"""The key-project pages: the list of one's key-project work, the plan (drawn up, filled from
the units' approved projects, issued), one project's page, its workflow and its report."""

from __future__ import annotations

import datetime
from decimal import Decimal
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from apps.accounts import policy
from apps.accounts.models import User
from apps.downloads import attachment
from apps.errors import InvalidInput, ServiceError
from apps.evaluations import forms as f
from apps.evaluations import report as reports
from apps.evaluations import selectors as s
from apps.evaluations.models import Agency, EvaluatorKind, PlanState, ProjectState
from apps.evaluations.page import project_context
from apps.evaluations.services import assign, plan_add, plan_create, plan_publish, plan_remove
from apps.evaluations.sheets import discussion_record, figures_save, report_text_save
from apps.evaluations.workflow import STEPS, project_transition
from apps.reviews.step_views import take_step
from apps.targets.models import TargetTable


def member_of(request: HttpRequest) -> User:
    member = policy.as_member(request.user)
    assert member is not None  # login_required
    return member


@login_required
def index_view(request: HttpRequest) -> HttpResponse:
    member = member_of(request)
    context = {
        "plans": s.plans_visible(user=member).order_by("-year", "-id"),
        "assignments": s.my_assignments(user=member),
        "projects": s.project_list(user=member),
        "waiting": s.waiting(user=member),
        "can_plan": policy.can_plan(member),
        "can_manage_pool": policy.can_manage_pool(member),
        "evaluator": policy.is_evaluator(member),
        "year": datetime.date.today().year - 1,
    }
    return render(request, "evaluations/index.html", context)


@login_required
def plan_create_view(request: HttpRequest) -> HttpResponse:
    member = member_of(request)
    if not policy.can_plan(member):
        raise PermissionDenied("只有市财政局的系统管理员可以编制重点评价计划")
    initial = {"year": datetime.date.today().year - 1}
    form = f.PlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            plan = plan_create(by=member, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"已创建：{plan.title}，请挑选重点项目")
            return redirect("evaluations:candidates", pk=plan.pk)
    return render(request, "evaluations/plan_create.html", {"form": form})


@login_required
def plan_view(request: HttpRequest, pk: int) -> HttpResponse:
    member = member_of(request)
    plan = s.plan_get(user=member, pk=pk)
    context = {
        "plan": plan,
        "projects": s.project_list(user=member, plan=plan),
        "can_plan": policy.can_plan(member) and plan.state == PlanState.DRAFT,
    }
    return render(request, "evaluations/plan.html", context)


@login_required
def candidates_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The units' approved projects of the plan's year, filtered; the chosen ones are added
    with a reason each."""
    member = member_of(request)
    plan = s.plan_get(user=member, pk=pk)
    if not policy.can_plan(member) or plan.state != PlanState.DRAFT:
        raise PermissionDenied("只有系统管理员可以为编制中的计划挑选项目")
    found = s.candidates(user=member, year=plan.year)
    areas = sorted({c.policy_area for c in found if c.policy_area})
    filters = f.CandidateFilterForm(request.GET or None, areas=areas)
    chosen = s.CandidateFilter()
    if request.GET and filters.is_valid():
        chosen = s.CandidateFilter(**filters.cleaned_data)
    elif not request.GET:
        chosen = s.CandidateFilter(min_amount=filters.fields["min_amount"].initial)
    shown = [c for c in found if chosen.keeps(c)]
    if request.method == "POST":
        return _add_chosen(request, plan, member, {c.table.pk: c for c in found})
    context = {"plan": plan, "filters": filters, "candidates": shown, "total": len(found)}
    return render(request, "evaluations/candidates.html", context)


def _add_chosen(
    request: HttpRequest, plan: Any, member: User, found: dict[int, Any]
) -> HttpResponse:
    picked = [int(x) for x in request.POST.getlist("table") if x.isdigit()]
    if not picked:
        messages.error(request, "请勾选要列入计划的项目，并填写列入理由")
        return redirect("evaluations:candidates", pk=plan.pk)
    added = []
    for table_id in picked:
        if table_id not in found:
            messages.error(request, "所选项目不在可选范围内（可能已列入计划）")
            continue
        table: TargetTable = found[table_id].table
        try:
            plan_add(
                plan=plan,
                table=table,
                reason=request.POST.get(f"reason-{table_id}", "")[:2000],
                by=member,
            )
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            added.append(table.title)
    if added:
        messages.success(request, f"已列入计划：{'、'.join(added)}")
    return redirect("evaluations:plan", pk=plan.pk)


@login_required
@require_POST
def plan_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    member = member_of(request)
    plan = s.plan_get(user=member, pk=pk)
    try:
        plan_publish(plan=plan, by=member)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"已印发{plan.title}：各单位可以看到本单位的评价项目")
    return redirect("evaluations:plan", pk=pk)


@login_required
@require_POST
def project_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    member = member_of(request)
    project = s.project_get(user=member, pk=pk)
    try:
        plan_remove(project=project, by=member)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("evaluations:project", pk=pk)
    messages.success(request, f"已将“{project.title}”移出计划")
    return redirect("evaluations:plan", pk=project.plan_id)


@login_required
def project_view(request: HttpRequest, pk: int) -> HttpResponse:
    member = member_of(request)
    project = s.project_get(user=member, pk=pk)
    return render(request, "evaluations/project.html", project_context(member, project))


@login_required
@require_POST
def assign_view(request: HttpRequest, pk: int) -> HttpResponse:
    member = member_of(request)
    project = s.project_get(user=member, pk=pk)
    kind = request.POST.get("kind", "")
    picked = request.POST.get("evaluator", "")
    try:
        if not picked.isdigit():
            raise InvalidInput("请选择评价人员或机构")
        if kind == EvaluatorKind.AGENCY:
            agency = Agency.objects.filter(pk=int(picked)).first()
            assignment = assign(project=project, kind=kind, agency=agency, by=member)
        else:
            user = User.objects.filter(pk=int(picked)).first()
            assignment = assign(project=project, kind=kind, user=user, by=member)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"已委派：{assignment.evaluator_name}")
    return redirect("evaluations:project", pk=pk)


@login_required
@require_POST
def step_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    member = member_of(request)
    project = s.project_get(user=member, pk=pk)
    move = partial(project_transition, project=project, by=member)
    return take_step(
        request, move=move, steps=STEPS, action=action, back="evaluations:project", pk=pk
    )


@login_required
def figures_view(request: HttpRequest, pk: int) -> HttpResponse:
    member = member_of(request)
    project = s.project_get(user=member, pk=pk)
    if not policy.can_organize(member, project.unit.region_id):
        raise PermissionDenied("只有组织评价的财政审核人可以修改核实的数据")
    indicators = list(project.indicators.order_by("position"))
    initial = {"budget": project.budget, "executed": project.executed}
    form = f.FiguresForm(request.POST or None, initial=initial, indicators=indicators)
    if request.method == "POST" and form.is_valid():
        try:
            figures_save(
                project=project,
                budget=form.cleaned_data["budget"],
                executed=form.cleaned_data["executed"],
                actuals=form.actuals(),
                by=member,
            )
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "已保存核实的数据，复算结果已更新")
            return redirect("evaluations:project", pk=pk)
    return render(request, "evaluations/figures.html", {"project": project, "form": form})


@login_required
def text_view(request: HttpRequest, pk: int) -> HttpResponse:
    member = member_of(request)
    project = s.project_get(user=member, pk=pk)
    if not policy.can_organize(member, project.unit.region_id):
        raise PermissionDenied("只有组织评价的财政审核人可以修改报告文字")
    initial = {k: getattr(project, k) for k in ("experience", "problems", "suggestions")}
    form = f.ReportTextForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            report_text_save(project=project, by=member, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "已保存报告文字")
            return redirect("evaluations:project", pk=pk)
    return render(request, "evaluations/text.html", {"project": project, "form": form})


@login_required
@require_POST
def discussion_view(request: HttpRequest, pk: int, indicator_id: int) -> HttpResponse:
    member = member_of(request)
    project = s.project_get(user=member, pk=pk)
    indicator = project.indicators.filter(pk=indicator_id).first()
    if indicator is None:
        raise Http404("没有找到这个指标")
    form = f.DiscussionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写合议得分和合议理由")
        return redirect("evaluations:project", pk=pk)
    try:
        discussion_record(indicator=indicator, by=member, **form.cleaned_data)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        points: Decimal = form.cleaned_data["points"]
        messages.success(request, f"已记录“{indicator.level3}”的合议结果：{points.normalize():f}分")
    return redirect("evaluations:project", pk=pk)


@login_required
def report_view(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    member = member_of(request)
    project = s.project_get(user=member, pk=pk)
    if fmt not in reports.MIME:
        raise Http404("不支持这种格式")
    issued = project.state in (ProjectState.DRAFT, ProjectState.FINAL, ProjectState.PUBLISHED)
    if project.state not in reports.REPORT_STATES or not policy.can_read_report(
        member, project, issued=issued
    ):
        raise PermissionDenied("评价报告尚未印发")
    response = HttpResponse(reports.report_bytes(project, fmt), content_type=reports.MIME[fmt])
    attachment(response, reports.filename(project, fmt))
    return response
