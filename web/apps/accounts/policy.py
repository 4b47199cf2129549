"""Who may see and do what, in one place. Views, selectors and services all ask here.

Anonymous visitors are the public: they see only published data (the publications app).
A preparer or head sees their own unit, a reviewer the units of their region, an
administrator everything. Functions take any user object Django hands out.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from apps.accounts.models import Role, User


def as_member(user: Any) -> User | None:
    """The signed-in jixiao user, or None for the public."""
    if isinstance(user, User) and user.is_authenticated and user.is_active:
        return user
    return None


def is_admin(user: Any) -> bool:
    member = as_member(user)
    return member is not None and member.role == Role.ADMIN


def is_reviewer(user: Any) -> bool:
    member = as_member(user)
    return member is not None and member.role in (Role.REVIEWER, Role.ADMIN)


def units_q(user: Any, *, prefix: str = "") -> Q:
    """A filter on units (``prefix`` leads to the unit: "unit__") that this user may see."""
    member = as_member(user)
    if member is None:
        return Q(pk__in=[])
    if member.role == Role.ADMIN:
        return Q()
    if member.role == Role.REVIEWER:
        return Q(**{f"{prefix}region_id": member.region_id})
    field = f"{prefix}id" if prefix else "pk"
    return Q(**{field: member.unit_id})


def can_see_unit(user: Any, unit_id: int, region_id: int) -> bool:
    member = as_member(user)
    if member is None:
        return False
    if member.role == Role.ADMIN:
        return True
    if member.role == Role.REVIEWER:
        return member.region_id == region_id
    return member.unit_id == unit_id


def can_prepare(user: Any, unit_id: int) -> bool:
    """Upload, edit and submit a unit's report: its preparer only."""
    member = as_member(user)
    return member is not None and member.role == Role.PREPARER and member.unit_id == unit_id


def can_approve(user: Any, unit_id: int) -> bool:
    """Approve a unit's report before it goes to the finance bureau: its head only."""
    member = as_member(user)
    return member is not None and member.role == Role.HEAD and member.unit_id == unit_id


def can_review(user: Any, region_id: int) -> bool:
    """Return, accept and publish: a reviewer of the unit's region, or an administrator."""
    member = as_member(user)
    if member is None:
        return False
    if member.role == Role.ADMIN:
        return True
    return member.role == Role.REVIEWER and member.region_id == region_id
