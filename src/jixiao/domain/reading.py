"""How a document was read, and the places in its text a reviewer should check against
the original: figures recognised from a scan with low confidence, and OCR damage that was
repaired. Offsets point into the decoded text, as Evidence offsets do."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

Box = tuple[int, int, int, int]  # left, top, right, bottom, in pixels of the page image


class DoubtKind(Enum):
    LOW_CONFIDENCE = "low-confidence"  # the recogniser was unsure of some character
    REPAIRED = "repaired"  # known OCR damage undone ("4459. 21" → "4459.21", 兀 → 元)
    LONE_STROKE = "lone-stroke"  # a lone "1" on its own: as likely a rule or a bar "|"
    RUN_TOGETHER = "run-together"  # two decimal points in one figure: spaces were lost


@dataclass(frozen=True, slots=True)
class Doubt:
    """A span of the text to check against the original page."""

    start: int
    end: int
    kind: DoubtKind
    page: int | None = None
    box: Box | None = None
    confidence: float | None = None  # the lowest character confidence in the span (0–1)
    recognised: str | None = None  # REPAIRED: what the recogniser read before the repair


@dataclass(frozen=True, slots=True)
class Reading:
    """Which reader turned the file into text ("text", "docx", "pdf", "xlsx", "ocr", "doc",
    "wps", "xls", "et", "ofd"), and for OCR the mean recognition confidence (0–1) over
    every recognised character and the spans to check."""

    reader: str
    confidence: float | None = None
    doubts: tuple[Doubt, ...] = ()

    def doubts_in(self, start: int, end: int) -> tuple[Doubt, ...]:
        """The doubts that overlap the span [start, end)."""
        return tuple(d for d in self.doubts if d.start < end and start < d.end)
