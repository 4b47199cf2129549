"""A report's 基础数据: read, and replace (with If-Match) so that the report is scored again.

The values go through the same form as the page (``apps.submissions.basic_data``), so every
rule (a number, not negative, a whole number of people, a rate up to 1000%, a judgement's score
inside its band) and its Chinese message is the page's own; each error names its JSON place.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, Literal

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from ninja import Field, Router, Schema
from pydantic import ConfigDict, StringConstraints, create_model

from apps.accounts.policy import can_prepare
from apps.api.auth import caller
from apps.api.errors import ApiError, ErrorOut
from apps.api.etags import not_modified, required_lock, stale, submission_etag
from apps.api.params import Id
from apps.api.schemas import Amount
from apps.errors import Conflict, NotAllowed
from apps.submissions.basic_data import (
    BasicDataForm,
    Sheet,
    shared_values,
    sheet_of,
    submission_basic_data_save,
    unit_of,
)
from apps.submissions.models import State, Submission
from apps.submissions.selectors import submission_get
from jixiao.domain.basic_data import FIELDS, Level

router = Router(tags=["基础数据"])
ERRORS: dict[int, Any] = dict.fromkeys((400, 401, 403, 404, 409, 412, 422, 428), ErrorOut)

if TYPE_CHECKING:
    LevelName = str
else:
    LevelName = Literal[tuple(level.value for level in Level)]


class _Strict(Schema):
    # A misspelt key must not become a silently missing input.
    model_config = ConfigDict(extra="forbid")


BasicIn = create_model(  # type: ignore[call-overload]
    "BasicIn",
    __base__=_Strict,
    __doc__="基础数据各项（键名见各字段说明）；未给出或为 null 的项视为未提供，不当作0。",
    **{f.key: (Amount, Field(None, description=f"{f.label}（{unit_of(f.key)}）")) for f in FIELDS},
)


class JudgementIn(_Strict):
    """一个定性指标的评价判断：按该指标的评分方法填写其中一项或两项。"""

    met: int | None = Field(None, ge=0, le=100, description="满足的评价要点数（checklist）")
    violations: int | None = Field(
        None, ge=0, le=100000, description="发现的违规问题数（violations；没有填0）"
    )
    level: LevelName | None = Field(None, description="评价档次（qualitative_band）")
    score: Amount = Field(None, description="得分，须在所选档次的范围内（qualitative_band）")


IndicatorId = Annotated[str, StringConstraints(min_length=1, max_length=64)]


class BasicDataIn(_Strict):
    """整体替换报告的基础数据：未给出的项变为空（未提供）。"""

    basic: BasicIn = Field(default_factory=BasicIn)  # type: ignore[valid-type]
    judgements: dict[IndicatorId, JudgementIn] = Field(
        default_factory=dict, max_length=200, description="按指标编号的评价判断"
    )


class MissingOut(Schema):
    key: str
    label: str
    indicators: list[str]


class JudgementSpecOut(Schema):
    id: str
    title: str
    method: Literal["checklist", "violations", "qualitative_band"]
    weight: Decimal
    points: list[str]
    bands: list[dict[str, Any]]


class BasicDataOut(Schema):
    lock_version: int
    framework: str | None = Field(description="评分所用指标体系的名称")
    basic: dict[str, str] = Field(description="单位填写的基础数据（键名 → 数值字符串）")
    judgements: dict[str, dict[str, str]] = Field(description="单位填写的评价判断")
    report_states: dict[str, str] = Field(description="报告本身写明的基础数据（键名 → 数值）")
    judgement_items: list[JudgementSpecOut] = Field(description="指标体系需要评价判断的指标")
    missing: list[MissingOut] = Field(description="评分仍缺少的数据")
    score: Decimal | None
    grade: str


def _out(submission: Submission, sheet: Sheet) -> dict[str, Any]:
    card = submission.scorecard or {}
    stored = submission.basic_data or {}
    return {
        "lock_version": submission.lock_version,
        "framework": sheet.needs.name if sheet.needs else None,
        # The report figures among the items are kept once, in the report's data.
        "basic": {**dict(stored.get("basic") or {}), **shared_values(submission.data or {})},
        "judgements": dict(stored.get("judgements") or {}),
        "report_states": {k: v.get("value", "") for k, v in sheet.report.items()},
        "judgement_items": [
            {
                "id": item.id,
                "title": item.title,
                "method": item.method,
                "weight": item.weight,
                "points": list(item.points),
                "bands": [{"level": lv, "low": lo, "high": hi} for lv, lo, hi in item.bands],
            }
            for item in sheet.judgements
        ],
        "missing": [m for m in card.get("missing") or [] if isinstance(m, dict)],
        "score": submission.score,
        "grade": submission.grade,
    }


@router.get(
    "/submissions/{pk}/basic-data",
    response={200: BasicDataOut, **ERRORS},
    summary="基础数据（读取）",
)
def basic_data_read(request: HttpRequest, pk: Id, response: HttpResponse) -> Any:
    """单位填写的基础数据与评价判断、报告本身写明的数字，以及评分仍缺少的数据。"""
    submission = submission_get(user=caller(request), pk=pk)
    etag = submission_etag(submission)
    response["ETag"] = etag
    return not_modified(request, etag) or _out(submission, sheet_of(submission))


@router.put(
    "/submissions/{pk}/basic-data",
    response={200: BasicDataOut, **ERRORS},
    summary="基础数据（整体替换并重新评分，须带 If-Match）",
)
def basic_data_replace(
    request: HttpRequest, pk: Id, body: BasicDataIn, response: HttpResponse
) -> Any:
    """以请求中的基础数据和评价判断替换报告的基础数据，并重新评分。

    请求头 If-Match 须为读取时得到的 ETag；报告在此期间被修改则返回 412，数据不变。
    只有本单位的填报人、且报告为草稿或已退回时可以修改。"""
    user = caller(request)
    submission = submission_get(user=user, pk=pk)
    if not can_prepare(user, submission.unit_id):
        raise NotAllowed("只有本单位的填报人可以修改本单位的基础数据")
    if not submission.editable:
        raise Conflict(
            f"报告当前状态为“{State(submission.state).label}”，基础数据不能修改；"
            "只有草稿或被退回的报告可以修改"
        )
    lock = required_lock(request, submission)
    sheet = sheet_of(submission)
    typed = _validated(submission, sheet, body, lock_version=lock)
    try:
        saved = submission_basic_data_save(
            submission=submission, basic_data=typed, lock_version=lock, by=user
        )
    except Conflict:
        submission.refresh_from_db()
        if submission.lock_version != lock:
            raise stale(submission) from None
        raise
    response["ETag"] = submission_etag(saved)
    return _out(saved, sheet_of(saved))


# -- JSON → the page's form ------------------------------------------------------------------
def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)  # nan, inf and 1e+400 stay recognisable for the form to refuse
    return str(value)


_PARTS = {
    "checklist": ("met",),
    "violations": ("violations",),
    "qualitative_band": ("level", "score"),
}


def _form_input(
    sheet: Sheet, body: BasicDataIn, lock_version: int
) -> tuple[dict[str, str], list[dict[str, str]]]:
    """The POST the page would send, and the errors of judgements the form cannot take."""
    post = {"lock_version": str(lock_version)}
    post.update({key: _text(value) for key, value in body.basic.model_dump().items()})
    items = {item.id: item for item in sheet.judgements}
    errors: list[dict[str, str]] = []
    for indicator, judgement in body.judgements.items():
        where = f"body.judgements.{indicator}"
        item = items.get(indicator)
        if item is None:
            known = "、".join(items) or "（无）"
            message = f"不是本指标体系中需要评价判断的指标；可用：{known}"
            errors.append({"location": where, "message": message})
            continue
        given = judgement.model_dump(exclude_none=True)
        allowed = _PARTS[item.method]
        for part in sorted(set(given) - set(allowed)):
            message = f"该指标按“{'、'.join(allowed)}”评分，不用 {part}"
            errors.append({"location": f"{where}.{part}", "message": message})
        for part in allowed:
            post[f"{indicator}__{part}"] = _text(given.get(part))
    return post, errors


def _location(name: str) -> str:
    if "__" in name:
        indicator, part = name.rsplit("__", 1)
        return f"body.judgements.{indicator}.{part}"
    return "body" if name == "__all__" else f"body.basic.{name}"


def _validated(
    submission: Submission, sheet: Sheet, body: BasicDataIn, *, lock_version: int
) -> dict[str, Any]:
    """The JSON to keep, or 422 with each item's Chinese message."""
    post, details = _form_input(sheet, body, lock_version)
    with translation.override("zh-hans"):
        form = BasicDataForm(post, sheet=sheet)
        if form.is_valid() and not details:
            return form.stored(submission.basic_data or {})
        details += [
            {"location": _location(field), "message": str(message)}
            for field, messages in form.errors.items()
            for message in messages
        ]
    first = details[0]
    message = f"基础数据有误：{first['location']} {first['message']}"
    if len(details) > 1:
        message += f"（共{len(details)}处）"
    raise ApiError(422, "invalid_basic_data", message, details)
