"""Public pages: no log-in, only published versions."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from apps import memo
from apps.bounded import query_int
from apps.downloads import attachment
from apps.publications import export
from apps.publications.selectors import (
    campaign_published,
    public_data,
    publication_get,
    publication_list,
    publications_stamp,
    published_campaigns,
    published_years,
    unit_publications,
)
from apps.submissions.fields import FIELDS, NARRATIVES, get_path
from apps.units.models import UnitKind

# Reports per page of the public list.
PER_PAGE = 50


def public_index(request: HttpRequest) -> HttpResponse:
    def body() -> str:
        kind = request.GET.get("kind", "")
        query = request.GET.get("q", "").strip()[:64]
        rows = publication_list(
            year=query_int(request.GET, "year", low=1900, high=2999),
            kind=kind if kind in UnitKind.values else "",
            query=query,
        )
        page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
        context = {
            "page": page,
            "publications": page.object_list,
            "years": published_years(),
            "kinds": UnitKind.choices,
            "year": request.GET.get("year", "")[:4],
            "kind": kind,
            "q": query,
            "campaigns": published_campaigns(rows),
        }
        return render_to_string("publications/index_body.html", context, request=request)

    # The list is the same for everyone who asks the same question of the same published data:
    # remembered per process under the data's fingerprint (apps.memo); the page around it (who
    # is signed in) is rendered per request.
    key = ("public-index", publications_stamp(), request.GET.urlencode())
    html = memo.pages.get_or_compute(key, body)
    return render(request, "publications/index.html", {"body": html})


def _figures(data: dict[str, object]) -> list[tuple[str, str, object]]:
    return [(spec.group, spec.label, get_path(data, spec.path)) for spec in FIELDS]


def public_report(request: HttpRequest, pk: int) -> HttpResponse:
    publication = publication_get(pk=pk)
    data = public_data(publication)
    context = {
        "p": publication,
        "data": data,
        "figures": _figures(data),
        "narratives": [(label, data.get(name) or []) for name, label in NARRATIVES.items()],
        "functional": (get_path(data, "spending.functional") or []),
        "indicators": data.get("indicators") or [],
        "findings": publication.version.findings,
    }
    return render(request, "publications/report.html", context)


def public_report_json(request: HttpRequest, pk: int) -> JsonResponse:
    publication = publication_get(pk=pk)
    return _json(export.as_json([publication])[0])


def public_unit(request: HttpRequest, pk: int) -> HttpResponse:
    unit, publications = unit_publications(unit_id=pk)
    datas = [public_data(p) for p in publications]
    rows = [
        (spec.label, [get_path(d, spec.path) for d in datas])
        for spec in FIELDS
        if any(get_path(d, spec.path) not in (None, "") for d in datas)
    ]
    rows.append(("评分", [p.score for p in publications]))
    rows.append(("评分等级", [p.grade for p in publications]))
    context = {"unit": unit, "publications": publications, "rows": rows}
    return render(request, "publications/unit.html", context)


def public_campaign_csv(request: HttpRequest, pk: int) -> HttpResponse:
    campaign, publications = campaign_published(campaign_id=pk)
    # UTF-8 with BOM: Excel on Chinese Windows opens it without garbling.
    body = "\ufeff" + export.as_csv(publications)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    return attachment(response, f"{campaign.title}公开结果.csv")


def public_campaign_json(request: HttpRequest, pk: int) -> JsonResponse:
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
    return _json(payload)


def _json(payload: object) -> JsonResponse:
    response = JsonResponse(payload, safe=False, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/json; charset=utf-8"
    return response
