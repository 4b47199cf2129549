"""Campaigns: the list, one campaign, its reports, the bureau's overview, and creation."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Status

from apps.accounts.policy import is_admin, is_reviewer
from apps.api.auth import caller
from apps.api.errors import ApiError, ErrorOut
from apps.api.etags import content_etag, not_modified
from apps.api.outputs import campaign_out, submission_out
from apps.api.pagination import PageParams, paginate
from apps.api.params import Id
from apps.api.schemas import (
    CampaignIn,
    CampaignOut,
    CampaignOverviewOut,
    CampaignPage,
    CampaignUnitsIn,
    KindName,
    StateName,
    SubmissionPage,
)
from apps.campaigns.overview import remembered_overview
from apps.campaigns.selectors import campaign_get, campaign_list
from apps.campaigns.services import campaign_create, campaign_units_set
from apps.errors import NotAllowed
from apps.submissions.selectors import submission_list
from apps.units.selectors import unit_list

router = Router(tags=["评价任务"])
ERRORS: dict[int, Any] = dict.fromkeys((400, 401, 403, 404, 409, 422), ErrorOut)


class SubmissionFilters(PageParams):
    state: StateName | None = Field(None, description="状态")


@router.get("/campaigns", response={200: CampaignPage, **ERRORS}, summary="评价任务列表")
def campaigns_list(request: HttpRequest, params: Query[PageParams]) -> Any:
    rows = campaign_list(user=caller(request))
    return paginate(rows, params, lambda c: campaign_out(c, report_count=c.unit_count))


def _visible_campaign(request: HttpRequest, pk: int) -> Any:
    found = campaign_list(user=caller(request)).filter(pk=pk).first()
    if found is None:
        raise ApiError(404, "not_found", "没有找到这个评价任务")
    return found


@router.get("/campaigns/{pk}", response={200: CampaignOut, **ERRORS}, summary="评价任务")
def campaign_detail(request: HttpRequest, pk: Id, response: HttpResponse) -> Any:
    found = _visible_campaign(request, pk)
    payload = campaign_out(found, report_count=found.unit_count)
    etag = content_etag(payload)
    cached = not_modified(request, etag)
    if cached is not None:
        return cached
    response["ETag"] = etag
    return payload


@router.get(
    "/campaigns/{pk}/submissions",
    response={200: SubmissionPage, **ERRORS},
    summary="评价任务中本人可见的单位报告",
)
def campaign_submissions(request: HttpRequest, pk: Id, filters: Query[SubmissionFilters]) -> Any:
    campaign = _visible_campaign(request, pk)
    rows = submission_list(user=caller(request), campaign_id=campaign.pk)
    if filters.state:
        rows = rows.filter(state=filters.state)
    return paginate(rows, filters, submission_out)


class OverviewFilters(PageParams):
    kind: KindName | None = Field(None, description="只看某类单位")


@router.get(
    "/campaigns/{pk}/overview",
    response={200: CampaignOverviewOut, **ERRORS},
    summary="评价任务总览（财政审核人、管理员）",
)
def campaign_summary(request: HttpRequest, pk: Id, filters: Query[OverviewFilters]) -> Any:
    user = caller(request)
    if not is_reviewer(user):
        raise NotAllowed("只有财政审核人或管理员可以查看评价任务总览")
    found = _visible_campaign(request, pk)
    overview, _ = remembered_overview(
        campaign=campaign_get(pk=found.pk), user=user, kind=filters.kind or ""
    )
    return {
        "campaign": campaign_out(found, report_count=found.unit_count),
        "total": overview.total,
        "states": [
            {"key": b.key, "label": b.label, "value": int(b.value)} for b in overview.states
        ],
        "grades": [
            {"key": b.key, "label": b.label, "value": int(b.value)} for b in overview.grades
        ],
        "overdue": [r.submission.pk for r in overview.overdue],
        "ranking": [r.submission.pk for r in overview.ranking],
    }


def _units(user: Any, ids: list[int]) -> list[Any]:
    units = list(unit_list(user=user).filter(pk__in=ids))
    missing = sorted(set(ids) - {u.pk for u in units})
    if missing:
        raise ApiError(
            422, "invalid_input", f"以下单位不存在：{missing[:20]}", [{"location": "body.unit_ids"}]
        )
    return units


@router.post("/campaigns", response={201: CampaignOut, **ERRORS}, summary="创建评价任务（管理员）")
def campaign_new(request: HttpRequest, body: CampaignIn) -> Any:
    """创建任务，并为每个参评单位建立一份空白的单位报告。"""
    user = caller(request)
    if not is_admin(user):
        raise NotAllowed("只有系统管理员可以创建评价任务")
    units = _units(user, body.unit_ids)
    campaign = campaign_create(
        year=body.year,
        notice_number=body.notice_number,
        title=body.title,
        deadline=body.deadline,
        units=units,
        by=user,
        outline=body.outline,
        framework=body.framework,
    )
    return Status(201, campaign_out(campaign, report_count=len(units)))


@router.put(
    "/campaigns/{pk}/units",
    response={200: CampaignOut, **ERRORS},
    summary="设置参评单位（管理员）",
)
def campaign_units(request: HttpRequest, pk: Id, body: CampaignUnitsIn) -> Any:
    """参评单位设为请求中的这些单位：新加入的单位建立空白报告；已开始填报的单位不能移出（409）。"""
    user = caller(request)
    if not is_admin(user):
        raise NotAllowed("只有系统管理员可以调整参评单位")
    campaign = campaign_get(pk=pk)
    campaign_units_set(campaign=campaign, units=_units(user, body.unit_ids), by=user)
    found = _visible_campaign(request, pk)
    return campaign_out(found, report_count=found.unit_count)
