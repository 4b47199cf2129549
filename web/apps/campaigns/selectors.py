"""Reads on campaigns."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from apps.accounts.policy import units_q
from apps.campaigns.models import Campaign
from apps.submissions.models import Submission


def campaign_list(*, user: Any) -> QuerySet[Campaign]:
    """Campaigns with the number of reports this user may see in each."""
    visible = units_q(user, prefix="submissions__unit__")
    return Campaign.objects.annotate(
        unit_count=Count("submissions", filter=visible, distinct=True)
    ).order_by("-year", "-id")


def campaign_get(*, pk: int) -> Campaign:
    found = Campaign.objects.filter(pk=pk).first()
    if found is None:
        raise Http404("没有找到这个评价任务")
    return found


def campaign_amendments(*, submission_ids: list[int]) -> list[tuple[str, list[Any]]]:
    """(unit name, amendments) of the reports that have figures changed from their document,
    in unit code order (``Submission.amendments``, see apps.submissions.amendments)."""
    rows = (
        Submission.objects.filter(pk__in=submission_ids)
        .exclude(amendments=[])
        .order_by("unit__code")
        .values_list("unit__name", "amendments")
    )
    return [(name, list(found or [])) for name, found in rows if found]


def previous_campaign(*, campaign: Campaign) -> Campaign | None:
    return Campaign.objects.filter(Q(year=campaign.year - 1)).order_by("-id").first()
