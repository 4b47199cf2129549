"""Bench rows for the readers of scans, photographs and old formats (`make bench`).

OCR: the text printed by typst and scanned at 200 dpi (tests/intake/readers/scans.py), read
whole after the recogniser is loaded and warmed on one page; seconds per A4 page, wall clock
and CPU (the machine is shared: CPU seconds over the two cores say what the page costs when
nothing else runs). The .doc, .xls and OFD files are written by the test writers
(word97.py, xlwt, ofd_maker.py) and read by jixiao: milliseconds per report, to DocumentText.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pypdfium2 as pdfium  # type: ignore[import-untyped]  # noqa: E402
from tests.intake.readers.ofd_maker import ofd_from_text  # noqa: E402
from tests.intake.readers.scans import scanned_pdf  # noqa: E402
from tests.intake.readers.sheets97 import xls_from_text  # noqa: E402
from tests.intake.readers.word97 import doc_from_text  # noqa: E402

from jixiao.intake.files import read_document_bytes  # noqa: E402

Row = tuple[str, float, float | None, str]


def _median_ms(action: Callable[[], object], runs: int) -> float:
    for _ in range(3):
        action()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def old_format_rows(text: str) -> list[Row]:
    files = {
        ".doc": doc_from_text(text),
        ".xls": xls_from_text(text),
        "OFD": ofd_from_text(text),
    }
    rows: list[Row] = []
    for label, data in files.items():
        name = "bench" + (label if label.startswith(".") else ".ofd")

        def read(data: bytes = data, name: str = name) -> object:
            return read_document_bytes(data, name=name)

        rows.append((f"读取 {label}（文件 → 文本）", _median_ms(read, 30), 50.0, "毫秒"))
    return rows


def ocr_rows(text: str) -> list[Row]:
    pdf = scanned_pdf(text, seed=1)
    pages = len(pdfium.PdfDocument(pdf))
    warm = scanned_pdf(text.split("\n", 1)[0], seed=2)  # one page: load and warm the models
    read_document_bytes(warm, name="warm.pdf")
    wall, cpu = time.perf_counter(), time.process_time()
    read_document_bytes(pdf, name="bench.pdf")
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return [
        (f"OCR 扫描件（{pages} 页 A4，200 dpi）每页", wall / pages, 2.0, "秒"),
        ("OCR 每页 CPU 时间（两核合计）", cpu / pages, None, "秒"),
    ]
