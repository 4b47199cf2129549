"""Writing the audit log, and log-in throttling read from it.

Every service that changes data calls ``audit_record`` inside its own transaction, so a
change and its record are committed (or rolled back) together. The summary says what
changed in a few fields: ``{"before": {...}, "after": {...}}`` or a list of changes.

Log-in throttling counts the failed log-ins of one user name from one address in the
last 15 minutes (since the last success): at 5 the next attempt is refused, even with the
right password, until the window has passed. The count is read from the audit log itself,
so every web process and machine sees the same figure.
"""

from __future__ import annotations

import contextvars
import datetime
import ipaddress
from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings
from django.db import models
from django.http import HttpRequest
from django.utils import timezone

from apps.accounts.models import User
from apps.audit.models import AuditAction, AuditEntry

_TEXT_LIMIT = 500
_LIST_LIMIT = 50


def max_failures() -> int:
    return int(getattr(settings, "LOGIN_MAX_FAILURES", 5))


def failure_window() -> datetime.timedelta:
    return datetime.timedelta(minutes=int(getattr(settings, "LOGIN_FAILURE_WINDOW_MINUTES", 15)))


def throttle_message() -> str:
    minutes = int(failure_window().total_seconds() // 60)
    return (
        f"登录失败次数过多（{minutes}分钟内{max_failures()}次），该账号在本机的登录已暂停，"
        f"请{minutes}分钟后再试；如忘记密码请联系系统管理员"
    )


def client_ip(request: HttpRequest | None) -> str | None:
    """The peer's address as the server saw it (a proxy's own header is not trusted)."""
    if request is None:
        return None
    address = str(request.META.get("REMOTE_ADDR") or "")
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


# The address of the request being served (None in the worker and in commands): every entry
# a request writes carries it, whichever service writes the entry.
_request_ip: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_ip", default=None)


class AuditContextMiddleware:
    """Remembers each request's address for the audit entries written while serving it."""

    def __init__(self, get_response: Callable[[HttpRequest], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        token = _request_ip.set(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            _request_ip.reset(token)


def _plain(value: Any) -> Any:
    """A JSON value of bounded size (long texts and lists are cut)."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in list(value.items())[:_LIST_LIMIT]}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in list(value)[:_LIST_LIMIT]]
    text = str(value)
    return text if len(text) <= _TEXT_LIMIT else text[:_TEXT_LIMIT] + "…"


def audit_record(
    *,
    action: AuditAction,
    actor: Any = None,
    target: models.Model | None = None,
    summary: Mapping[str, Any] | None = None,
    request: HttpRequest | None = None,
    actor_name: str = "",
) -> AuditEntry:
    """One row of the audit log (``actor`` None: the system, e.g. the background worker)."""
    member = actor if isinstance(actor, User) and actor.pk is not None else None
    return AuditEntry.objects.create(
        actor=member,
        actor_name=(actor_name or (member.username if member else ""))[:150],
        action=action,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None and target.pk is not None else "",
        object_repr=str(target)[:255] if target is not None else "",
        summary=_plain(dict(summary or {})),
        ip=client_ip(request) if request is not None else _request_ip.get(),
    )


def fields_of(instance: models.Model, names: tuple[str, ...]) -> dict[str, Any]:
    """A few fields of a model instance as plain values, for a before/after summary."""
    return {name: _plain(getattr(instance, name, None)) for name in names}


def changes_of(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    """Only what differs: {"before": {...}, "after": {...}}."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {"before": {k: before.get(k) for k in keys}, "after": {k: after.get(k) for k in keys}}


def login_failures(*, username: str, ip: str | None) -> int:
    """Failed log-ins of this name from this address in the window, since its last success."""
    since = timezone.now() - failure_window()
    entries = AuditEntry.objects.filter(actor_name=username[:150], ip=ip, at__gte=since)
    last_success = (
        entries.filter(action=AuditAction.LOGIN).order_by("-at").values_list("at", flat=True)
    ).first()
    failures = entries.filter(action=AuditAction.LOGIN_FAILED)
    if last_success is not None:
        failures = failures.filter(at__gt=last_success)
    return failures.count()


def login_is_throttled(*, username: str, ip: str | None) -> bool:
    return login_failures(username=username, ip=ip) >= max_failures()


def login_record(*, username: str, user: User | None, request: HttpRequest | None) -> None:
    """A log-in attempt: a success when ``user`` is given, a failure otherwise."""
    audit_record(
        action=AuditAction.LOGIN if user is not None else AuditAction.LOGIN_FAILED,
        actor=user,
        actor_name=username,
        request=request,
    )


def login_record_blocked(*, username: str, request: HttpRequest | None) -> None:
    audit_record(action=AuditAction.LOGIN_BLOCKED, actor_name=username, request=request)
