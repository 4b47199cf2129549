"""A PDF whose pages are partly text and partly scanned images, read in page order.

Typed pages are set by typst (a real text layer); the middle page is printed by typst,
rasterised, rotated and speckled, and written as an image by Pillow (scans.py); pypdfium2
joins them into one file, as an office scanner's "insert page" does. The scanned page is
recognised for real (its answer cached, see ocr_cache.py).
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest

from jixiao.contract import extract_json
from jixiao.intake.files import read_document_bytes
from jixiao.intake.parse import parse_document
from tests.intake.readers.makers import typst_pdf_from_text
from tests.intake.readers.ocr_cache import caching_recogniser
from tests.intake.readers.scans import scanned_pdf

TYPED_BEFORE = "一、部门基本情况\n本部门2022年度部门预算收入合计5252.64万元。"
SCANNED = "二、部门整体支出情况\n2022年度部门支出合计4459.21万元，其中基本支出793.43万元。"
TYPED_AFTER = "三、存在的问题\n部分项目资金支付进度偏慢，年末结转结余208.75万元。"


@pytest.fixture(scope="module", autouse=True)
def _cached_recogniser() -> Iterator[None]:
    with caching_recogniser():
        yield


def _mixed() -> bytes:
    joined = pdfium.PdfDocument.new()
    for part in (
        typst_pdf_from_text(TYPED_BEFORE),
        scanned_pdf(SCANNED, seed=7),
        typst_pdf_from_text(TYPED_AFTER),
    ):
        source = pdfium.PdfDocument(part)
        assert len(source) == 1
        joined.import_pages(source)
    buffer = io.BytesIO()
    joined.save(buffer)
    return buffer.getvalue()


def test_the_scanned_page_is_recognised_between_the_typed_pages() -> None:
    progress: list[tuple[int, int]] = []
    document = read_document_bytes(
        _mixed(), name="混合.pdf", progress=lambda done, total: progress.append((done, total))
    )
    assert document.reader == "pdf+ocr" and document.format == "pdf"
    assert progress == [(1, 1)]  # only the scanned page is recognised
    text = document.text
    before, scanned, after = (text.index(f) for f in ("5252.64", "4459.21", "208.75"))
    assert before < scanned < text.index("793.43") < after
    assert [document.page_at(at) for at in (before, scanned, after)] == [1, 2, 3]
    # Boxes and the confidence belong to the recognised page only.
    assert document.box_at(before, before + 7) is None
    assert document.box_at(after, after + 6) is None
    box = document.box_at(scanned, scanned + 7)
    assert box is not None and box[0] < box[2] and box[1] < box[3]
    assert all(item.page == 2 for item in document.boxes)
    assert all(doubt.page == 2 for doubt in document.doubts)
    assert document.confidence is not None and document.confidence > 0.8


def test_figures_from_the_scanned_page_carry_its_page_in_the_evidence() -> None:
    document = read_document_bytes(_mixed(), name="混合.pdf")
    report = parse_document(document, source="混合.pdf")
    pages = {item["quote"]: item["page"] for item in extract_json(report)["evidence"]}
    assert any("4459.21" in quote and page == 2 for quote, page in pages.items()), pages
    assert report.reading is not None and report.reading.reader == "pdf+ocr"


def test_checking_a_mixed_pdf_reads_its_text_pages_without_recognising() -> None:
    document = read_document_bytes(_mixed(), name="混合.pdf", ocr=False)
    assert document.reader is None and "5252.64" in document.text
    assert "208.75" in document.text and "4459.21" not in document.text


def test_a_text_pdf_with_a_blank_page_is_not_sent_to_the_recogniser() -> None:
    joined = pdfium.PdfDocument.new()
    joined.import_pages(pdfium.PdfDocument(typst_pdf_from_text(TYPED_BEFORE)))
    joined.new_page(595, 842)
    buffer = io.BytesIO()
    joined.save(buffer)
    document = read_document_bytes(buffer.getvalue(), name="空白页.pdf")
    assert document.reader is None and document.format == "pdf"
    assert "5252.64" in document.text
