"""The API's one error shape, and the translation of every error into it.

Every error the API returns, whatever raised it, is::

    {"error": {"code": "not_found", "message": "没有找到这份报告", "details": null}}

``code`` is stable English for programs, ``message`` Chinese for people, ``details`` a list of
{"location", "message"} for validation errors (else null). The handlers below cover the
services' errors, Django's and ninja's; ``middleware.ApiErrorMiddleware`` catches whatever
leaves Django without passing through them (an unknown URL, a method not allowed, a crash
outside a view).
"""

from __future__ import annotations

import errno
import logging
import re
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import (
    BadRequest,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
)
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from apps.errors import (
    Conflict,
    IllegalTransition,
    InvalidInput,
    NotAllowed,
    ServiceError,
    TooLarge,
)

_log = logging.getLogger(__name__)
_CJK = re.compile(r"[\u4e00-\u9fff]")


class ErrorBody(Schema):
    code: str
    message: str
    details: Any = None


class ErrorOut(Schema):
    """The body of every error response."""

    error: ErrorBody


class ApiError(Exception):
    """An error the API itself decides (412, 428, 413, 401 for a bad token …)."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        details: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = dict(headers or {})


# The message for a status when nothing more precise is known.
STATUS_ERRORS: dict[int, tuple[str, str]] = {
    400: ("bad_request", "请求无效，请检查请求内容"),
    401: (
        "not_authenticated",
        "请先登录，或在请求头中提供有效的接口令牌（Authorization: Bearer …）",
    ),
    403: ("forbidden", "您没有权限进行此操作"),
    404: ("not_found", "没有找到请求的内容"),
    405: ("method_not_allowed", "该地址不支持此请求方法"),
    406: ("not_acceptable", "无法提供所要求的格式"),
    409: ("conflict", "操作与当前状态冲突"),
    412: ("precondition_failed", "数据已被他人修改（版本不符），未保存：请重新读取后再修改"),
    413: ("too_large", "请求内容过大"),
    415: ("unsupported_media_type", "不支持的内容类型"),
    422: ("validation_failed", "请求内容有误"),
    428: ("precondition_required", "修改前须提供 If-Match 请求头（读取时得到的 ETag）"),
    429: ("too_many_requests", "请求过于频繁，请稍后再试"),
    500: ("internal_error", "服务器内部错误，已记录；请稍后重试，如仍失败请联系管理员"),
    503: ("service_unavailable", "服务暂时不可用，请稍后重试"),
    507: ("insufficient_storage", "服务器存储空间不足，文件未保存；请联系管理员"),
}
DATABASE_DOWN = ("database_unavailable", "数据库暂时无法连接，请稍后重试；数据未被修改")


def error_payload(code: str, message: str, details: Any = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details}}


def error_response(
    status: int,
    code: str | None = None,
    message: str | None = None,
    details: Any = None,
    headers: Mapping[str, str] | None = None,
) -> JsonResponse:
    default_code, default_message = STATUS_ERRORS.get(status, STATUS_ERRORS[400])
    response = JsonResponse(
        error_payload(code or default_code, message or default_message, details),
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


_SERVICE_CODES: tuple[tuple[type[ServiceError], str], ...] = (
    (NotAllowed, "forbidden"),
    (IllegalTransition, "illegal_transition"),
    (Conflict, "conflict"),
    (TooLarge, "too_large"),
    (InvalidInput, "invalid_input"),
)


def _service_error(error: ServiceError) -> JsonResponse:
    code = next((c for cls, c in _SERVICE_CODES if isinstance(error, cls)), "invalid_input")
    return error_response(error.status, code, error.message)


def _chinese_or(text: str, fallback: str) -> str:
    return text if _CJK.search(text) else fallback


def _http_error(error: HttpError) -> JsonResponse:
    status = error.status_code
    if isinstance(error, AuthenticationError):
        return error_response(401, headers={"WWW-Authenticate": 'Bearer realm="jixiao"'})
    if isinstance(error, Throttled):
        headers = {"Retry-After": str(error.wait)} if error.wait else None
        return error_response(429, headers=headers)
    if status == 400 and "parse request body" in str(error):
        return error_response(400, "invalid_json", "请求体不是有效的 JSON")
    code, message = STATUS_ERRORS.get(status, STATUS_ERRORS[400])
    return error_response(status, code, _chinese_or(str(error), message))


def handle_exception(request: HttpRequest, error: Exception) -> HttpResponse:
    """Any exception raised while serving an API request, as the one error shape."""
    if isinstance(error, ApiError):
        return error_response(error.status, error.code, error.message, error.details, error.headers)
    if isinstance(error, ServiceError):
        return _service_error(error)
    if isinstance(error, ValidationError):
        return validation_response(error.errors)
    if isinstance(error, HttpError):
        return _http_error(error)
    if isinstance(error, Http404):
        return error_response(404, "not_found", _chinese_or(str(error), STATUS_ERRORS[404][1]))
    if isinstance(error, PermissionDenied):
        return error_response(403, "forbidden", _chinese_or(str(error), STATUS_ERRORS[403][1]))
    return request_error(request, error)


def request_error(request: HttpRequest, error: BaseException) -> JsonResponse:
    """Errors of the request itself or of the machine, not of the API's logic."""
    if isinstance(error, RequestDataTooBig):
        return error_response(413, "too_large", "请求内容过大（表单数据超过上限）")
    if isinstance(error, MultiPartParserError | UnreadablePostError):
        return error_response(400, "bad_multipart", "上传的表单数据不完整或格式错误，请重新上传")
    if isinstance(error, SuspiciousOperation | BadRequest):
        return error_response(400, "bad_request", STATUS_ERRORS[400][1])
    if isinstance(error, OperationalError | InterfaceError):
        _log.warning("database unavailable during %s %s: %s", request.method, request.path, error)
        return error_response(503, *DATABASE_DOWN, headers={"Retry-After": "5"})
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        _log.error("disk full during %s %s", request.method, request.path)
        return error_response(507)
    _log.exception("API error on %s %s", request.method, request.path, exc_info=error)
    return error_response(500)


