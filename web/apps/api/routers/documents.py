"""Report files: upload (checked at once), their reading state, the original file, and the
generated reports (.docx, .pdf, 自评表 .xlsx) when the core can write them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import quote

from django.http import FileResponse, HttpRequest, HttpResponse
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile

from apps.api.auth import caller
from apps.api.errors import ApiError, ErrorOut
from apps.api.outputs import document_out
from apps.api.pagination import PageParams, paginate
from apps.api.params import Id
from apps.api.schemas import DocumentOut, DocumentPage
from apps.api.uploads import upload_checked
from apps.submissions import engine, evaluation, storage
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
    """上传 .docx、.pdf、.txt 或 .xlsx（multipart/form-data，字段名 file）。

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
    return FileResponse(handle, as_attachment=True, filename=document.original_name)


@router.get(
    "/submissions/{pk}/report/{fmt}",
    response={200: bytes, **ERRORS, 501: ErrorOut},
    summary="下载生成的报告（docx、pdf）或自评表（xlsx）",
    openapi_extra={
        "responses": {
            200: {
                "description": "生成的文件",
                "content": {mime: {} for _, mime in engine.RENDER_FORMATS.values()},
            }
        }
    },
)
def report_file(request: HttpRequest, pk: Id, fmt: RenderFormat) -> Any:
    submission = submission_get(user=caller(request), pk=pk)
    if not engine.render_available():
        raise ApiError(501, "render_unavailable", engine.RENDER_PENDING)
    evaluated = evaluation.evaluate(
        submission=submission, data=submission.data, document=submission.document
    )
    output = engine.render(evaluated.report, to=fmt)
    if output is None:
        raise ApiError(500, "render_failed", "报告生成失败，已记录；请稍后再试或联系管理员")
    _, mime = engine.RENDER_FORMATS[fmt]
    response = HttpResponse(output, content_type=mime)
    filename = f"{submission.unit.name}{submission.campaign.year}年度.{fmt}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
