"""Target table pages: the list, creation, the table with its check and workflow, editing,
picking from the indicator library, the live check (JSON), and the workflow steps."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from apps.accounts.policy import as_member, can_prepare, is_reviewer
from apps.bounded import query_int
from apps.errors import Conflict, ServiceError
from apps.reviews.step_views import comment_step, take_step
from apps.submissions.models import State
from apps.targets import forms as f
from apps.targets.models import TargetTable
from apps.targets.selectors import (
    evaluations_waiting,
    last_return,
    table_events,
    table_get,
    table_list,
    table_years,
    tables_waiting,
)
from apps.targets.services import table_add_from_library, table_create, table_save, table_transition
from apps.targets.tables import core_table, issues_json, lint_of
from apps.targets.workflow import STEPS, TABLE_WORKFLOW
from jixiao.targets.library import load_library
from jixiao.targets.lint import lint_table
from jixiao.targets.model import TableKind


def _member(request: HttpRequest) -> Any:
    member = as_member(request.user)
    assert member is not None
    return member


@login_required
def table_list_view(request: HttpRequest) -> HttpResponse:
    year = query_int(request.GET, "year", low=1900, high=2999)
    state = request.GET.get("state", "")
    state = state if state in State.values else ""
    member = _member(request)
    context = {
        "tables": table_list(user=request.user, year=year, state=state),
        "years": table_years(user=request.user),
        "year": year,
        "state": state,
        "states": State.choices,
        "can_create": member.unit_id is not None and can_prepare(member, member.unit_id),
        "waiting_tables": tables_waiting(user=request.user),
        "waiting_evaluations": evaluations_waiting(user=request.user),
    }
    return render(request, "targets/list.html", context)


@login_required
def table_create_view(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    if member.unit_id is None or not can_prepare(member, member.unit_id):
        raise PermissionDenied("只有单位填报人可以填报绩效目标")
    form = f.TableCreateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            table = table_create(
                unit=member.unit,
                year=form.cleaned_data["year"],
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data.get("title") or "",
                by=member,
            )
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"已新建{table.name}，请从指标库选择指标或直接填写")
            return redirect("targets:edit", pk=table.pk)
    return render(request, "targets/create.html", {"form": form})


@login_required
def table_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    table = table_get(user=request.user, pk=pk)
    evaluation = getattr(table, "evaluation", None) if table.state == State.ACCEPTED else None
    context = {
        "t": table,
        "lines": list(table.budget_lines.all()),
        "rows": list(table.indicators.all()),
        "issues": lint_of(table),
        "actions": TABLE_WORKFLOW.available(request.user, table),
        "can_edit": table.editable and can_prepare(request.user, table.unit_id),
        "events": table_events(table=table),
        "versions": table.versions.select_related("created_by").order_by("number"),
        "returned": last_return(events=table.events.all()) if table.editable else "",
        "evaluation": evaluation,
        "can_evaluate": table.state == State.ACCEPTED and can_prepare(request.user, table.unit_id),
    }
    return render(request, "targets/detail.html", context)


def _line_choices(table: TargetTable) -> list[tuple[str, str]]:
    return f.line_choices([(line.position, line.name) for line in table.budget_lines.all()])


def _initial_rows(table: TargetTable) -> list[dict[str, Any]]:
    positions = {line.pk: line.position for line in table.budget_lines.all()}
    return [
        {
            "level1": row.level1,
            "level2": row.level2,
            "level3": row.level3,
            "value_type": row.value_type,
            "direction": row.direction,
            "value": row.value,
            "unit": row.unit,
            "weight": f.plain(row.weight),
            "budget_line": positions.get(row.budget_line_id) if row.budget_line_id else None,
            "explanation": row.explanation,
            "scoring_rule": row.scoring_rule,
            "library_id": row.library_id,
        }
        for row in table.indicators.all()
    ]


@login_required
def table_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    table = table_get(user=request.user, pk=pk)
    if not (table.editable and can_prepare(request.user, table.unit_id)):
        messages.error(request, "这份绩效目标表当前不能由您修改")
        return redirect("targets:detail", pk=pk)
    kwargs = {"line_choices": _line_choices(table)}
    status = 200
    if request.method == "POST":
        head = f.TableHeadForm(request.POST)
        lines = f.LineFormSet(request.POST, prefix="lines")
        rows = f.RowFormSet(request.POST, prefix="rows", form_kwargs=kwargs)
        if head.is_valid() and lines.is_valid() and rows.is_valid():
            try:
                table_save(
                    table=table,
                    goal=head.cleaned_data.get("goal") or "",
                    lines=f.lines_of(lines),
                    rows=f.rows_of(rows, f.kept_line_positions(lines)),
                    lock_version=head.cleaned_data["lock_version"],
                    by=_member(request),
                )
            except ServiceError as error:
                messages.error(request, error.message)
                status = error.status
                if isinstance(error, Conflict):
                    post = request.POST.copy()
                    table.refresh_from_db()
                    post["lock_version"] = str(table.lock_version)
                    head = f.TableHeadForm(post)
                    head.is_valid()
            else:
                issues = lint_of(table)
                errors = sum(1 for i in issues if i.severity == "error")
                note = f"；检查发现{errors}处错误，提交前请修改" if errors else ""
                messages.success(request, f"已保存{note}")
                return redirect("targets:detail", pk=pk)
        else:
            messages.error(request, "有填写错误，请按提示修改；您填写的内容均已保留")
            status = 400
        typed = f.rows_as_data(rows)
        data = {"kind": table.kind, "goal": request.POST.get("goal", ""), "indicators": typed}
        issues = lint_table(core_table(data))
        keys = [int(r["key"]) for r in typed]
        issue_rows = {keys[i.row] for i in issues if i.row is not None}
    else:
        head = f.TableHeadForm(initial={"lock_version": table.lock_version, "goal": table.goal})
        lines = f.LineFormSet(
            initial=[
                {"name": line.name, "amount": f.plain(line.amount), "functional": line.functional}
                for line in table.budget_lines.all()
            ],
            prefix="lines",
        )
        rows = f.RowFormSet(initial=_initial_rows(table), prefix="rows", form_kwargs=kwargs)
        issues = lint_of(table)
        issue_rows = {i.row for i in issues if i.row is not None}
    context = {
        "t": table,
        "head": head,
        "issue_rows": issue_rows,
        "lines": lines,
        "rows": rows,
        "issues": issues,
        "level1_hints": f.LEVEL1_HINTS,
        "guidance": _guidance(table),
    }
    return render(request, "targets/edit.html", context, status=status)


def _guidance(table: TargetTable) -> dict[str, str]:
    """Library id → how to set the value and an example, shown beside the picked rows."""
    found = {}
    for row in table.indicators.all():
        entry = load_library().entry(row.library_id) if row.library_id else None
        if entry is not None:
            found[str(row.position)] = f"{entry.guidance}（示例：{entry.example}{entry.unit}）"
    return found


@login_required
def library_view(request: HttpRequest, pk: int) -> HttpResponse:
    table = table_get(user=request.user, pk=pk)
    if not (table.editable and can_prepare(request.user, table.unit_id)):
        messages.error(request, "这份绩效目标表当前不能由您修改")
        return redirect("targets:detail", pk=pk)
    entries = load_library().entries(TableKind(table.kind), table.unit.kind)
    present = {row.level3 for row in table.indicators.all()}
    choices = [(e.id, e.level3) for e in entries if e.level3 not in present]
    form = f.LibraryForm(request.POST if request.method == "POST" else None, choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            added = table_add_from_library(
                table=table, entry_ids=form.cleaned_data["entries"], by=_member(request)
            )
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"已加入{added}个指标，请逐项填写指标值")
            return redirect("targets:edit", pk=pk)
    context = {
        "t": table,
        "form": form,
        "entries": [e for e in entries if e.level3 not in present],
        "present": sorted(present),
    }
    return render(request, "targets/library.html", context)


@login_required
def lint_view(request: HttpRequest, pk: int) -> JsonResponse:
    """The check as the unit types: POST the edit form, get the issues (GET: as saved)."""
    table = table_get(user=request.user, pk=pk)
    if request.method == "POST":
        typed = f.rows_as_data(f.RowFormSet(request.POST, prefix="rows"))
        data = {"kind": table.kind, "goal": request.POST.get("goal", ""), "indicators": typed}
        issues = lint_table(core_table(data))
        return JsonResponse({"issues": issues_json(issues, [int(r["key"]) for r in typed])})
    return JsonResponse({"issues": issues_json(lint_of(table))})


@login_required
@require_POST
def transition_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    table = table_get(user=request.user, pk=pk)
    move = partial(table_transition, table=table, by=_member(request))
    return take_step(request, move=move, steps=STEPS, action=action, back="targets:detail", pk=pk)


@login_required
def comment_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Return (reviewer) or send back (head), with the comment that says what to change."""
    table = table_get(user=request.user, pk=pk)
    return comment_step(
        request,
        subject=table,
        move=partial(table_transition, table=table, by=_member(request)),
        steps=STEPS,
        action=action,
        back="targets:detail",
        pk=pk,
        form_class=f.StepCommentForm,
        issues=lint_of(table) if is_reviewer(request.user) else (),
    )
