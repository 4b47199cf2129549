"""Which of many quoted spans a given span overlaps, found by bisection.

Rules ask "is this figure one a field's rule already checks?" for every breakdown or change
of a report; a scan of every span for each question made a long report's audit quadratic.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from jixiao.domain.evidence import Evidence


class Spans:
    def __init__(self, evidence: Iterable[Evidence]) -> None:
        spans = sorted((e.start, e.end) for e in evidence)
        self._starts = [start for start, _ in spans]
        self._ends = [end for _, end in spans]
        self._longest = max((end - start for start, end in spans), default=0)

    def overlaps(self, start: int, end: int) -> bool:
        """Does any span share a character with [start, end)?"""
        first = bisect_left(self._starts, start - self._longest)
        last = bisect_left(self._starts, end)
        return any(self._ends[i] > start for i in range(first, last))
