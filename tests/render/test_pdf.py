"""The PDF: Chinese text that reads back, fonts embedded, page 1 drawn, Typst markup escaped."""

from __future__ import annotations

import ctypes
from dataclasses import replace

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from jixiao.domain.report import Performance, Report, ReportKind
from jixiao.render.model import build_view
from jixiao.render.pdf import literal, render_pdf, typst_source
from tests.render.conftest import with_paragraph
from tests.render.readback import pdf_raw_text


@pytest.fixture(scope="module")
def pdf(overall_report: Report) -> bytes:
    return render_pdf(overall_report)


def _fonts(data: bytes) -> set[tuple[str, bool]]:
    """(base font name, embedded?) of every text object on every page."""
    found = set()
    document = pdfium.PdfDocument(data)
    for page in document:
        for obj in page.get_objects():
            if obj.type != pdfium_c.FPDF_PAGEOBJ_TEXT:
                continue
            font = pdfium_c.FPDFTextObj_GetFont(obj.raw)
            size = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
            name = ctypes.create_string_buffer(size)
            pdfium_c.FPDFFont_GetBaseFontName(font, name, size)
            found.add((name.value.decode(), bool(pdfium_c.FPDFFont_GetIsEmbedded(font))))
    return found


def test_extracted_text_holds_the_title_and_figures(pdf: bytes) -> None:
    text = pdf_raw_text(pdf).replace("\n", "")
    assert "青峰县农业农村局2022年度部门整体支出绩效自评报告" in text
    assert "全年支出合计4862.35万元，其中基本支出1426.18万元" in text  # the unit's words
    assert "— 1 —" in pdf_raw_text(pdf)


def test_every_font_is_embedded_and_none_is_a_system_font(pdf: bytes) -> None:
    fonts = _fonts(pdf)
    assert fonts, "no text objects found"
    assert all(embedded for _, embedded in fonts), fonts
    families = {name.split("+")[-1] for name, _ in fonts}
    assert families == {"NotoSerifSC-Regular", "NotoSansSC-Regular"}


def test_page_one_is_drawn_with_ink_where_the_title_is(pdf: bytes) -> None:
    page = pdfium.PdfDocument(pdf)[0]
    image = page.render(scale=1).to_pil().convert("L")
    width, height = image.size
    # The title band (the first ~70 mm below the 37 mm top margin) holds dark glyph pixels;
    # a page whose Chinese failed to draw (boxes or blanks) would be nearly white there.
    band = image.crop((0, int(height * 0.12), width, int(height * 0.22)))
    dark = sum(band.histogram()[:128])
    assert dark > 2000
    blank = image.crop((0, 0, width, int(height * 0.10)))  # the top margin stays empty
    assert sum(blank.histogram()[:250]) == 0


def test_pdf_is_reproducible(overall_report: Report, pdf: bytes) -> None:
    assert render_pdf(overall_report) == pdf


def test_report_text_cannot_become_typst_markup(overall_report: Report) -> None:
    hostile = [
        "#set page(fill: red) *bold* _it_ $x^2$ <label> @ref // comment",
        'quote " and backslash \\ and ] bracket ) paren #{ 1 + 1 } `raw`',
        "= heading - item + item / term: 1. numbered",
    ]
    kept = overall_report
    for line in hostile:
        kept = with_paragraph(kept, line)
    listed = replace(
        overall_report,
        text="",
        performance=replace(overall_report.performance, problems=tuple(hostile)),
    )
    for report in (kept, listed):
        flat = pdf_raw_text(render_pdf(report)).replace("\n", "")
        for line in hostile:
            assert line.replace(" ", "") in flat.replace(" ", "")


def test_literal_escapes_only_what_a_typst_string_needs() -> None:
    assert literal('a"b\\c\nd') == '"a\\"b\\\\c\\nd"'
    report = Report("t", ReportKind.OVERALL, "", performance=Performance(problems=("#x",)))
    assert '#p("1．#x")' in typst_source(build_view(report))
