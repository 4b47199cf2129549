"""A unit's report: list, read, the data (read and replace), findings and scorecard.

Reads carry the report's ETag; replacing the data needs it back in If-Match, so a script
never overwrites what somebody saved in between (412 instead).
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router
from ninja.responses import NinjaJSONEncoder

from apps import memo
from apps.accounts.policy import can_prepare
from apps.api.auth import caller
from apps.api.data import validated_data
from apps.api.errors import ErrorOut
from apps.api.etags import not_modified, required_lock, stale, submission_etag
from apps.api.outputs import submission_detail, submission_out
from apps.api.pagination import PageParams, paginate
from apps.api.params import MAX_ID, Id
from apps.api.schemas import (
    DataIn,
    DataOut,
    FindingsOut,
    ScorecardOut,
    StateName,
    SubmissionDetail,
    SubmissionPage,
)
from apps.errors import Conflict, NotAllowed
from apps.submissions import engine
from apps.submissions.models import State, Submission
from apps.submissions.selectors import submission_get, submission_list, submissions_stamp
from apps.submissions.services import submission_data_save

router = Router(tags=["单位报告"])
ERRORS: dict[int, Any] = dict.fromkeys((400, 401, 403, 404, 409, 412, 422, 428), ErrorOut)


class SubmissionFilters(PageParams):
    campaign_id: int | None = Field(None, ge=1, le=MAX_ID, description="评价任务编号")
    state: StateName | None = Field(None, description="状态")
    year: int | None = Field(None, ge=2000, le=2100, description="评价年度")


@router.get("/submissions", response={200: SubmissionPage, **ERRORS}, summary="单位报告列表")
def submissions_list(request: HttpRequest, filters: Query[SubmissionFilters]) -> Any:
    """本人可见的单位报告，按年度（新在前）和单位编码排列。"""
    rows = submission_list(user=caller(request), campaign_id=filters.campaign_id)
    if filters.state:
        rows = rows.filter(state=filters.state)
    if filters.year:
        rows = rows.filter(campaign__year=filters.year)
    # Remembered per process under the data's fingerprint (apps.memo); the query itself is in
    # the key, so that every caller's scope and filters keep their own pages.
    # The page is validated against its schema and encoded once; later hits send the bytes.
    sql, params = rows.query.sql_with_params()
    key = ("api-submissions", sql, params, filters.page, filters.page_size, submissions_stamp())

    def encoded() -> bytes:
        page = SubmissionPage.model_validate(paginate(rows, filters, submission_out))
        # As the API's renderer writes every other answer (see apps.api.api).
        return json.dumps(page.model_dump(), cls=NinjaJSONEncoder, ensure_ascii=False).encode()

    return HttpResponse(memo.pages.get_or_compute(key, encoded), content_type="application/json")


def tagged(request: HttpRequest, response: HttpResponse, submission: Submission) -> Any:
    """Set the report's ETag; a 304 response when the client holds this version."""
    etag = submission_etag(submission)
    cached = not_modified(request, etag)
    response["ETag"] = etag
    return cached


@router.get("/submissions/{pk}", response={200: SubmissionDetail, **ERRORS}, summary="单位报告")
def submission_read(request: HttpRequest, pk: Id, response: HttpResponse) -> Any:
    user = caller(request)
    submission = submission_get(user=user, pk=pk)
    return tagged(request, response, submission) or submission_detail(submission, user)


@router.get("/submissions/{pk}/data", response={200: DataOut, **ERRORS}, summary="报告数据（读取）")
def data_read(request: HttpRequest, pk: Id, response: HttpResponse) -> Any:
    submission = submission_get(user=caller(request), pk=pk)
    cached = tagged(request, response, submission)
    return cached or {"lock_version": submission.lock_version, "data": submission.data}


@router.put(
    "/submissions/{pk}/data",
    response={200: DataOut, **ERRORS},
    summary="报告数据（整体替换，须带 If-Match）",
)
def data_replace(request: HttpRequest, pk: Id, body: DataIn, response: HttpResponse) -> Any:
    """以请求中的数据替换报告的可编辑部分并重新核对、评分。

    请求头 If-Match 须为读取时得到的 ETag；报告在此期间被修改则返回 412，数据不变。"""
    user = caller(request)
    submission = submission_get(user=user, pk=pk)
    if not can_prepare(user, submission.unit_id):
        raise NotAllowed("只有本单位的填报人可以修改本单位的报告")
    if not submission.editable:
        raise Conflict(
            f"报告当前状态为“{State(submission.state).label}”，不能修改；"
            "只有草稿或被退回的报告可以修改"
        )
    lock = required_lock(request, submission)
    data = validated_data(submission.data, body, lock_version=lock)
    try:
        saved = submission_data_save(submission=submission, data=data, lock_version=lock, by=user)
    except Conflict:
        submission.refresh_from_db()
        if submission.lock_version != lock:
            raise stale(submission) from None
        raise
    response["ETag"] = submission_etag(saved)
    return {"lock_version": saved.lock_version, "data": saved.data}


@router.get("/submissions/{pk}/findings", response={200: FindingsOut, **ERRORS}, summary="审核发现")
def findings_read(request: HttpRequest, pk: Id, response: HttpResponse) -> Any:
    submission = submission_get(user=caller(request), pk=pk)
    return tagged(request, response, submission) or {
        "lock_version": submission.lock_version,
        "errors": submission.error_count,
        "warnings": submission.warning_count,
        "findings": submission.findings,
    }


@router.get("/submissions/{pk}/scorecard", response={200: ScorecardOut, **ERRORS}, summary="评分表")
def scorecard_read(request: HttpRequest, pk: Id, response: HttpResponse) -> Any:
    submission = submission_get(user=caller(request), pk=pk)
    available = engine.scoring_available()
    return tagged(request, response, submission) or {
        "lock_version": submission.lock_version,
        "available": available,
        "message": None if available else engine.SCORING_PENDING,
        "score": submission.score,
        "grade": submission.grade,
        "scorecard": submission.scorecard,
    }
