"""Reads on users."""

from __future__ import annotations

from django.db.models import QuerySet

from apps.accounts.models import Role, User
from apps.units.models import Unit


def unit_people(*, unit: Unit, role: Role) -> QuerySet[User]:
    """The active users of a unit in one role (its preparers, or its heads)."""
    return User.objects.filter(unit=unit, role=role, is_active=True).order_by("username")


def region_reviewers(*, region_id: int) -> QuerySet[User]:
    return User.objects.filter(role=Role.REVIEWER, region_id=region_id, is_active=True).order_by(
        "username"
    )


def department_reviewers(*, department_id: int) -> QuerySet[User]:
    """The active pre-reviewers (主管部门审核人) of a department in charge."""
    return User.objects.filter(
        role=Role.DEPARTMENT, unit_id=department_id, is_active=True
    ).order_by("username")
