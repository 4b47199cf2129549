"""Writes on users. Only administrators reach the Django admin: ``is_staff`` follows the role."""

from __future__ import annotations

from django.db import transaction

from apps.accounts.models import SCOPED_TO_UNIT, Role, User
from apps.audit.models import AuditAction
from apps.audit.services import audit_record, fields_of
from apps.errors import InvalidInput
from apps.units.models import Region, Unit


def user_create(
    *,
    username: str,
    password: str,
    role: Role,
    full_name: str = "",
    unit: Unit | None = None,
    region: Region | None = None,
    by: User | None = None,
) -> User:
    """A new account; its scope matches its role (a unit for 填报人/负责人/主管部门审核人, a region
    for 审核人)."""
    _check_scope(role=role, unit=unit, region=region)
    if User.objects.filter(username=username).exists():
        raise InvalidInput(f"用户名“{username}”已被使用")
    with transaction.atomic():
        user = User(
            username=username,
            role=role,
            full_name=full_name,
            unit=unit if role in SCOPED_TO_UNIT else None,
            region=region if role == Role.REVIEWER else None,
            is_staff=role == Role.ADMIN,
            is_superuser=role == Role.ADMIN,
        )
        user.set_password(password)
        user.save()
        after = fields_of(user, ("username", "role", "unit_id", "region_id"))
        audit_record(action=AuditAction.CREATE, actor=by, target=user, summary={"after": after})
    return user


def user_set_password(*, user: User, password: str, by: User | None = None) -> User:
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        audit_record(action=AuditAction.PASSWORD, actor=by or user, target=user)
    return user


def _check_scope(*, role: Role, unit: Unit | None, region: Region | None) -> None:
    if role in SCOPED_TO_UNIT and unit is None:
        raise InvalidInput(f"{role.label}必须指定所属单位")
    if role == Role.REVIEWER and region is None:
        raise InvalidInput("财政审核人必须指定负责区域")
