"""Overlap queries by bisection (audit/spans.py)."""

from __future__ import annotations

from jixiao.audit.spans import Spans
from jixiao.domain.evidence import Evidence


def _spans(*pairs: tuple[int, int]) -> Spans:
    return Spans(Evidence("x", start, end) for start, end in pairs)


def test_overlap_is_sharing_a_character() -> None:
    spans = _spans((10, 20), (40, 45))
    assert spans.overlaps(15, 16)
    assert spans.overlaps(5, 11)
    assert spans.overlaps(19, 30)
    assert not spans.overlaps(20, 40)  # touching ends share nothing
    assert not spans.overlaps(0, 10)
    assert spans.overlaps(0, 100)


def test_a_long_span_that_starts_far_before_is_found() -> None:
    spans = _spans((0, 1000), (500, 510))
    assert spans.overlaps(900, 901)
    assert not _spans().overlaps(0, 10)
