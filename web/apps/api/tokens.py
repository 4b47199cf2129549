"""Issuing, checking and revoking API tokens.

A token is 32 random bytes (``jx_`` + 43 URL-safe characters). Only its SHA-256 is stored:
the token has far more entropy than a password, so a fast hash is enough and the database
never holds a usable secret. ``last_used_at`` is written at most once a minute per token.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.accounts.policy import as_member
from apps.api.models import ApiToken
from apps.audit.models import AuditAction
from apps.audit.services import audit_record
from apps.errors import InvalidInput

PREFIX = "jx_"
_TOUCH_EVERY = datetime.timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class Issued:
    token: ApiToken
    secret: str  # shown once, never stored


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def token_issue(*, owner: User, name: str = "", by: User | None = None) -> Issued:
    if as_member(owner) is None:
        raise InvalidInput(f"用户“{owner.username}”已停用，不能签发接口令牌")
    secret = PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            owner=owner, name=name.strip()[:64], prefix=secret[:10], key_hash=_digest(secret)
        )
        audit_record(
            action=AuditAction.TOKEN,
            actor=by,
            target=token,
            summary={
                "after": {"owner": owner.username, "name": token.name, "prefix": token.prefix}
            },
        )
    return Issued(token=token, secret=secret)


def token_revoke(*, token: ApiToken, by: User | None = None) -> ApiToken:
    with transaction.atomic():
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        audit_record(
            action=AuditAction.TOKEN, actor=by, target=token, summary={"after": {"revoked": True}}
        )
    token.refresh_from_db()
    return token


def token_user(secret: str) -> User | None:
    """The active user a token belongs to, or None (unknown, revoked, user inactive)."""
    if not secret.startswith(PREFIX) or len(secret) > 128:
        return None
    digest = _digest(secret)
    token = (
        ApiToken.objects.select_related("owner")
        .filter(key_hash=digest, revoked_at__isnull=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.key_hash, digest):
        return None
    owner = as_member(token.owner)
    if owner is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > _TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return owner
