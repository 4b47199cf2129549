"""A figure as the parser first reads it, before it becomes a domain Mention.

Offsets are into the normalized text; parse.py maps them back to the original.
"""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.domain.money import Money, Rate


@dataclass(slots=True)
class Candidate:
    path: str
    value: Money | Rate
    start: int  # quote start (the label, normally)
    end: int  # quote end (after the number and its unit)
    aspect: str = "value"
    scope: str = ""
    rank: int = 0
    anchor: tuple[int, int] | None = None  # the quote span of the value a change belongs to
    cell: tuple[int, int, int] | None = None
    approximate: bool = False  # "约3万元": a rounded figure, never preferred to an exact one

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)
