"""Results use pages: the units that call for rectification and the notices, one notice with
its replies, the unit's answer, the budget review list, and the comparisons."""

from __future__ import annotations

import datetime
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from apps.accounts.policy import as_member, can_prepare, is_reviewer
from apps.bounded import query_int
from apps.downloads import attachment as download_as
from apps.errors import ServiceError
from apps.exports import csv_response
from apps.monitoring.selectors import unit_get
from apps.rectification import comparison
from apps.rectification import forms as f
from apps.rectification.models import NoticeState
from apps.rectification.selectors import (
    attachment_get,
    budget_review,
    candidates,
    notice_get,
    notice_list,
    result_years,
)
from apps.rectification.services import (
    NOTICE_WORKFLOW,
    STEPS,
    notice_answer,
    notice_issue,
    notice_transition,
)
from apps.reviews.step_views import comment_step, take_step
from apps.submissions import storage
from apps.units.models import UnitKind
from jixiao.targets.comparison import load_rules


def _member(request: HttpRequest) -> Any:
    member = as_member(request.user)
    assert member is not None
    return member


def _year(request: HttpRequest, years: list[int]) -> int:
    year = query_int(request.GET, "year", low=1900, high=2999)
    if year is not None:
        return year
    return years[0] if years else datetime.date.today().year - 1


@login_required
def index_view(request: HttpRequest) -> HttpResponse:
    years = result_years(user=request.user)
    year = _year(request, years)
    bureau = is_reviewer(request.user)
    context = {
        "years": years,
        "year": year,
        "bureau": bureau,
        "candidates": candidates(user=request.user, year=year) if bureau else [],
        "notices": notice_list(user=request.user, year=year),
        "unit": _member(request).unit,
    }
    return render(request, "rectification/index.html", context)


@login_required
def issue_view(request: HttpRequest, year: int, key: str) -> HttpResponse:
    if not is_reviewer(request.user):
        raise PermissionDenied("只有财政部门可以发出整改通知")
    found = {c.key: c for c in candidates(user=request.user, year=year)}.get(key)
    if found is None:
        raise Http404("该单位不在待整改名单中（可能已发出通知）")
    due = datetime.date.today() + datetime.timedelta(days=load_rules().due_days)
    form = f.NoticeForm(
        request.POST if request.method == "POST" else None,
        initial={"reasons": found.reasons, "due_date": due},
    )
    if request.method == "POST" and form.is_valid():
        try:
            notice = notice_issue(
                unit=found.unit,
                year=year,
                source=found.source,
                grade=found.grade,
                submission=found.submission,
                evaluation=found.evaluation,
                by=_member(request),
                **form.cleaned_data,
            )
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"已向{notice.unit.name}发出整改通知")
            return redirect("rectification:notice", pk=notice.pk)
    return render(request, "rectification/issue.html", {"form": form, "c": found, "year": year})


@login_required
def notice_view(request: HttpRequest, pk: int) -> HttpResponse:
    notice = notice_get(user=request.user, pk=pk)
    actions = NOTICE_WORKFLOW.available(request.user, notice)
    context = {
        "n": notice,
        "replies": notice.replies.select_related("by").prefetch_related("attachments"),
        "events": notice.events.select_related("actor"),
        "can_answer": any(t.action == "answer" for t in actions),
        "actions": [t for t in actions if t.action != "answer"],
    }
    return render(request, "rectification/notice.html", context)


@login_required
def answer_view(request: HttpRequest, pk: int) -> HttpResponse:
    notice = notice_get(user=request.user, pk=pk)
    if not can_prepare(request.user, notice.unit_id) or notice.state != NoticeState.SENT:
        messages.error(request, "这份整改通知当前不能由您反馈")
        return redirect("rectification:notice", pk=pk)
    posted = request.method == "POST"
    form = f.ReplyForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        initial={"lock_version": notice.lock_version},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                notice_answer(
                    notice=notice,
                    text=form.cleaned_data["text"],
                    files=form.cleaned_data.get("files") or [],
                    by=_member(request),
                    lock_version=form.cleaned_data.get("lock_version"),
                )
            except ServiceError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(request, "已提交整改反馈")
                return redirect("rectification:notice", pk=pk)
        else:
            status = 400
    return render(request, "rectification/answer.html", {"n": notice, "form": form}, status=status)


