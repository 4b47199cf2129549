"""The signed-in user, and the units registry (what the user may see of it)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Status

from apps.accounts.policy import is_admin
from apps.api.auth import caller
from apps.api.errors import ApiError, ErrorOut
from apps.api.etags import content_etag, not_modified
from apps.api.outputs import me_out, unit_out
from apps.api.pagination import PageParams, paginate
from apps.api.params import MAX_ID, Id
from apps.api.schemas import KindName, MeOut, UnitIn, UnitOut, UnitPage
from apps.errors import NotAllowed
from apps.units.models import Region, UnitKind
from apps.units.selectors import unit_list
from apps.units.services import unit_create

router = Router(tags=["预算单位"])
ERRORS: dict[int, Any] = dict.fromkeys((400, 401, 403, 404, 409, 412, 422, 428), ErrorOut)


class UnitFilters(PageParams):
    kind: KindName | None = Field(None, description="单位类型")
    region_id: int | None = Field(None, ge=1, le=MAX_ID, description="所属区域编号")


@router.get("/me", response={200: MeOut, **ERRORS}, summary="当前用户", tags=["当前用户"])
def me(request: HttpRequest) -> Any:
    return me_out(caller(request))


@router.get("/units", response={200: UnitPage, **ERRORS}, summary="预算单位列表")
def units_list(request: HttpRequest, filters: Query[UnitFilters]) -> Any:
    """本人可见的单位：单位用户只见本单位，审核人见本区域，管理员见全部。"""
    rows = unit_list(user=caller(request), kind=filters.kind or "", region_id=filters.region_id)
    return paginate(rows, filters, unit_out)


@router.get("/units/{pk}", response={200: UnitOut, **ERRORS}, summary="预算单位")
def unit_detail(request: HttpRequest, pk: Id, response: HttpResponse) -> Any:
    unit = unit_list(user=caller(request)).filter(pk=pk).first()
    if unit is None:
        raise ApiError(404, "not_found", "没有找到这个单位")
    payload = unit_out(unit)
    etag = content_etag(payload)
    cached = not_modified(request, etag)
    if cached is not None:
        return cached
    response["ETag"] = etag
    return payload


@router.post("/units", response={201: UnitOut, **ERRORS}, summary="登记预算单位（管理员）")
def unit_new(request: HttpRequest, body: UnitIn) -> Any:
    user = caller(request)
    if not is_admin(user):
        raise NotAllowed("只有系统管理员可以登记预算单位")
    region = Region.objects.filter(pk=body.region_id).first()
    if region is None:
        raise ApiError(422, "invalid_input", "所属区域不存在", [{"location": "body.region_id"}])
    unit = unit_create(
        code=body.code.strip(),
        name=body.name.strip(),
        kind=UnitKind(body.kind),
        region=region,
        by=user,
    )
    return Status(201, unit_out(unit))
