"""PDFs whose pages are partly text and partly scanned images → one DocumentText.

A report is often assembled from a typed body and a signed, stamped page (or a scanned
table) put back in as an image: a PDF whose text layer covers some pages only. Each run of
text pages is laid out from the text layer (pdf_layout.assemble), each run of image-only
pages is recognised (ocr.py, ocr_layout.py), and the parts are joined in page order: page
offsets, table numbers, the recognised lines' boxes (on their real page) and the doubts all
shifted into the whole text. A paragraph is not carried across a change of reader.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from itertools import groupby
from typing import Any

from jixiao.domain.errors import UnreadableInput
from jixiao.domain.reading import Doubt
from jixiao.intake.document import CellSpan, DocumentText, TextBox
from jixiao.intake.readers.pdf_layout import Page, assemble

Progress = Callable[[int, int], None]  # (scanned pages read, scanned pages in all)
READER = "pdf+ocr"  # DocumentText.reader of a PDF read partly through OCR


def read_mixed_pdf(
    document: Any,
    pages: Sequence[Page],
    scanned: Sequence[bool],
    *,
    label: str,
    progress: Progress | None = None,
    ocr: bool = True,
) -> DocumentText:
    """``pages`` as the text layer gives them; ``scanned[i]``: page i is an image only.
    ``ocr=False`` checks the file without recognising: the text pages alone are read."""
    from jixiao.intake.readers import ocr as recogniser  # noqa: PLC0415 (seconds to import)
    from jixiao.intake.readers.ocr_layout import layout  # noqa: PLC0415

    if not ocr:
        return assemble([page for page, image in zip(pages, scanned, strict=True) if not image])
    count = sum(scanned)
    if count > recogniser.MAX_PAGES:
        raise UnreadableInput(
            f"{label}有 {count} 页扫描页，超过 {recogniser.MAX_PAGES} 页上限："
            "请只提交绩效报告正文及其附表"
        )
    parts: list[tuple[DocumentText, int]] = []
    done = 0
    for image, run in _runs(scanned):
        if image:
            recognised = recogniser.recognised_pages(
                recogniser.page_images(document, run),
                label=label,
                progress=progress,
                total=count,
                done=done,
            )
            done += len(run)
            parts.append((layout(recognised, format="pdf"), run[0]))
        else:
            parts.append((assemble([pages[index] for index in run]), run[0]))
    return joined(parts)


def _runs(scanned: Sequence[bool]) -> Iterator[tuple[bool, list[int]]]:
    """Consecutive pages of one kind: (image-only?, their 0-based indices)."""
    for image, group in groupby(enumerate(scanned), key=lambda item: item[1]):
        yield image, [index for index, _ in group]


def joined(parts: Sequence[tuple[DocumentText, int]]) -> DocumentText:
    """The parts (each with the 0-based index of its first page) as one PDF text."""
    text = ""
    pages: list[int] = []
    cells: list[CellSpan] = []
    boxes: list[TextBox] = []
    doubts: list[Doubt] = []
    tables = 0
    weighted = 0.0
    weight = 0
    for part, first in parts:
        if text and not text.endswith("\n"):
            text += "\n"
        offset = len(text)
        text += part.text
        pages.extend(offset + start for start in part.pages)
        cells.extend(
            replace(
                cell, start=cell.start + offset, end=cell.end + offset, table=cell.table + tables
            )
            for cell in part.cells
        )
        tables += max((cell.table for cell in part.cells), default=0)
        boxes.extend(
            replace(box, start=box.start + offset, end=box.end + offset, page=box.page + first)
            for box in part.boxes
        )
        doubts.extend(
            replace(
                doubt,
                start=doubt.start + offset,
                end=doubt.end + offset,
                page=None if doubt.page is None else doubt.page + first,
            )
            for doubt in part.doubts
        )
        if part.confidence is not None:
            recognised = sum(box.end - box.start for box in part.boxes) or 1
            weighted += part.confidence * recognised
            weight += recognised
    return DocumentText(
        text=text,
        format="pdf",
        pages=tuple(pages),
        cells=tuple(cells),
        reader=READER,
        confidence=weighted / weight if weight else None,
        boxes=tuple(boxes),
        doubts=tuple(doubts),
    )
