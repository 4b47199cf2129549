"""Background work, run by ``manage.py db_worker`` (django-tasks with the database backend)."""

from __future__ import annotations

try:  # Django 6 has the task framework built in; on 5.2 the backport provides it.
    from django.tasks import task  # type: ignore[import-not-found,unused-ignore]
except ImportError:
    from django_tasks import task

from apps.submissions import batch, services


@task()
def intake_document(document_id: int) -> str:
    document = services.document_intake(document_id=document_id)
    return str(document.intake_state)


@task()
def import_batch(batch_id: int) -> str:
    found = batch.batch_process(batch_id=batch_id)
    return str(found.state)


@task()
def render_file(rendered_id: int) -> str:
    from apps.submissions.rendering import rendering_run  # noqa: PLC0415 (it enqueues this)

    rendered = rendering_run(rendered_id=rendered_id)
    return str(rendered.state) if rendered is not None else "discarded"  # its revision went stale
