"""The authentication backend: Django's, with throttling and every attempt in the audit log.

Every way in (the log-in page, the admin, ``Client.login``) calls ``authenticate()``, which
asks this backend, so none of them escapes the throttle. A throttled attempt raises
PermissionDenied, which makes Django stop and refuse without asking for the password.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from apps.accounts.models import User
from apps.audit.services import (
    client_ip,
    login_is_throttled,
    login_record,
    login_record_blocked,
    throttle_message,
)


class AuditedModelBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        if username is None or password is None:
            return None
        name = str(username)[:150]
        if login_is_throttled(username=name, ip=client_ip(request)):
            login_record_blocked(username=name, request=request)
            raise PermissionDenied(throttle_message())
        user = super().authenticate(request, username=username, password=password, **kwargs)
        found = user if isinstance(user, User) else None
        login_record(username=name, user=found, request=request)
        return found

    def get_user(self, user_id: Any) -> User | None:
        """The signed-in user of each request, with the unit and region every page's header
        names: one query instead of two or three."""
        user = User._default_manager.select_related("unit", "region").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
