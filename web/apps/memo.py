"""A small in-process memo for the read-mostly pages (the bureau's campaign view, the public list).

Why not Django's cache framework: its local-memory backend pickles every value, and unpickling
two thousand rows costs about as much as reading them again; a shared backend (Redis) would be
one more service for every bureau to run. Here each process keeps the last results it computed,
as Python objects, under keys that contain a *fingerprint* of the data they were computed from
(an aggregate read in one cheap query on every request). Nothing is ever invalidated: when the
data changes its fingerprint changes, the old key is simply never asked for again and falls out
of the bounded LRU. A process therefore never serves figures older than its last fingerprint
query, and more processes on more machines need no coordination.

Values must be treated as read-only by whoever takes them out.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.db import models
from django.db.models import Max, Subquery

T = TypeVar("T")

# Entries per process: a bureau's reviewers look at a handful of campaigns, filters and pages.
DEFAULT_SIZE = 256


class Memo:
    """A bounded, thread-safe least-recently-used map from keys to computed values."""

    def __init__(self, size: int = DEFAULT_SIZE) -> None:
        self._size = size
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get_or_compute(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                self.hits += 1
                return self._entries[key]  # type: ignore[no-any-return]
            self.misses += 1
        # Computed outside the lock: two threads may both compute a missing key once, which is
        # cheaper than making every reader wait behind one slow computation.
        value = compute()
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._entries)


def latest_change(model: type[models.Model]) -> Max:
    """For a fingerprint's ``aggregate()``: when any row of ``model`` last changed (its
    ``updated_at``, indexed). Uncorrelated, so the database evaluates it once."""
    newest = model._default_manager.order_by("-updated_at").values("updated_at")[:1]
    return Max(Subquery(newest))


# One memo per process for every page that uses it; keys start with the page's name.
pages = Memo()