_PYDANTIC_MESSAGES: dict[str, str] = {
    "missing": "缺少此项",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "float_parsing": "应为数字",
    "float_type": "应为数字",
    "decimal_parsing": "应为数字",
    "decimal_type": "应为数字",
    "finite_number": "应为有限的数字（不能是 NaN 或无穷大）",
    "string_type": "应为文本",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "list_type": "应为列表",
    "dict_type": "应为对象",
    "model_type": "应为对象",
    "model_attributes_type": "应为对象",
    "json_invalid": "不是有效的 JSON",
    "json_type": "不是有效的 JSON",
    "date_parsing": "应为日期，如 2023-05-31",
    "date_from_datetime_parsing": "应为日期，如 2023-05-31",
    "date_type": "应为日期，如 2023-05-31",
    "string_pattern_mismatch": "格式不正确",
    "extra_forbidden": "不允许此项",
    "value_error": "取值无效",
    "amount_type": '应为数字（如 "793.43"），不能是 true 或 false',
}
_BOUNDS: dict[str, str] = {
    "greater_than_equal": "不能小于 {ge}",
    "greater_than": "应大于 {gt}",
    "less_than_equal": "不能大于 {le}",
    "less_than": "应小于 {lt}",
    "string_too_long": "不能超过 {max_length} 个字符",
    "string_too_short": "至少需要 {min_length} 个字符",
    "too_long": "最多 {max_length} 项",
    "too_short": "至少 {min_length} 项",
    "literal_error": "取值无效，可选：{expected}",
    "enum": "取值无效，可选：{expected}",
    "decimal_max_digits": "数字位数过多（最多 {max_digits} 位）",
    "decimal_max_places": "小数位数过多（最多 {decimal_places} 位）",
    "decimal_whole_digits": "整数部分位数过多",
}


def pydantic_message(error: Mapping[str, Any]) -> str:
    kind = str(error.get("type", ""))
    context = error.get("ctx") or {}
    if kind in _BOUNDS:
        try:
            return _BOUNDS[kind].format(**context)
        except (KeyError, IndexError, ValueError):
            pass
    return _PYDANTIC_MESSAGES.get(kind, "取值无效")


# The names the routers give their body parameters: internal, never part of a location.
_PARAMETERS = ("payload", "body", "file")


def _location(error: Mapping[str, Any]) -> str:
    # ninja's locations start with the source and the parameter's name ("body", "payload"):
    # the source stays (query, path, header, body), the internal name goes: "body.spending",
    # never "body.body.spending".
    parts = [str(p) for p in error.get("loc", ())]
    if len(parts) >= 2 and parts[0] in ("body", "form", "file") and parts[1] in _PARAMETERS:
        parts = [parts[0], *parts[2:]]
    return ".".join(parts)


def validation_response(errors: list[dict[str, Any]]) -> JsonResponse:
    details = [{"location": _location(e), "message": pydantic_message(e)} for e in errors]
    first = details[0] if details else {"location": "", "message": "取值无效"}
    message = f"请求内容有误：{first['location']} {first['message']}".strip()
    if len(details) > 1:
        message += f"（共{len(details)}处）"
    return error_response(422, "validation_failed", message, details)


def install(api: NinjaAPI) -> None:
    """Route every exception of ``api`` through ``handle_exception``."""
    for cls in (Exception, Http404, HttpError, ValidationError):
        api.add_exception_handler(cls, handle_exception)
