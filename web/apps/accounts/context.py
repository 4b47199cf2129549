"""Template context: what the navigation needs to know about the signed-in user."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from apps.accounts.models import EVALUATOR_ROLES, Role
from apps.accounts.policy import as_member


def role(request: HttpRequest) -> dict[str, Any]:
    member = as_member(getattr(request, "user", None))
    return {
        "member": member,
        "is_admin": member is not None and member.role == Role.ADMIN,
        "is_reviewer": member is not None and member.role in (Role.REVIEWER, Role.ADMIN),
        "is_evaluator": member is not None and member.role in EVALUATOR_ROLES,
    }
