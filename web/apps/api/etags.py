"""ETag on reads, If-Match on writes.

A submission's ETag is its lock version (``"s<id>-<lock_version>"``): every write of the
data or the state bumps it, so a PUT with an old ETag is refused with 412 before anything is
written, and the services' guarded UPDATE catches the race that a check alone would miss.
Other single objects get a hash of their JSON as a weak ETag. A GET with a matching
If-None-Match answers 304.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse

from apps.api.errors import ApiError
from apps.submissions.models import Submission


def submission_etag(submission: Submission) -> str:
    return f'"s{submission.pk}-{submission.lock_version}"'


def content_etag(payload: Any) -> str:
    body = json.dumps(payload, cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False)
    return f'W/"{hashlib.sha256(body.encode("utf-8")).hexdigest()[:32]}"'


def _tags(header: str) -> list[str]:
    return [t.strip() for t in header.split(",") if t.strip()]


def _strip_weak(tag: str) -> str:
    return tag[2:] if tag.startswith("W/") else tag


def not_modified(request: HttpRequest, etag: str) -> HttpResponse | None:
    """304 when the client already holds this representation."""
    header = request.headers.get("If-None-Match", "")
    wanted = {_strip_weak(t) for t in _tags(header)}
    if "*" in wanted or _strip_weak(etag) in wanted:
        response = HttpResponse(status=304)
        response["ETag"] = etag
        return response
    return None


def required_lock(request: HttpRequest, submission: Submission) -> int:
    """The lock version the client's If-Match names; 428 without one, 412 when stale."""
    lock = optional_lock(request, submission)
    if lock is None:
        raise ApiError(
            428,
            "precondition_required",
            "修改前须提供 If-Match 请求头：其值为读取报告时得到的 ETag，"
            "以免覆盖他人在此期间所做的修改",
        )
    return lock


def optional_lock(request: HttpRequest, submission: Submission) -> int | None:
    """The lock version of If-Match when given (412 when it is not the current one)."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        return None
    current = submission_etag(submission)
    tags = _tags(header)
    if "*" in tags or current in tags:
        return submission.lock_version
    raise stale(submission)


def stale(submission: Submission) -> ApiError:
    return ApiError(
        412,
        "precondition_failed",
        "报告已被他人修改（版本不符），本次修改未保存：请重新读取报告的最新数据后再修改",
        details={"current_etag": submission_etag(submission)},
    )
