"""Headers every response carries: who may keep a copy, and what the page may run.

- ``Cache-Control: private, no-store`` on everything that is not public (pages of a signed-in
  user, downloads, the API's data), so that no shared cache or the browser's disk keeps a
  unit's report; the published pages (/public/, /api/public/) and static files keep theirs.
- A Content-Security-Policy the application's pages pass: scripts and styles only from the
  site itself (no inline script anywhere; inline style attributes only, for the bar widths),
  no plugins, no framing, forms posting only to the site.

Also the page shown when a form's CSRF check fails: Chinese, in the site's layout.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

PUBLIC_PREFIXES = ("/public/", "/api/public/", "/static/")
PRIVATE = "private, no-store"
CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)


class PrivacyHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if not request.path.startswith(PUBLIC_PREFIXES) or _personal(request):
            response["Cache-Control"] = PRIVATE
        response.setdefault("Content-Security-Policy", CSP)
        return response


def _personal(request: HttpRequest) -> bool:
    """A public address asked by somebody signed in (its header names them) or with a token."""
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    return signed_in or "HTTP_AUTHORIZATION" in request.META


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form whose CSRF token did not check out (settings.CSRF_FAILURE_VIEW)."""
    return render(request, "403_csrf.html", status=403)
