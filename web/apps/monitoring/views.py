"""Monitoring pages: the checkpoints, the bureau's lights at a glance, and a unit's record."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from apps.accounts.policy import as_member, can_prepare, is_admin, is_reviewer
from apps.bounded import bounded_int, query_int
from apps.errors import Conflict, ServiceError
from apps.monitoring import forms as f
from apps.monitoring.assess import Assessment
from apps.monitoring.models import MonitoringRecord
from apps.monitoring.selectors import (
    checkpoint_get,
    checkpoint_list,
    overview,
    record_for,
    unit_get,
)
from apps.monitoring.services import (
    CITY_WIDE,
    ReasonsMissing,
    checkpoint_close,
    checkpoint_create,
    record_save,
)
from apps.targets.forms import plain
from apps.targets.selectors import approved_tables
from apps.units.models import Region, UnitKind

RED_NEEDS = "红灯：请填写偏差原因和纠偏措施"


def _member(request: HttpRequest) -> Any:
    member = as_member(request.user)
    assert member is not None
    return member


@login_required
def checkpoint_list_view(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    checkpoints = list(checkpoint_list())
    own: dict[int, MonitoringRecord] = {}
    if member.unit_id is not None:
        own = {r.checkpoint_id: r for r in MonitoringRecord.objects.filter(unit_id=member.unit_id)}
    context = {
        "checkpoints": [(c, own.get(c.pk)) for c in checkpoints],
        "is_bureau": is_reviewer(member),
        "sets_checkpoints": is_admin(member),
        "unit": member.unit,
    }
    return render(request, "monitoring/list.html", context)


@login_required
def checkpoint_create_view(request: HttpRequest) -> HttpResponse:
    if not is_admin(request.user):
        raise PermissionDenied(CITY_WIDE)
    form = f.CheckpointForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            checkpoint = checkpoint_create(**form.cleaned_data, by=_member(request))
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"已设置监控时点：{checkpoint}")
            return redirect("monitoring:overview", pk=checkpoint.pk)
    return render(request, "monitoring/checkpoint_form.html", {"form": form})


@login_required
def overview_view(request: HttpRequest, pk: int) -> HttpResponse:
    checkpoint = checkpoint_get(pk=pk)
    member = _member(request)
    if not is_reviewer(member):
        if member.unit_id is None:
            raise PermissionDenied("您没有查看权限")
        return redirect("monitoring:record", pk=pk, unit_id=member.unit_id)
    kind = request.GET.get("kind", "")
    kind = kind if kind in UnitKind.values else ""
    region_id = query_int(request.GET, "region")
    context = {
        "c": checkpoint,
        "sets_checkpoints": is_admin(member),
        "view": overview(checkpoint=checkpoint, user=member, kind=kind, region_id=region_id),
        "kinds": UnitKind.choices,
        "kind": kind,
        "regions": Region.objects.all() if member.role == "admin" else [],
        "region_id": region_id,
    }
    return render(request, "monitoring/overview.html", context)


@login_required
@require_POST
def checkpoint_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    checkpoint = checkpoint_get(pk=pk)
    try:
        checkpoint_close(checkpoint=checkpoint, closed=not checkpoint.closed, by=_member(request))
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "已截止填报" if checkpoint.closed else "已重新开放填报")
    return redirect("monitoring:overview", pk=pk)


@login_required
def record_view(request: HttpRequest, pk: int, unit_id: int) -> HttpResponse:
    checkpoint = checkpoint_get(pk=pk)
    unit = unit_get(user=request.user, pk=unit_id)
    record = record_for(checkpoint=checkpoint, unit=unit)
    tables = list(approved_tables(unit_id=unit.pk, year=checkpoint.year))
    context = {
        "c": checkpoint,
        "unit": unit,
        "record": record,
        "tables": tables,
        "can_edit": can_prepare(request.user, unit.pk) and not checkpoint.closed and bool(tables),
    }
    return render(request, "monitoring/record.html", context)


def _initial(tables: list[Any], record: MonitoringRecord | None) -> tuple[list[Any], list[Any]]:
    saved_lines = {p.budget_line_id: p for p in record.lines.all()} if record else {}
    saved_rows = {p.indicator_id: p for p in record.indicators.all()} if record else {}
    lines, rows = [], []
    for table in tables:
        for line in table.budget_lines.all():
            p = saved_lines.get(line.pk)
            lines.append(
                {
                    "budget_line_id": line.pk,
                    "executed": plain(p.executed) if p else None,
                    "reason": p.reason if p else "",
                    "corrective": p.corrective if p else "",
                }
            )
        for row in table.indicators.all():
            q = saved_rows.get(row.pk)
            rows.append(
                {
                    "indicator_id": row.pk,
                    "done": q.done if q else "",
                    "expected": q.expected if q else "",
                    "likelihood": q.likelihood if q else "",
                    "reason": q.reason if q else "",
                    "corrective": q.corrective if q else "",
                }
            )
    return lines, rows


def _shown_lights(record: MonitoringRecord | None, result: Assessment | None) -> dict[str, Any]:
    """("line", id) / ("indicator", id) → (light, percent) as assessed now or last saved."""
    found: dict[str, Any] = {}
    if result is not None:
        for r in result.lines:
            rate = r.progress.done_percent if r.progress else None
            found[f"line-{r.line.pk}"] = (r.light.value if r.light else "", rate)
        for i in result.indicators:
            found[f"indicator-{i.indicator.pk}"] = (i.light.value if i.light else "", i.completion)
    elif record is not None:
        for p in record.lines.all():
            found[f"line-{p.budget_line_id}"] = (p.light, p.execution_rate)
        for q in record.indicators.all():
            found[f"indicator-{q.indicator_id}"] = (q.light, q.completion)
    return found


@login_required
def record_edit_view(request: HttpRequest, pk: int, unit_id: int) -> HttpResponse:
    checkpoint = checkpoint_get(pk=pk)
    unit = unit_get(user=request.user, pk=unit_id)
    if not can_prepare(request.user, unit.pk) or checkpoint.closed:
        messages.error(request, "本次监控当前不能由您填报")
        return redirect("monitoring:record", pk=pk, unit_id=unit_id)
    tables = list(approved_tables(unit_id=unit.pk, year=checkpoint.year))
    record = record_for(checkpoint=checkpoint, unit=unit)
    result: Assessment | None = None
    status = 200
    if request.method == "POST":
        head = f.RecordHeadForm(request.POST)
        lines = f.LineFormSet(request.POST, prefix="lines")
        rows = f.IndicatorFormSet(request.POST, prefix="rows")
        if head.is_valid() and lines.is_valid() and rows.is_valid():
            submit = "submit" in request.POST
            try:
                record = record_save(
                    checkpoint=checkpoint,
                    unit=unit,
                    lines=[form.entry() for form in lines.forms],
                    indicators=[form.entry() for form in rows.forms],
                    reason=head.cleaned_data.get("reason") or "",
                    corrective=head.cleaned_data.get("corrective") or "",
                    lock_version=head.cleaned_data.get("lock_version"),
                    submit=submit,
                    by=_member(request),
                )
            except ReasonsMissing as error:
                result = error.assessment
                _mark_missing(error, head, lines, rows)
                messages.error(request, error.message)
                status = 400
            except ServiceError as error:
                messages.error(request, error.message)
                status = error.status
                if isinstance(error, Conflict):
                    record = record_for(checkpoint=checkpoint, unit=unit)
            else:
                said = "已报送" if submit else "已保存（尚未报送）"
                light = record.get_light_display()
                messages.success(request, f"{said}：执行率{record.execution_rate}%，{light}")
                return redirect("monitoring:record", pk=pk, unit_id=unit_id)
        else:
            messages.error(request, "有填写错误，请按提示修改；您填写的内容均已保留")
            status = 400
    else:
        initial_lines, initial_rows = _initial(tables, record)
        head = f.RecordHeadForm(
            initial={
                "lock_version": record.lock_version if record else None,
                "reason": record.reason if record else "",
                "corrective": record.corrective if record else "",
            }
        )
        lines = f.LineFormSet(initial=initial_lines, prefix="lines")
        rows = f.IndicatorFormSet(initial=initial_rows, prefix="rows")
    lights = _shown_lights(record, result)
    known_lines = {line.pk: line for t in tables for line in t.budget_lines.all()}
    known_rows = {row.pk: row for t in tables for row in t.indicators.all()}
    context = {
        "c": checkpoint,
        "unit": unit,
        "record": record,
        "head": head,
        "lines": lines,
        "rows": rows,
        "line_rows": _pair(lines, known_lines, "budget_line_id", "line", lights),
        "indicator_rows": _pair(rows, known_rows, "indicator_id", "indicator", lights),
        "result": result,
    }
    return render(request, "monitoring/record_edit.html", context, status=status)


def _pair(
    formset: Any, known: dict[int, Any], key: str, kind: str, lights: dict[str, Any]
) -> list[tuple[Any, Any, str, Any]]:
    """Each form with the line or indicator it is about (the hidden id names it), and the
    light and percent shown beside it."""
    pairs = []
    for form in formset.forms:
        raw = form[key].value()
        pk = bounded_int(raw)
        if pk in known:
            light, percent = lights.get(f"{kind}-{pk}", ("", None))
            pairs.append((form, known[pk], light, percent))
    return pairs


def _mark_missing(error: ReasonsMissing, head: Any, lines: Any, rows: Any) -> None:
    missing = set(error.assessment.missing_reasons())
    for form in lines.forms:
        if ("line", form.cleaned_data["budget_line_id"]) in missing:
            _ask(form)
    for form in rows.forms:
        if ("indicator", form.cleaned_data["indicator_id"]) in missing:
            _ask(form)


def _ask(form: Any) -> None:
    for name in ("reason", "corrective"):
        if not (form.cleaned_data.get(name) or "").strip():
            form.add_error(name, RED_NEEDS)
