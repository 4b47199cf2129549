"""Downloads written in the background: the report as .docx/.pdf and the 自评表 as .xlsx.

Rendering takes seconds (charts, fonts), so a request only asks for a file; the worker writes
it under ``MEDIA_ROOT`` (outside the web root, like uploads) and records it in a
``RenderedFile`` keyed by the working copy's revision and the format. The download view serves
the stored file after the same permission check as the report page.
"""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.submissions import engine, evaluation, storage
from apps.submissions.models import RenderedFile, RenderState, Submission

_log = logging.getLogger(__name__)

FAILED_MESSAGE = "报告生成失败，请稍后再试"


def rendering_request(*, submission: Submission, fmt: str) -> RenderedFile:
    """The rendering of the submission's current revision as ``fmt``, asked for once.

    A failed one is asked for again; a queued, running or finished one is returned as it is.
    """
    found = _find(submission, fmt)
    if found is not None and found.state != RenderState.FAILED:
        return found
    if found is None:
        try:
            with transaction.atomic():
                found = RenderedFile.objects.create(
                    submission=submission, lock_version=submission.lock_version, fmt=fmt
                )
        except IntegrityError:  # another request asked at the same moment: use theirs
            raced = _find(submission, fmt)
            assert raced is not None
            return raced
    else:
        found.state = RenderState.QUEUED
        found.message = ""
        found.save(update_fields=["state", "message"])
    rendered_id = found.pk
    transaction.on_commit(lambda: _enqueue(rendered_id))
    return found


def rendering_current(*, submission: Submission, fmt: str) -> RenderedFile | None:
    """The rendering of the current revision as ``fmt``, without asking for one."""
    return _find(submission, fmt)


def _find(submission: Submission, fmt: str) -> RenderedFile | None:
    return RenderedFile.objects.filter(
        submission=submission, lock_version=submission.lock_version, fmt=fmt
    ).first()


def _enqueue(rendered_id: int) -> None:
    from apps.submissions.tasks import render_file  # noqa: PLC0415 (tasks import this module)

    render_file.enqueue(rendered_id)


def rendering_run(*, rendered_id: int) -> RenderedFile:
    """Write the file (in the worker). Claims the row first so two workers never both write."""
    claimed = RenderedFile.objects.filter(pk=rendered_id, state=RenderState.QUEUED).update(
        state=RenderState.RUNNING
    )
    rendered = RenderedFile.objects.select_related(
        "submission__campaign", "submission__unit", "submission__document"
    ).get(pk=rendered_id)
    if not claimed:
        return rendered
    submission = rendered.submission
    output: bytes | None = None
    if rendered.fmt in engine.RENDER_FORMATS:
        evaluated = evaluation.evaluate(
            submission=submission, data=submission.data, document=submission.document
        )
        output = engine.render(evaluated.report, to=rendered.fmt)
    if output is None:
        rendered.state = RenderState.FAILED
        rendered.message = FAILED_MESSAGE
    else:
        folder = f"rendered/{submission.campaign_id}/{submission.unit_id}"
        stored = storage.save_chunks(
            [output], folder=folder, suffix=f".{rendered.fmt}", limit=len(output), original=""
        )
        if rendered.stored_name:
            storage.remove(rendered.stored_name)
        rendered.stored_name = stored.name
        rendered.size = stored.size
        rendered.state = RenderState.DONE
        rendered.message = ""
    rendered.finished_at = timezone.now()
    rendered.save(update_fields=["state", "stored_name", "size", "message", "finished_at"])
    return rendered
