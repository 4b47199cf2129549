"""Self-evaluation pages: start from an approved table, fill in the actuals beside the original
targets (with the monitoring records as a reminder), the scorecard, and the workflow steps."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from apps.accounts.policy import as_member, can_prepare
from apps.errors import Conflict, ServiceError
from apps.monitoring.selectors import LatestProgress, latest_progress
from apps.reviews.step_views import comment_step, take_step
from apps.targets import forms as f
from apps.targets.evaluations import (
    ActualInput,
    evaluation_save,
    evaluation_start,
    evaluation_transition,
)
from apps.targets.models import TargetEvaluation
from apps.targets.selectors import evaluation_events, evaluation_get, last_return, table_get
from apps.targets.selfscore import readiness
from apps.targets.workflow import EVALUATION_WORKFLOW, STEPS


def _member(request: HttpRequest) -> Any:
    member = as_member(request.user)
    assert member is not None
    return member


@login_required
@require_POST
def evaluation_start_view(request: HttpRequest, pk: int) -> HttpResponse:
    table = table_get(user=request.user, pk=pk)
    try:
        evaluation = evaluation_start(table=table, by=_member(request))
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("targets:detail", pk=pk)
    return redirect("targets:evaluation_edit", pk=evaluation.pk)


def _rows(evaluation: TargetEvaluation, progress: LatestProgress) -> list[dict[str, Any]]:
    """Each approved indicator (from the approved version) beside what the unit reported."""
    approved = {row["id"]: row for row in evaluation.table.approved_version.data["indicators"]}  # type: ignore[union-attr]
    card_lines = (evaluation.scorecard or {}).get("lines", [])
    by_name = {line.get("level3"): line for line in card_lines}
    found = []
    for row in evaluation.rows.select_related("indicator").order_by("indicator__position"):
        target = approved.get(row.indicator_id, {})
        found.append(
            {
                "row": row,
                "target": target,
                "progress": progress.indicators.get(row.indicator_id),
                "line": by_name.get(target.get("level3")),
            }
        )
    return found


@login_required
def evaluation_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = evaluation_get(user=request.user, pk=pk)
    can_edit = evaluation.editable and can_prepare(request.user, evaluation.unit_id)
    context = {
        "e": evaluation,
        "t": evaluation.table,
        "rows": _rows(
            evaluation, latest_progress(unit_id=evaluation.unit_id, year=evaluation.year)
        ),
        "card": evaluation.scorecard or {},
        "actions": EVALUATION_WORKFLOW.available(request.user, evaluation),
        "can_edit": can_edit,
        "problems": readiness(evaluation) if can_edit else [],
        "events": evaluation_events(evaluation=evaluation),
        "returned": last_return(events=evaluation.events.all()) if evaluation.editable else "",
    }
    return render(request, "targets/evaluation.html", context)


@login_required
def evaluation_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = evaluation_get(user=request.user, pk=pk)
    if not (evaluation.editable and can_prepare(request.user, evaluation.unit_id)):
        messages.error(request, "这份自评表当前不能由您修改")
        return redirect("targets:evaluation", pk=pk)
    progress = latest_progress(unit_id=evaluation.unit_id, year=evaluation.year)
    rows = _rows(evaluation, progress)
    status = 200
    if request.method == "POST":
        head = f.EvaluationHeadForm(request.POST)
        actuals = f.ActualFormSet(request.POST, prefix="rows")
        if head.is_valid() and actuals.is_valid():
            try:
                evaluation_save(
                    evaluation=evaluation,
                    budget=head.cleaned_data.get("budget"),
                    executed=head.cleaned_data.get("executed"),
                    goal_result=head.cleaned_data.get("goal_result") or "",
                    rows=[
                        ActualInput(
                            indicator_id=form.cleaned_data["indicator_id"],
                            actual=form.cleaned_data.get("actual") or "",
                            band=form.cleaned_data.get("band") or "",
                            self_score=form.cleaned_data.get("self_score"),
                            reason=form.cleaned_data.get("reason") or "",
                        )
                        for form in actuals.forms
                    ],
                    lock_version=head.cleaned_data["lock_version"],
                    by=_member(request),
                )
            except ServiceError as error:
                messages.error(request, error.message)
                status = error.status
                if isinstance(error, Conflict):
                    evaluation.refresh_from_db()
                    post = request.POST.copy()
                    post["lock_version"] = str(evaluation.lock_version)
                    head = f.EvaluationHeadForm(post)
                    head.is_valid()
            else:
                evaluation.refresh_from_db()
                said = (
                    f"评分{evaluation.score}分（{evaluation.grade}）"
                    if evaluation.grade
                    else "评分数据尚不完整"
                )
                messages.success(request, f"已保存，{said}")
                return redirect("targets:evaluation", pk=pk)
        else:
            messages.error(request, "有填写错误，请按提示修改；您填写的内容均已保留")
            status = 400
    else:
        head = f.EvaluationHeadForm(
            initial={
                "lock_version": evaluation.lock_version,
                "budget": f.plain(evaluation.budget),
                "executed": f.plain(evaluation.executed),
                "goal_result": evaluation.goal_result,
            }
        )
        actuals = f.ActualFormSet(
            initial=[
                {
                    "indicator_id": item["row"].indicator_id,
                    "actual": item["row"].actual,
                    "band": item["row"].band,
                    "self_score": f.plain(item["row"].self_score),
                    "reason": item["row"].reason,
                }
                for item in rows
            ],
            prefix="rows",
        )
    context = {
        "e": evaluation,
        "t": evaluation.table,
        "head": head,
        "actuals": actuals,
        "pairs": list(zip(rows, actuals.forms, strict=False)),
        "progress": progress,
    }
    return render(request, "targets/evaluation_edit.html", context, status=status)


@login_required
@require_POST
def evaluation_transition_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    evaluation = evaluation_get(user=request.user, pk=pk)
    move = partial(evaluation_transition, evaluation=evaluation, by=_member(request))
    return take_step(
        request, move=move, steps=STEPS, action=action, back="targets:evaluation", pk=pk
    )


@login_required
def evaluation_comment_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    evaluation = evaluation_get(user=request.user, pk=pk)
    return comment_step(
        request,
        subject=evaluation,
        move=partial(evaluation_transition, evaluation=evaluation, by=_member(request)),
        steps=STEPS,
        action=action,
        back="targets:evaluation",
        pk=pk,
        form_class=f.StepCommentForm,
    )
