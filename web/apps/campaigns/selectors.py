"""Reads on campaigns."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from apps.accounts.policy import units_q
from apps.campaigns.models import Campaign


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


def previous_campaign(*, campaign: Campaign) -> Campaign | None:
    return Campaign.objects.filter(Q(year=campaign.year - 1)).order_by("-id").first()
