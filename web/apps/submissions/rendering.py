"""Downloads written in the background: the report as .docx/.pdf and the 自评表 as .xlsx.

Rendering takes seconds (charts, fonts), so a request only asks for a file; the worker writes
it under ``MEDIA_ROOT`` (outside the web root, like uploads) and records it in a
``RenderedFile`` keyed by the working copy's revision and the format. The download view serves
the stored file after the same permission check as the report page.

Only the current revision's files are ever served, so every earlier one is stale: when a new
file has been written, and when the data is written again, the stale files of that report are
deleted from disk and their rows removed, after the transaction commits (a rolled-back edit
leaves the files alone). ``renderings_prune`` (``manage.py jixiao_prune_renders``) sweeps
what those missed: revisions moved on by a workflow step, rows whose file is gone, and files
that no row names.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from pathlib import Path

from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from apps.errors import ServiceError
from apps.submissions import appendix, engine, evaluation, storage
from apps.submissions.models import RenderedFile, RenderState, Submission

_log = logging.getLogger(__name__)

FAILED_MESSAGE = "报告生成失败，请稍后再试"
RENDERED_FOLDER = "rendered"  # under MEDIA_ROOT
# A file the worker has written but not yet recorded looks like an orphan for a moment.
ORPHAN_GRACE = datetime.timedelta(hours=1)


def rendering_request(*, submission: Submission, fmt: str) -> RenderedFile:
    """The rendering of the submission's current revision as ``fmt``, asked for once.

    A failed one, or a finished one whose file has gone from the disk, is asked for again; a
    queued, running or finished one is returned as it is.
    """
    found = _find(submission, fmt)
    if found is not None and not _again(found):
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
        found.stored_name = ""  # a failed row has none; a finished one's file is gone
        found.size = 0
        found.save(update_fields=["state", "message", "stored_name", "size"])
    rendered_id = found.pk
    transaction.on_commit(lambda: _enqueue(rendered_id))
    return found


def _with_appendix(output: bytes | None, fmt: str, submission: Submission) -> bytes | None:
    """The scores and the amendments appended (apps.submissions.appendix); the core's file
    as it is when that fails, rather than no file."""
    if output is None:
        return None
    try:
        return appendix.attach(output, fmt, submission)
    except Exception:
        _log.exception("appending the scores to the %s of submission %s failed", fmt, submission.pk)
        return output


def _again(rendered: RenderedFile) -> bool:
    if rendered.state == RenderState.FAILED:
        return True
    return rendered.state == RenderState.DONE and not _exists(rendered.stored_name)


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


def rendering_run(*, rendered_id: int) -> RenderedFile | None:
    """Write the file (in the worker). Claims the row first so two workers never both write.

    None when the row is gone: the revision went stale and was cleaned up before or while the
    file was written (a file written for it meanwhile is removed again)."""
    claimed = RenderedFile.objects.filter(pk=rendered_id, state=RenderState.QUEUED).update(
        state=RenderState.RUNNING
    )
    rendered = (
        RenderedFile.objects.select_related(
            "submission__campaign", "submission__unit", "submission__document"
        )
        .filter(pk=rendered_id)
        .first()
    )
    if rendered is None or not claimed:
        return rendered
    submission = rendered.submission
    output: bytes | None = None
    if rendered.fmt in engine.RENDER_FORMATS:
        evaluated = evaluation.evaluate(
            submission=submission, data=submission.data, document=submission.document
        )
        output = engine.render(evaluated.report, to=rendered.fmt)
        output = _with_appendix(output, rendered.fmt, submission)
    replaced = rendered.stored_name
    if output is None:
        rendered.state = RenderState.FAILED
        rendered.message = FAILED_MESSAGE
    else:
        folder = f"{RENDERED_FOLDER}/{submission.campaign_id}/{submission.unit_id}"
        stored = storage.save_chunks(
            [output], folder=folder, suffix=f".{rendered.fmt}", limit=len(output), original=""
        )
        rendered.stored_name = stored.name
        rendered.size = stored.size
        rendered.state = RenderState.DONE
        rendered.message = ""
    rendered.finished_at = timezone.now()
    fields = ("state", "stored_name", "size", "message", "finished_at")
    with transaction.atomic():
        kept = RenderedFile.objects.filter(pk=rendered.pk).update(
            **{name: getattr(rendered, name) for name in fields}
        )
        if not kept:  # cleaned up while we wrote: nobody will ever ask for this file
            if output is not None:
                _remove_quietly(rendered.stored_name)
            return None
        if output is not None:
            # The new file exists and its row says so: only now may what it replaces go.
            if replaced and replaced != rendered.stored_name:
                transaction.on_commit(lambda: _remove_quietly(replaced))
            renderings_discard_stale_on_commit(submission_id=submission.pk)
    return rendered


# ---- cleaning up ---------------------------------------------------------------------------


def renderings_discard_stale(*, submission_id: int) -> int:
    """Delete the files and rows of the report's earlier revisions; how many rows went.

    Called after a commit, so it reads the revision that was committed."""
    return _delete(_stale().filter(submission_id=submission_id))


def renderings_discard_stale_on_commit(*, submission_id: int) -> None:
    """After the surrounding transaction commits (the data was written again, a new file was
    recorded), the files of the earlier revisions go; a rollback keeps them."""
    transaction.on_commit(lambda: _discard_quietly(submission_id))


def _discard_quietly(submission_id: int) -> None:
    # After the commit: the write that asked for it has happened, whatever happens here.
    try:
        renderings_discard_stale(submission_id=submission_id)
    except Exception:
        _log.exception("could not clean up the stale renderings of submission %s", submission_id)


def _stale() -> QuerySet[RenderedFile]:
    return RenderedFile.objects.filter(lock_version__lt=F("submission__lock_version"))


def _delete(rows: QuerySet[RenderedFile]) -> int:
    """Remove the rows first, then their files: a crash in between leaves only files no row
    names, which ``renderings_prune`` finds; never a row that points at nothing."""
    with transaction.atomic():
        # Locked, so a worker finishing one of these waits, then finds its row gone and
        # removes the file it wrote instead of recording it.
        found = list(rows.select_for_update(of=("self",)).values_list("pk", "stored_name"))
        if not found:
            return 0
        RenderedFile.objects.filter(pk__in=[pk for pk, _ in found]).delete()
    for _, name in found:
        if name:
            _remove_quietly(name)
    return len(found)


def _remove_quietly(stored_name: str) -> None:
    try:
        storage.remove(stored_name)
    except (OSError, ServiceError):
        _log.warning("could not remove the rendered file %s", stored_name, exc_info=True)


@dataclass(frozen=True, slots=True)
class Pruned:
    stale_rows: int  # rows of revisions that are not the current one any more
    missing_rows: int  # finished rows whose file is gone from disk
    orphan_files: int  # files under rendered/ that no row names
    freed_bytes: int


def renderings_prune(*, grace: datetime.timedelta = ORPHAN_GRACE, dry_run: bool = False) -> Pruned:
    """Remove every stale rendering, every row without its file, every file without its row."""
    stale_rows = list(_stale().values_list("pk", "stored_name", "size"))
    freed = sum(size for _, name, size in stale_rows if name and _exists(name))
    current = RenderedFile.objects.exclude(pk__in=[pk for pk, _, _ in stale_rows])
    missing = [
        pk
        for pk, name in current.filter(state=RenderState.DONE).values_list("pk", "stored_name")
        if not _exists(name)
    ]
    orphans = _orphan_files(grace)
    freed += sum(size for _, size in orphans)
    if not dry_run:
        _delete(RenderedFile.objects.filter(pk__in=[pk for pk, _, _ in stale_rows]))
        RenderedFile.objects.filter(pk__in=missing, state=RenderState.DONE).delete()
        for path, _ in orphans:
            path.unlink(missing_ok=True)
    return Pruned(len(stale_rows), len(missing), len(orphans), freed)


def _exists(stored_name: str) -> bool:
    try:
        return bool(stored_name) and storage.path_of(stored_name).is_file()
    except ServiceError:
        return False


def _orphan_files(grace: datetime.timedelta) -> list[tuple[Path, int]]:
    folder = storage.root() / RENDERED_FOLDER
    if not folder.is_dir():
        return []
    named = set(RenderedFile.objects.exclude(stored_name="").values_list("stored_name", flat=True))
    oldest = (timezone.now() - grace).timestamp()
    found: list[tuple[Path, int]] = []
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        stat = path.stat()
        name = path.relative_to(storage.root()).as_posix()
        if name not in named and stat.st_mtime < oldest:
            found.append((path, stat.st_size))
    return found
