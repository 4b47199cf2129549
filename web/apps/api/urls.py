"""/api/…: the API's operations, then a catch-all so that an unknown address under /api/
answers in the API's error shape (404) rather than with the site's HTML page."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.urls import path, re_path

from apps.api.api import api
from apps.api.errors import error_response


def unknown(request: HttpRequest, rest: str = "") -> JsonResponse:
    return error_response(404, "not_found", f"没有这个接口地址：{request.path}")


urlpatterns = [
    path("", api.urls),
    re_path(r"^(?P<rest>.*)$", unknown, name="api-unknown"),
]
