"""Who is calling: a token (scripts) or the browser's session (with CSRF on every write).

A request with ``Authorization: Bearer <token>`` is that token's user or a 401, never the
session's. Without one, the session's user is taken, and a POST/PUT/PATCH/DELETE must carry
the CSRF token (``X-CSRFToken`` header), exactly as a form on the site would.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from apps.accounts.models import User
from apps.accounts.policy import as_member
from apps.api.errors import ApiError
from apps.api.tokens import token_user

_SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User:
        user = token_user(token.strip())
        if user is None:
            raise ApiError(
                401,
                "invalid_token",
                "接口令牌无效、已吊销或其用户已停用",
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
        return user


class SessionAuth(APIKeyCookie):
    """The signed-in browser; the CSRF check comes after we know there is a session, so an
    anonymous request is told to log in (401), not that its CSRF token is missing."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        key = request.COOKIES.get(self.param_name)
        return str(key) if key is not None else None

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        member = as_member(getattr(request, "user", None))
        if member is None:
            return None
        if request.method not in _SAFE_METHODS and check_csrf(request) is not None:
            raise ApiError(
                403,
                "csrf_failed",
                "CSRF 校验失败：请刷新页面后重试（浏览器发出的修改请求须带 X-CSRFToken 请求头）",
            )
        return member


def caller(request: HttpRequest) -> User:
    """The authenticated user of an operation that requires one."""
    user: Any = getattr(request, "auth", None)
    member = as_member(user)
    if member is None:  # pragma: no cover - the auth classes never let this through
        raise ApiError(401, "not_authenticated", "请先登录")
    return member


def viewer(request: HttpRequest) -> User | None:
    """The user of a request, or None for the public (public operations have no auth)."""
    return as_member(getattr(request, "auth", None)) or as_member(getattr(request, "user", None))


API_AUTH = [TokenAuth(), SessionAuth()]
