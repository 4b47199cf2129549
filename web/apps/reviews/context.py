"""Template context: the counts of 待办 and 已办 in the header.

They would cost eight queries on every page, so each process remembers them per user under
the number of workflow steps it has seen taken (apps.reviews.machine.steps_taken) and for
at most ``FRESH_SECONDS``: a step taken in this process shows at once, a step taken in
another process (or a new campaign's drafts) within that time. The 待办 and 已办 pages
themselves always read the database (ADR 0012). Computed lazily: a page that never prints
the header asks nothing.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from apps.accounts.policy import as_member
from apps.evaluations.selectors import waiting as key_projects_waiting
from apps.rectification.selectors import notices_waiting
from apps.reviews.machine import steps_taken
from apps.reviews.selectors import done_count, worklist
from apps.targets.selectors import evaluations_waiting, tables_waiting

FRESH_SECONDS = 30
_MAX_ENTRIES = 4096
_counts: dict[tuple[int, int], tuple[float, tuple[int, int]]] = {}
_lock = threading.Lock()


def forget() -> None:
    """Drop every remembered count (tests: ids are reused between them)."""
    with _lock:
        _counts.clear()


def todo_count(user: Any) -> int:
    """Everything 我的待办 lists for this user: reports, target tables, self-evaluations,
    rectification notices and key-project steps."""
    return (
        worklist(user=user).count()
        + tables_waiting(user=user).count()
        + evaluations_waiting(user=user).count()
        + notices_waiting(user=user).count()
        + len(key_projects_waiting(user=user))
    )


def counts_of(user: Any) -> tuple[int, int]:
    """(待办, 已办) for this user, remembered as the module says."""
    key = (int(user.pk), steps_taken())
    now = time.monotonic()
    with _lock:
        found = _counts.get(key)
    if found is not None and now - found[0] < FRESH_SECONDS:
        return found[1]
    counts = (todo_count(user), done_count(user=user))
    with _lock:
        if len(_counts) >= _MAX_ENTRIES:
            _counts.clear()
        _counts[key] = (now, counts)
    return counts


def work_counts(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if as_member(user) is None:
        return {}
    counts = SimpleLazyObject(lambda: counts_of(user))
    return {
        "todo_count": SimpleLazyObject(lambda: counts[0]),
        "done_count": SimpleLazyObject(lambda: counts[1]),
    }
