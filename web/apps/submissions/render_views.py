"""Downloading a rendered report: ask the worker for it, wait on a page that polls, serve it.

Every view checks the report is visible to the user first (``submission_get``), so a stored
file is never served to anyone who may not open the report itself.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from apps.downloads import attachment
from apps.errors import ServiceError
from apps.submissions import engine, storage
from apps.submissions.models import RenderedFile, RenderState, Submission
from apps.submissions.rendering import rendering_current, rendering_request
from apps.submissions.selectors import submission_get

POLL_SECONDS = 2


@login_required
def render_download_view(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The file when it is written; else the waiting page, which reloads with ``?wait=1``
    so that a failure is shown instead of asked for again and again."""
    submission = submission_get(user=request.user, pk=pk)
    if fmt not in engine.RENDER_FORMATS:
        messages.info(request, "不支持这种下载格式")
        return redirect("submissions:detail", pk=pk)
    if request.GET.get("wait"):
        rendered = rendering_current(submission=submission, fmt=fmt)
        if rendered is None:
            rendered = rendering_request(submission=submission, fmt=fmt)
    else:
        rendered = rendering_request(submission=submission, fmt=fmt)
    if rendered.state == RenderState.DONE:
        return _serve(submission, rendered)
    if rendered.state == RenderState.FAILED:
        messages.error(request, rendered.message or "报告生成失败，请稍后再试")
        return redirect("submissions:detail", pk=pk)
    context = {
        "s": submission,
        "fmt": fmt,
        "name": engine.RENDER_FORMATS[fmt][0],
        "rendered": rendered,
        "poll_seconds": POLL_SECONDS,
        "again": reverse("submissions:render", args=[pk, fmt]) + "?wait=1",
    }
    return render(request, "submissions/rendering.html", context)


@login_required
def render_status_view(request: HttpRequest, pk: int, fmt: str) -> JsonResponse:
    """The rendering's state as JSON, for scripts and the waiting page."""
    submission = submission_get(user=request.user, pk=pk)
    if fmt not in engine.RENDER_FORMATS:
        raise Http404("不支持这种下载格式")
    rendered = rendering_current(submission=submission, fmt=fmt)
    if rendered is None:
        return JsonResponse({"state": "", "label": "尚未生成", "message": "", "url": None})
    url = reverse("submissions:render", args=[pk, fmt])
    return JsonResponse(
        {
            "state": rendered.state,
            "label": rendered.get_state_display(),
            "message": rendered.message,
            "url": url if rendered.state == RenderState.DONE else None,
        }
    )


def _serve(submission: Submission, rendered: RenderedFile) -> FileResponse:
    try:
        handle = storage.path_of(rendered.stored_name).open("rb")
    except (OSError, ServiceError) as error:
        raise Http404("文件已不在服务器上") from error
    _, mime = engine.RENDER_FORMATS[rendered.fmt]
    response = FileResponse(handle, content_type=mime)
    filename = f"{submission.unit.name}{submission.campaign.year}年度.{rendered.fmt}"
    attachment(response, filename)
    return response
