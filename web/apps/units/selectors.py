"""Reads on the units registry, limited to what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from apps.accounts.policy import units_q
from apps.units.models import Region, Unit


def unit_list(*, user: Any, kind: str = "", region_id: int | None = None) -> QuerySet[Unit]:
    units = Unit.objects.filter(units_q(user)).select_related("region")
    if kind:
        units = units.filter(kind=kind)
    if region_id is not None:
        units = units.filter(region_id=region_id)
    return units.order_by("region__code", "code")


def region_list() -> QuerySet[Region]:
    return Region.objects.order_by("code")
