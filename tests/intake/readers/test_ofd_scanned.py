"""An OFD made from a scan (each page an image, no text objects) is read through OCR.

The OFD is written by hand from GB/T 33190 (ofd_maker.scanned_ofd_from_text), its pages
printed by typst and scanned by scans.py; the recogniser's answers are cached (ocr_cache.py).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from decimal import Decimal

import pytest

from jixiao.domain.errors import UnreadableInput
from jixiao.intake.files import read_document_bytes
from jixiao.intake.parse import parse_document
from tests.intake.readers.ocr_cache import caching_recogniser
from tests.intake.readers.ofd_maker import scanned_ofd_from_text

TEXT = (
    "一、部门整体支出情况\n"
    "2022年度部门支出合计5252.64万元，其中基本支出793.43万元，项目支出4459.21万元。"
)


@pytest.fixture(scope="module", autouse=True)
def _cached_recogniser() -> Iterator[None]:
    with caching_recogniser():
        yield


def test_a_scanned_ofd_is_recognised_with_its_figures_pages_and_boxes() -> None:
    progress: list[tuple[int, int]] = []
    document = read_document_bytes(
        scanned_ofd_from_text(TEXT, seed=5),
        name="扫描.ofd",
        progress=lambda done, total: progress.append((done, total)),
    )
    assert document.format == "ofd" and document.reader == "ocr"
    assert progress == [(1, 1)]
    assert document.confidence is not None and document.confidence > 0.8
    start = document.text.index("5252.64")
    assert document.page_at(start) == 1 and document.box_at(start, start + 7) is not None
    report = parse_document(document, source="扫描.ofd")
    assert report.spending.total is not None
    assert report.spending.total.value.wan == Decimal("5252.64")


def test_a_scanned_ofd_is_checked_without_recognising() -> None:
    document = read_document_bytes(scanned_ofd_from_text(TEXT, seed=5), name="扫描.ofd", ocr=False)
    assert document.reader == "ocr" and document.text == ""


def test_a_scanned_ofd_with_a_broken_image_is_refused_with_one_chinese_line() -> None:
    source = scanned_ofd_from_text(TEXT, seed=5)
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as original, zipfile.ZipFile(buffer, "w") as copy:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename.endswith(".png"):
                data = data[:200]  # truncated
            copy.writestr(item, data)
    with pytest.raises(UnreadableInput) as refused:
        read_document_bytes(buffer.getvalue(), name="扫描.ofd", ocr=False)
    message = str(refused.value)
    assert "扫描.ofd" in message and "\n" not in message, message
