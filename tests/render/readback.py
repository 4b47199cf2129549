"""Reading rendered documents back, the way the tests compare them with their source.

.docx, .pdf and .xlsx are read by jixiao's own readers, as an upload of the file would be;
Markdown is text. ``docx_text`` (python-docx's paragraphs and table rows, an empty cell as
"—") and ``pdf_raw_text`` (pypdfium2's text) are plain views for tests that look for words.
"""

from __future__ import annotations

import io
from typing import Any

import pypdfium2 as pdfium
from docx import Document
from docx.table import Table

from jixiao.audit.engine import run as run_audit
from jixiao.contract import extract_json
from jixiao.domain.report import Report
from jixiao.intake.files import read_document_bytes
from jixiao.intake.parse import parse_document, parse_text

COMPARED = ("spending", "three_public", "budget")


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    lines = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                lines.append("| " + " | ".join(c.text.strip() or "—" for c in row.cells) + " |")
        else:
            lines.append(item.text)
    return "\n".join(lines)


def pdf_raw_text(data: bytes) -> str:
    pages = pdfium.PdfDocument(data)
    try:
        return "\n".join(
            page.get_textpage().get_text_bounded().replace("\r\n", "\n") for page in pages
        )
    finally:
        pages.close()


def read_back(data: bytes, fmt: str) -> Report:
    """The rendered file read as jixiao reads an upload of it (its own readers)."""
    if fmt == "md":
        return parse_text(data.decode("utf-8"), source="rendered.md")
    document = read_document_bytes(data, name=f"rendered.{fmt}")
    return parse_document(document, source=f"rendered.{fmt}")


def figures(report: Report) -> dict[str, Any]:
    extracted = extract_json(report)
    return {key: extracted[key] for key in COMPARED}


def error_codes(report: Report) -> list[str]:
    return sorted({f.code for f in run_audit(report).findings if f.severity.value == "error"})


def differences(before: Report, after: Report) -> list[str]:
    """What the read-back report states differently (figures and audit error codes)."""
    wrong = []
    first, second = figures(before), figures(after)
    for block in COMPARED:
        for key, value in first[block].items():
            if second[block].get(key) != value:
                wrong.append(f"{block}.{key}: {value!r} → {second[block].get(key)!r}")
    if error_codes(before) != error_codes(after):
        wrong.append(f"errors: {error_codes(before)} → {error_codes(after)}")
    return wrong