@login_required
@require_POST
def step_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    notice = notice_get(user=request.user, pk=pk)
    move = partial(notice_transition, notice=notice, by=_member(request))
    return take_step(
        request, move=move, steps=STEPS, action=action, back="rectification:notice", pk=pk
    )


@login_required
def comment_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    notice = notice_get(user=request.user, pk=pk)
    return comment_step(
        request,
        subject=notice,
        move=partial(notice_transition, notice=notice, by=_member(request)),
        steps=STEPS,
        action=action,
        back="rectification:notice",
        pk=pk,
        form_class=f.StepForm,
    )


@login_required
def attachment_view(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    notice = notice_get(user=request.user, pk=pk)
    attachment = attachment_get(notice=notice, pk=attachment_id)
    try:
        handle = storage.path_of(attachment.stored_name).open("rb")
    except (OSError, ServiceError) as error:
        raise Http404("文件已不在服务器上") from error
    return download_as(FileResponse(handle), attachment.original_name)


@login_required
def budget_review_view(request: HttpRequest, year: int) -> HttpResponse:
    if not is_reviewer(request.user):
        raise PermissionDenied("预算审核参考清单仅供财政部门使用")
    kind = request.GET.get("kind", "")
    kind = kind if kind in UnitKind.values else ""
    rows = budget_review(user=request.user, year=year, kind=kind)
    if request.GET.get("format") == "csv":
        return _review_csv(rows, year)
    context = {"rows": rows, "year": year, "kinds": UnitKind.choices, "kind": kind}
    return render(request, "rectification/budget_review.html", context)


def _review_csv(rows: list[Any], year: int) -> HttpResponse:
    header = ["单位编码", "单位名称", "单位类型", "评价得分", "评价等级", "目标自评等级"]
    return csv_response(
        f"{year}年度评价结果预算审核参考清单.csv",
        [*header, "整改通知", "预算安排参考意见", "财政重点评价"],
        (
            [
                row.unit.code,
                row.unit.name,
                row.unit.get_kind_display(),
                "" if row.report is None or row.report.score is None else str(row.report.score),
                row.report_grade,
                "、".join(f"{e.table.name}{e.grade}" for e in row.evaluations),
                "、".join(n.get_state_display() for n in row.notices),
                row.advice,
                "、".join(f"{p.title}{p.grade}（{p.use_label}）" for p in row.key_projects),
            ]
            for row in rows
        ),
    )


@login_required
def unit_comparison_view(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = unit_get(user=request.user, pk=unit_id)
    years, figures, indicators = comparison.unit_years(unit=unit)
    latest = years[-1] if years else None
    context = {
        "unit": unit,
        "years": years,
        "figures": figures,
        "indicators": indicators,
        "latest": latest,
        "against": comparison.unit_against_peers(unit=unit, year=latest) if latest else [],
        "limits": load_rules().limits,
    }
    return render(request, "rectification/unit_comparison.html", context)


@login_required
def peers_view(request: HttpRequest, year: int) -> HttpResponse:
    if not is_reviewer(request.user):
        raise PermissionDenied("同类单位比较仅供财政部门使用")
    kind = request.GET.get("kind", "") or UnitKind.ADMINISTRATIVE
    kind = kind if kind in UnitKind.values else UnitKind.ADMINISTRATIVE
    context = {
        "year": year,
        "kind": kind,
        "kinds": UnitKind.choices,
        "labels": [label for _, label in comparison.FIGURES],
        "rows": comparison.peers(user=request.user, year=year, kind=kind),
        "limits": load_rules().limits,
    }
    return render(request, "rectification/peers.html", context)
