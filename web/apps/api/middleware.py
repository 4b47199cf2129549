"""The last net under the API's error shape, and a clean 503 when the database is down.

Outermost in MIDDLEWARE. For a path under /api/:

- the language is always Chinese (an English browser or script still gets Chinese messages
  from Django's validators), by hiding the request's language preferences;
- a body larger than the upload limit is refused (413) before Django reads it;
- any error response that is not already JSON (an unknown URL, a method not allowed, a
  crash that Django turned into its 500 page) is replaced by the one error shape.

For every path, a database that cannot be reached gives 503 with Retry-After, a short
Chinese page, and nothing half-written (the request's transaction never committed).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase

from apps.api.errors import DATABASE_DOWN, STATUS_ERRORS, error_response
from apps.api.uploads import too_large_message

API_PREFIX = "/api/"
_FORM_OVERHEAD = 1024 * 1024  # multipart boundaries and fields around the file
_DOWN_PAGE = (
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
    "<title>系统暂时不可用</title></head><body><h1>系统暂时不可用</h1>"
    "<p>数据库暂时无法连接，请稍后刷新页面。您刚才提交的内容未被保存。</p></body></html>"
)


_NUL_MESSAGE = "请求中含有空字符（NUL，\\u0000），无法保存：请删除该字符后重试"
_NUL_MARKS = ("%00", "\x00")


def _has_nul(request: HttpRequest) -> bool:
    """A NUL in the address, the query or a JSON or form body (uploaded files may hold any
    byte and are not looked at)."""
    query = request.META.get("QUERY_STRING", "")
    if any(mark in query.lower() for mark in _NUL_MARKS) or "\x00" in request.path:
        return True
    kind = request.META.get("CONTENT_TYPE", "")
    if not kind.startswith(("application/json", "application/x-www-form-urlencoded")):
        return False
    if _declared_length(request) > _FORM_OVERHEAD:
        return False
    body = request.body
    return b"\x00" in body or b"\\u0000" in body or b"%00" in body


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


class ApiErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        api = is_api(request)
        if api:
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
            request.COOKIES.pop(settings.LANGUAGE_COOKIE_NAME, None)
            if _declared_length(request) > settings.UPLOAD_LIMIT_BYTES + _FORM_OVERHEAD:
                # Refused before Django reads (and spools to disk) a body this large.
                return error_response(413, "too_large", too_large_message())
            if _has_nul(request):
                # PostgreSQL stores no NUL character in text: refused here, not a 500 there.
                return error_response(422, None, _NUL_MESSAGE)
        response = self.get_response(request)
        if api and response.status_code >= 400 and not _is_json(response):
            return _reshaped(request, response)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        if is_api(request):
            return error_response(503, *DATABASE_DOWN, headers={"Retry-After": "5"})
        response = HttpResponse(_DOWN_PAGE, status=503, content_type="text/html; charset=utf-8")
        response["Retry-After"] = "5"
        return response


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _is_json(response: HttpResponseBase) -> bool:
    return str(response.get("Content-Type", "")).startswith("application/json")


def _reshaped(request: HttpRequest, response: HttpResponseBase) -> HttpResponse:
    status = response.status_code
    message = None
    if status == 404:
        message = f"没有这个接口地址：{request.path}"
    elif status == 405:
        allowed = str(response.get("Allow", ""))
        message = f"该地址不支持 {request.method} 方法" + (f"，可用：{allowed}" if allowed else "")
    headers = {k: str(response[k]) for k in ("Allow", "Retry-After") if response.has_header(k)}
    code = STATUS_ERRORS.get(status, (f"http_{status}", ""))[0]
    reshaped = error_response(status, code, message, headers=headers)
    reshaped.status_code = status
    return reshaped
