"""Background work that a dead worker left behind, handed to the next worker.

django-tasks-db marks a task RUNNING when a worker takes it and never looks at it again: a
worker killed in the middle (a crash, ``kill -9``, a machine restart) leaves it RUNNING
forever. A task RUNNING for longer than any real task takes is put back to READY (its
``worker_ids`` keep the history), so the next worker runs it again. Only tasks known to be
safe to run twice are requeued: reading a document writes the same result again.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

# Tasks that may run again from the start without harm.
IDEMPOTENT_TASKS = ("apps.submissions.tasks.intake_document",)


def tasks_requeue_stale(*, older_than: datetime.timedelta, include_all: bool = False) -> list[str]:
    """Put stale RUNNING tasks back to READY; the ids of those requeued."""
    stale = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=timezone.now() - older_than
    )
    if not include_all:
        stale = stale.filter(task_path__in=IDEMPOTENT_TASKS)
    with transaction.atomic():
        ids = [str(pk) for pk in stale.select_for_update().values_list("pk", flat=True)]
        DBTaskResult.objects.filter(pk__in=ids).update(
            status=TaskResultStatus.READY, started_at=None
        )
    return ids
