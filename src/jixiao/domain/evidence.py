"""Where a figure was read: the quote and its place in the decoded text."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Evidence:
    """A quote from the source; ``start``/``end`` are offsets into the decoded text.

    ``page`` (1-based) and ``cell`` (table, row, column; 1-based) are set when the
    reader knows them (PDF pages, Word or Excel tables); ``box`` (left, top, right, bottom
    in pixels of the page image) when the text was recognised from a scan or photograph.
    """

    quote: str
    start: int
    end: int
    page: int | None = None
    cell: tuple[int, int, int] | None = None
    box: tuple[int, int, int, int] | None = None
