"""The units registry: a list for everyone signed in, the .xlsx import for administrators."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from apps.accounts.policy import as_member, is_admin
from apps.bounded import query_int
from apps.errors import ServiceError
from apps.units.forms import UnitImportForm
from apps.units.models import UnitKind
from apps.units.selectors import region_list, unit_list, unit_moves
from apps.units.services import units_import_xlsx


@login_required
def unit_list_view(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    region_id = query_int(request.GET, "region")
    units = unit_list(
        user=request.user,
        kind=kind if kind in UnitKind.values else "",
        region_id=region_id,
    )
    context = {
        "units": units,
        "kinds": UnitKind.choices,
        "regions": region_list(),
        "kind": kind,
        "region": str(region_id or ""),
        "moves": unit_moves(user=request.user),
    }
    return render(request, "units/unit_list.html", context)


@login_required
def unit_import_view(request: HttpRequest) -> HttpResponse:
    if not is_admin(request.user):
        raise PermissionDenied("只有系统管理员可以导入单位名单")
    form = UnitImportForm(request.POST or None, request.FILES or None)
    errors: tuple[str, ...] = ()
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            result = units_import_xlsx(file=form.cleaned_data["file"], by=as_member(request.user))
        except ServiceError as error:
            form.add_error("file", error.message)
            status = error.status
        else:
            if result.ok:
                messages.success(
                    request, f"导入完成：新增{result.created}个单位，更新{result.updated}个单位"
                )
                return redirect("units:list")
            errors = result.errors
            status = 400  # refused: nothing was imported
    elif request.method == "POST":
        status = 400
    context = {"form": form, "errors": errors}
    return render(request, "units/unit_import.html", context, status=status)
