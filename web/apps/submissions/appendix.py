"""What a download adds after the report the core writes: who scored it, and what was changed.

The core renders the report from its figures (``jixiao.render``) and knows nothing of the
campaign: the computed score (财政核算), the bureau's (财政评定) and the figures changed from
what the uploaded document states (已修改) are the web layer's. They are appended to the
.docx as a last section with a table, to the PDF as a last page, and to the .xlsx 自评表 as
a last sheet, labelled by who gave each score as on every page (``apps.submissions.scores``).
The words are chosen so that jixiao reading the file again takes none of them for a figure
of the report (a test reads each download back).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

import pypdfium2 as pdfium
from docx import Document as WordDocument
from openpyxl import load_workbook
from openpyxl.styles import Font

from apps.exports import safe_value
from apps.submissions import amendments, engine, scores

TITLE = "附：评分与修改记录"
SHEET = "评分与修改记录"
SCORE_HEADER = ("评分方", "分数", "等级")
CHANGE_HEADER = ("数据项", "上传文件原文", "现数据", "修改人", "修改时间")


def _score_rows(submission: Any) -> list[tuple[str, str, str]]:
    return [(who, _points(score), grade or "—") for who, score, grade in scores.rows(submission)]


def _points(score: Any) -> str:
    return "—" if score is None else f"{score:.2f}".rstrip("0").rstrip(".") + "分"


def _change_rows(submission: Any) -> list[tuple[str, str, str, str, str]]:
    return [
        (
            str(a.get("label", "")),
            f"原文{a.get('stated', '')}",
            f"改为{a.get('current') or '（已删除）'}",
            str(a.get("by") or "系统"),
            str(a.get("when", "")),
        )
        for a in amendments.shown(submission.amendments)
    ]


def attach(output: bytes, fmt: str, submission: Any) -> bytes:
    """The file with the scores and the amendments appended (.docx and .xlsx; another
    format is returned as it is)."""
    if fmt == "xlsx":
        return _xlsx(output, _score_rows(submission), _change_rows(submission))
    if fmt == "docx":
        return _docx(output, _score_rows(submission), _change_rows(submission))
    if fmt == "pdf":
        return _pdf(output, _score_rows(submission), _change_rows(submission))
    return output


def _pdf(
    output: bytes, score_rows: Sequence[Sequence[str]], change_rows: Sequence[Sequence[str]]
) -> bytes:
    """A last page, written by Typst with the report's fonts, joined to the report's PDF."""
    parts = [
        '#set page(paper: "a4", margin: 2.5cm)',
        f'#set text(font: {_typst_text(engine.SANS_FAMILY)}, size: 11pt, lang: "zh")',
        f'#text(weight: "bold", size: 14pt)[{_typst_escape(TITLE)}]',
        _typst_table(SCORE_HEADER, score_rows),
    ]
    if change_rows:
        parts.append(_typst_escape("与上传文件原文不同的数据（已修改）："))
        parts.append(_typst_table(CHANGE_HEADER, change_rows))
    else:
        parts.append(_typst_escape("与上传文件原文相比没有修改的数据。"))
    page = engine.typst_pdf("\n\n".join(parts) + "\n")
    report, extra = pdfium.PdfDocument(output), pdfium.PdfDocument(page)
    try:
        report.import_pages(extra)
        out = io.BytesIO()
        report.save(out)
        return out.getvalue()
    finally:
        extra.close()
        report.close()


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _typst_text(text: str) -> str:
    """A Typst string literal (JSON's escapes are Typst's for quotes and backslashes)."""
    return json.dumps(_CONTROL.sub(" ", text), ensure_ascii=False)


def _typst_escape(text: str) -> str:
    """Text as Typst markup: the text of a string literal, so no character is markup."""
    return f"#{_typst_text(text)}"


def _typst_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    cells = [f"[*{_typst_escape(h)}*]" for h in header]
    cells += [_typst_text(cell) for row in rows for cell in row]
    return f"#table(columns: {len(header)}, inset: 5pt, " + ", ".join(cells) + ")"


def _xlsx(
    output: bytes, score_rows: Sequence[Sequence[str]], change_rows: Sequence[Sequence[str]]
) -> bytes:
    workbook = load_workbook(io.BytesIO(output))
    sheet = workbook.create_sheet(SHEET)
    sheet.append([TITLE])
    sheet["A1"].font = Font(bold=True)
    for header, rows, empty in (
        (SCORE_HEADER, score_rows, ""),
        (CHANGE_HEADER, change_rows, "与上传文件原文相比没有修改的数据"),
    ):
        sheet.append([])
        sheet.append(list(header))
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([safe_value(v) for v in row])
        if not rows and empty:
            sheet.append([empty])
    for column, width in zip("ABCDE", (22, 18, 18, 14, 18), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _docx(
    output: bytes, score_rows: Sequence[Sequence[str]], change_rows: Sequence[Sequence[str]]
) -> bytes:
    document = WordDocument(io.BytesIO(output))
    heading = document.add_paragraph()
    heading.add_run(TITLE).bold = True
    _word_table(document, SCORE_HEADER, score_rows)
    if change_rows:
        document.add_paragraph("与上传文件原文不同的数据（已修改）：")
        _word_table(document, CHANGE_HEADER, change_rows)
    else:
        document.add_paragraph("与上传文件原文相比没有修改的数据。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _word_table(document: Any, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = _table_style(document)
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text


def _table_style(document: Any) -> Any:
    styles: Mapping[str, Any] = {s.name: s for s in document.styles}
    return styles.get("Table Grid")
