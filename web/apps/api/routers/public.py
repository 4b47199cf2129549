"""The published data: no log-in, only published versions (the public pages' selectors)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router

from apps.api.errors import ErrorOut
from apps.api.etags import content_etag, not_modified
from apps.api.pagination import PageParams, paginate
from apps.api.params import Id
from apps.api.schemas import KindName, PublicCampaignData, PublicPage, PublicReport
from apps.publications import export
from apps.publications.models import Publication
from apps.publications.selectors import (
    campaign_published,
    publication_get,
    publication_list,
    unit_publications,
)

router = Router(tags=["公开信息"], auth=None)
ERRORS: dict[int, Any] = dict.fromkeys((400, 404, 422), ErrorOut)


class PublicFilters(PageParams):
    year: int | None = Field(None, ge=2000, le=2100, description="年度")
    kind: KindName | None = Field(None, description="单位类型")
    q: str = Field("", max_length=64, description="单位名称中的文字")


def _summary(publication: Publication) -> dict[str, Any]:
    full = export.as_json([publication])[0]
    return {k: v for k, v in full.items() if k not in ("data", "findings")}


def _tagged(request: HttpRequest, response: HttpResponse, payload: Any) -> Any:
    etag = content_etag(payload)
    response["ETag"] = etag
    return not_modified(request, etag) or payload


@router.get("/public/reports", response={200: PublicPage, **ERRORS}, summary="已公开的报告")
def public_reports(request: HttpRequest, filters: Query[PublicFilters]) -> Any:
    rows = publication_list(
        year=filters.year, kind=filters.kind or "", query=filters.q.strip()
    ).select_related("version")
    return paginate(rows, filters, _summary)


@router.get("/public/reports/{pk}", response={200: PublicReport, **ERRORS}, summary="一份公开报告")
def public_report(request: HttpRequest, pk: Id, response: HttpResponse) -> Any:
    return _tagged(request, response, export.as_json([publication_get(pk=pk)])[0])


@router.get(
    "/public/campaigns/{pk}",
    response={200: PublicCampaignData, **ERRORS},
    summary="一次评价任务的全部公开数据",
)
def public_campaign(request: HttpRequest, pk: Id, response: HttpResponse) -> Any:
    campaign, publications = campaign_published(campaign_id=pk)
    payload = {
        "campaign": {
            "id": campaign.pk,
            "year": campaign.year,
            "notice_number": campaign.notice_number,
            "title": campaign.title,
        },
        "reports": export.as_json(publications),
    }
    return _tagged(request, response, payload)


@router.get(
    "/public/units/{pk}",
    response={200: list[PublicReport], **ERRORS},
    summary="一个单位历年的公开报告",
)
def public_unit(request: HttpRequest, pk: Id, response: HttpResponse) -> Any:
    _, publications = unit_publications(unit_id=pk)
    return _tagged(request, response, export.as_json(publications))
