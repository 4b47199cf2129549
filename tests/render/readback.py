"""Reading rendered documents back, the way the tests compare them with their source.

.docx: python-docx's paragraphs and tables in body order, each table row as a pipe row (an
empty cell as "—"), which is how the text parser reads flattened tables. .pdf: jixiao's own
PDF reader (pypdfium2 text with wrapped lines re-joined), or pypdfium2's raw text when that
reader is not there. .md and .html need nothing: Markdown is text, HTML is stripped of tags.
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
from jixiao.intake.parse import parse_text

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
    if fmt == "md":
        return parse_text(data.decode("utf-8"), source="rendered.md")
    if fmt == "docx":
        return parse_text(docx_text(data), source="rendered.docx")
    if fmt == "pdf":
        try:
            from jixiao.intake.files import read_document_bytes
            from jixiao.intake.parse import parse_document
        except ImportError:  # the PDF reader is not in this tree
            return parse_text(pdf_raw_text(data), source="rendered.pdf")
        return parse_document(read_document_bytes(data, name="rendered.pdf"), source="r.pdf")
    raise ValueError(fmt)


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
