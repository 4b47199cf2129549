"""Template context: the counts of 待办 and 已办 in the header, computed only when a page
shows them (lazily: a page that never prints the header asks nothing)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from apps.accounts.policy import as_member
from apps.evaluations.selectors import waiting as key_projects_waiting
from apps.rectification.selectors import notices_waiting
from apps.reviews.selectors import done_count, worklist
from apps.targets.selectors import evaluations_waiting, tables_waiting


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


def work_counts(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if as_member(user) is None:
        return {}
    return {
        "todo_count": SimpleLazyObject(lambda: todo_count(user)),
        "done_count": SimpleLazyObject(lambda: done_count(user=user)),
    }
