"""Report files: upload (checked at once), their reading state, the original file, and the
generated reports (.docx, .pdf, 自评表 .xlsx), written by the background worker exactly as the
web's downloads are (``apps.submissions.rendering``): never inside the request."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile

from apps.api.auth import caller
from apps.api.errors import ApiError, ErrorOut
from apps.api.outputs import document_out
from apps.api.pagination import PageParams, paginate
from apps.api.params import Id
from apps.api.schemas import DocumentOut, DocumentPage, RenderPendingOut
from apps.api.uploads import upload_checked
from apps.downloads import attachment
from apps.errors import ServiceError
from apps.submissions import engine, storage
from apps.submissions.models import RenderedFile, RenderState, Submission
from apps.submissions.rendering import rendering_current, rendering_request
from apps.submissions.selectors import document_get, document_list, submission_get

router = Router(tags=["报告文件"])
ERRORS: dict[int, Any] = dict.fromkeys((400, 401, 403, 404, 409, 413, 422), ErrorOut)
if TYPE_CHECKING:
    RenderFormat = str
else:
    RenderFormat = Literal[tuple(engine.RENDER_FORMATS)]


@router.get(
    "/submissions/{pk}/documents", response={200: DocumentPage, **ERRORS}, summary="已上传的文件"
)
def documents_list(request: HttpRequest, pk: Id, params: Query[PageParams]) -> Any:
    submission = submission_get(user=caller(request), pk=pk)
    return paginate(document_list(submission=submission), params, document_out)


@router.post(
    "/submissions/{pk}/documents",
    response={202: DocumentOut, **ERRORS, 507: ErrorOut},
    summary="上传报告文件",
)
def document_new(
    request: HttpRequest, pk: Id, response: HttpResponse, file: File[UploadedFile]
) -> Any:
    """上传报告文件（multipart/form-data，字段名 file）。

    可为 .docx、.doc、.wps、.pdf、.ofd、.txt、.xlsx、.xls、.et 或扫描件图片（.jpg、.png、.tif）。

    文件先经检查（能否读取、是否加密、压缩炸弹、XML 实体等），不能读取的返回 422 并说明原因，
    不留下任何记录；能读取的返回 202，随后由后台读取并替换报告数据，读取状态见 Location。"""
    user = caller(request)
    submission = submission_get(user=user, pk=pk)
    document = upload_checked(submission=submission, upload=file, by=user)
    response["Location"] = f"/api/submissions/{submission.pk}/documents/{document.pk}"
    return Status(202, document_out(document))


@router.get(
    "/submissions/{pk}/documents/{document_id}",
    response={200: DocumentOut, **ERRORS},
    summary="文件及其读取状态",
)
def document_read(request: HttpRequest, pk: Id, document_id: Id) -> Any:
    submission = submission_get(user=caller(request), pk=pk)
    return document_out(document_get(submission=submission, pk=document_id))


@router.get(
    "/submissions/{pk}/documents/{document_id}/file",
    response={200: bytes, **ERRORS},
    summary="下载原文件",
    openapi_extra={
        "responses": {200: {"description": "原文件", "content": {"application/octet-stream": {}}}}
    },
)
def document_file(request: HttpRequest, pk: Id, document_id: Id) -> Any:
    submission = submission_get(user=caller(request), pk=pk)
    document = document_get(submission=submission, pk=document_id)
    try:
        handle = storage.path_of(document.stored_name).open("rb")
    except OSError as error:
        raise ApiError(404, "file_missing", "文件已不在服务器上") from error
    return attachment(FileResponse(handle), document.original_name)


RETRY_SECONDS = 2  # as the web's waiting page polls
RENDER_DESCRIPTION = f"""生成在后台进行，与网页下载共用同一份文件：

- 当前版本的文件已生成：返回 200 和文件本身；
- 尚未生成（或正在生成）：返回 202，响应体如
  `{{"state": "queued", "state_label": "排队中", "message": "…", "retry_after": {RETRY_SECONDS}}}`
  （state 为 queued 排队中或 running 生成中），响应头 Retry-After 为建议等待的秒数，
  Location 为同一地址：等待后再次请求即可；
- 生成失败：返回 500（render_failed），并已重新排队，稍后再次请求即重新生成。

报告数据修改后，旧文件作废，再次请求会生成新文件。"""


@router.get(
    "/submissions/{pk}/report/{fmt}",
    # 200: None, so the file types below are its only content (not also application/json).
    response={200: None, 202: RenderPendingOut, **ERRORS, 500: ErrorOut, 501: ErrorOut},
    summary="下载生成的报告（docx、pdf）或自评表（xlsx）",
    description=RENDER_DESCRIPTION,
    openapi_extra={
        "responses": {
            200: {
                "description": "生成的文件",
                "content": {mime: {} for _, mime in engine.RENDER_FORMATS.values()},
            },
            202: {
                "description": "文件正在后台生成，请按 Retry-After 等待后再次请求",
                "headers": {
                    "Retry-After": {
                        "description": "建议等待的秒数",
                        "schema": {"type": "integer"},
                    },
                    "Location": {
                        "description": "再次请求的地址（即本地址）",
                        "schema": {"type": "string"},
                    },
                },
            },
        }
    },
)
def report_file(request: HttpRequest, pk: Id, fmt: RenderFormat) -> Any:
    submission = submission_get(user=caller(request), pk=pk)
    if not engine.render_available():
        raise ApiError(501, "render_unavailable", engine.RENDER_PENDING)
    rendered = rendering_current(submission=submission, fmt=fmt)
    if rendered is not None and rendered.state == RenderState.FAILED:
        rendering_request(submission=submission, fmt=fmt)  # the next request tries again
        raise ApiError(500, "render_failed", "报告生成失败，已记录；请稍后再试或联系管理员")
    # Asked for once; a finished file is returned as it is (asked for again if it went missing).
    rendered = rendering_request(submission=submission, fmt=fmt)
    if rendered.state == RenderState.DONE:
        return _serve(submission, rendered)
    # Not an error: the request was accepted and the file is on its way.
    label = rendered.get_state_display()
    response = JsonResponse(
        {
            "state": rendered.state,
            "state_label": label,
            "message": f"报告正在后台生成（{label}），请 {RETRY_SECONDS} 秒后再次请求同一地址下载",
            "retry_after": RETRY_SECONDS,
        },
        status=202,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Retry-After"] = str(RETRY_SECONDS)
    response["Location"] = request.path
    return response


def _serve(submission: Submission, rendered: RenderedFile) -> FileResponse:
    try:
        handle = storage.path_of(rendered.stored_name).open("rb")
    except (OSError, ServiceError) as error:
        raise ApiError(404, "file_missing", "文件已不在服务器上，请再次请求以重新生成") from error
    _, mime = engine.RENDER_FORMATS[rendered.fmt]
    filename = f"{submission.unit.name}{submission.campaign.year}年度.{rendered.fmt}"
    response = FileResponse(handle, content_type=mime)
    attachment(response, filename)
    return response
