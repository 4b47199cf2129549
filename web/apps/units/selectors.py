"""Reads on the units registry, limited to what the user may see."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from apps.accounts.policy import as_member, is_admin, is_reviewer, units_q
from apps.audit.models import AuditAction, AuditEntry
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


@dataclass(frozen=True, slots=True)
class UnitMove:
    at: datetime.datetime
    unit: str
    before: str
    after: str
    by: str
    ip: str


def unit_moves(*, user: Any, limit: int = 20) -> list[UnitMove]:
    """The latest moves of units between regions (each widens one reviewer's view and
    narrows another's), from the audit log: all of them for an administrator, those into or
    out of their own region for a reviewer, none for a unit's people."""
    member = as_member(user)
    if member is None or not is_reviewer(member):
        return []
    own = None if is_admin(member) else (member.region.name if member.region else "")
    entries = AuditEntry.objects.filter(
        object_type="units.unit", action=AuditAction.UPDATE, summary__before__has_key="region"
    ).order_by("-at", "-id")
    moves: list[UnitMove] = []
    for entry in entries[: limit * 10]:
        before = str(entry.summary["before"].get("region") or "")
        after = str(entry.summary.get("after", {}).get("region") or "")
        if own is not None and own not in (before, after):
            continue
        moves.append(
            UnitMove(entry.at, entry.object_repr, before, after, entry.actor_name, entry.ip or "")
        )
        if len(moves) == limit:
            break
    return moves
