"""Reads for the public pages: only published versions, never a working copy."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Max, QuerySet
from django.http import Http404

from apps import memo
from apps.campaigns.models import Campaign
from apps.publications.models import Publication
from apps.units.models import Region, Unit

# Parts of a version's data the public does not need (internal or bulky).
_PRIVATE_KEYS = ("evidence", "headings", "source")


def publication_list(
    *, year: int | None = None, kind: str = "", query: str = ""
) -> QuerySet[Publication]:
    rows = Publication.objects.select_related("unit", "unit__region", "campaign")
    if year is not None:
        rows = rows.filter(year=year)
    if kind:
        rows = rows.filter(unit__kind=kind)
    if query:
        rows = rows.filter(unit__name__icontains=query)
    return rows.order_by("-year", "unit__code")


def publications_stamp() -> tuple[Any, ...]:
    """A fingerprint of what the public list shows, in one query (see apps.memo).

    Publications are never changed once written, only added or removed (withdrawn, 撤回公开):
    their count and largest id see both; the units' and regions' ``updated_at`` see a renamed
    unit, a campaign's ``updated_at`` a campaign's changed year or title.
    """
    stamp = Publication.objects.aggregate(
        count=Count("id"),
        top=Max("id"),
        units=memo.latest_change(Unit),
        regions=memo.latest_change(Region),
        campaigns=memo.latest_change(Campaign),
    )
    return tuple(stamp.values())


def published_campaigns(rows: QuerySet[Publication]) -> list[Campaign]:
    """The campaigns behind a (filtered) list, for its download links: one query, however many
    pages the list has."""
    return list(Campaign.objects.filter(pk__in=rows.values("campaign_id")).order_by("-year", "pk"))


def published_years() -> list[int]:
    return list(Publication.objects.values_list("year", flat=True).distinct().order_by("-year"))


def publication_get(*, pk: int) -> Publication:
    found = (
        Publication.objects.select_related("unit", "unit__region", "campaign", "version")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404("没有找到这份公开报告")
    return found


def unit_publications(*, unit_id: int) -> tuple[Unit, list[Publication]]:
    unit = Unit.objects.select_related("region").filter(pk=unit_id).first()
    if unit is None:
        raise Http404("没有找到这个单位")
    rows = list(
        Publication.objects.filter(unit=unit).select_related("version", "campaign").order_by("year")
    )
    if not rows:
        raise Http404("这个单位还没有公开的报告")
    return unit, rows


def campaign_published(*, campaign_id: int) -> tuple[Campaign, list[Publication]]:
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        raise Http404("没有找到这个评价任务")
    rows = list(
        Publication.objects.filter(campaign=campaign)
        .select_related("unit", "unit__region", "version")
        .order_by("unit__code")
    )
    return campaign, rows


def public_data(publication: Publication) -> dict[str, Any]:
    """The published version's data, without internal parts."""
    data = dict(publication.version.data)
    for key in _PRIVATE_KEYS:
        data.pop(key, None)
    return data
