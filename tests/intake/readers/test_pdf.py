"""Reading PDFs with a text layer: paragraphs re-joined, stray spaces gone, pages known,
ruled tables as cells, and a clear refusal for scanned, encrypted and damaged files."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from jixiao.domain.errors import UnreadableInput
from jixiao.intake.parse import parse_document
from jixiao.intake.readers.pdf import read_pdf
from tests.intake.readers.makers import pdf_from_text, typst_pdf_from_text

SAMPLE = (
    "青峰县林业局2023年度部门整体支出绩效自评报告\n"
    "一、部门基本情况\n" + "青峰县林业局负责全县森林资源保护、国土绿化和林业产业发展，内设股室6个，"
    "下属事业单位3个，2023年末实有在职人员44人。" * 3 + "\n二、一般公共预算支出情况\n"
    "2023年度，我局总支出5252.64万元，其中基本支出793.43万元，项目支出4459.21万元。\n"
)


def _words(text: str) -> str:
    return re.sub(r"\s", "", text)


@pytest.mark.parametrize("make", [typst_pdf_from_text, pdf_from_text], ids=["typst", "reportlab"])
def test_paragraphs_come_back_whole_and_in_order(make: object, seed_text: str) -> None:
    document = read_pdf(make(seed_text), label="种子.pdf")  # type: ignore[operator]
    seed_lines = [_words(line) for line in seed_text.split("\n") if line.strip()]
    read_lines = {_words(line) for line in document.text.split("\n")}
    whole = [line for line in seed_lines if line in read_lines]
    # A paragraph may stay broken after a line that ends in 。 at the margin: never more.
    assert len(whole) >= len(seed_lines) - 2
    if make is typst_pdf_from_text:  # reportlab's STSong-Light has no glyph for "·"
        flat = _words(document.text)
        position = 0
        for line in seed_lines:
            position = flat.find(line, position)
            assert position >= 0, line
            position += len(line)


def test_stray_spaces_between_figures_and_hanzi_are_removed(seed_text: str) -> None:
    """typst sets a quarter em between 汉字 and figures, as Word does; PDFium reads it as a
    space ("2022 年"). Only the seed's own spaces ("累计 1918 个") may remain."""
    text = read_pdf(typst_pdf_from_text(seed_text), label="种子.pdf").text
    spaced = re.compile(r"[\u4e00-\u9fff] \d|\d [\u4e00-\u9fff]")
    assert set(spaced.findall(text)) <= set(spaced.findall(seed_text))
    assert "2022年度" in text and "5252.64万元" in text


def test_page_numbers_are_dropped_and_pages_are_known(seed_text: str) -> None:
    data = typst_pdf_from_text(seed_text)
    document = read_pdf(data, label="种子.pdf")
    assert not re.search(r"—\s*\d+\s*—", document.text)
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    page_texts = [_words(page.get_textpage().get_text_range()) for page in pdf]
    assert len(document.pages) == len(page_texts) >= 4
    report = parse_document(document, source="种子.pdf")
    for stated in (report.spending.total, report.three_public.total, report.profile.name):
        assert stated is not None
        page = stated.evidence.page
        assert page is not None and _words(stated.evidence.quote) in page_texts[page - 1]


def test_a_paragraph_runs_on_across_a_page_break() -> None:
    paragraph = "本单位严格执行预算，" * 60 + "全年支出5252.64万元。"
    text = "青峰县林业局2023年度绩效自评报告\n" + "一、概况\n" * 20 + paragraph + "\n二、结论\n"
    document = read_pdf(typst_pdf_from_text(text), label="跨页.pdf")
    assert _words(paragraph) in {_words(line) for line in document.text.split("\n")}
    start = document.text.index("本单位")
    assert document.page_at(start) == 1 and document.page_at(start + len(paragraph) - 3) == 2


def test_single_characters_in_a_font_the_file_does_not_embed() -> None:
    """PDFium drops text objects of one glyph in a CJK font it cannot load: "2022年12月"
    set with digits in Helvetica would lose 年 and 月. Such pages are read with pdfminer."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    words = page.beginText(72, 700)
    for piece, font in (("2022", "Helvetica"), ("年", "STSong-Light"), ("12", "Helvetica"),
                        ("月", "STSong-Light"), ("支出", "STSong-Light"), ("7", "Helvetica"),
                        ("万元", "STSong-Light")):  # fmt: skip
        words.setFont(font, 12)
        words.textOut(piece)
    page.drawText(words)
    page.setFont("STSong-Light", 12)
    page.drawString(72, 680, "户")
    page.save()
    assert read_pdf(buffer.getvalue(), label="字体.pdf").text == "2022年12月支出7万元\n户\n"


def test_a_ruled_table_becomes_cells_on_its_page() -> None:
    text = (
        "青峰县林业局2023年度项目支出绩效自评表\n"
        "| 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
        "| 年度资金总额 | 100.00 | 120.00 | 116.47 | 10 | 97.06% | 9.71 |\n"
        "| 总分 | 100 | 92 | 优 |\n"
    )
    document = read_pdf(typst_pdf_from_text(text), label="表.pdf")
    assert "| 年度资金总额 | 100.00 | 120.00 | 116.47 | 10 | 97.06% | 9.71 |" in document.text
    report = parse_document(document, source="表.pdf")
    assert report.budget.executed is not None
    assert report.budget.executed.evidence.cell == (1, 2, 4)
    assert report.budget.executed.evidence.page == 1
    grade = report.performance.grade
    assert grade is not None and grade.value == "优" and grade.evidence.cell == (1, 3, 4)


# ------------------------------------------------------------------------------ refusals


def _pdf_without_text(draw_image: bool) -> bytes:
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    if draw_image:  # a "scan": the page is a picture of text
        picture = Image.new("L", (200, 100), color=255)
        page.drawImage(ImageReader(picture), 72, 500, width=400, height=200)
    page.showPage()
    page.save()
    return buffer.getvalue()


@pytest.mark.parametrize("draw_image", [True, False], ids=["scan", "blank"])
def test_a_pdf_without_a_text_layer_is_recognised_and_a_blank_one_refused(
    draw_image: bool,
) -> None:
    """No text layer: the pages go through OCR (test_ocr*.py); blank pages give nothing."""
    with pytest.raises(UnreadableInput, match="没有识别出任何文字：请确认图片清晰"):
        read_pdf(_pdf_without_text(draw_image), label="“扫描.pdf”")


def test_an_encrypted_pdf_is_refused_with_what_to_do() -> None:
    data = pdf_from_text(SAMPLE, password="1234")
    with pytest.raises(UnreadableInput, match=r"设有打开密码.*取消密码"):
        read_pdf(data, label="“加密.pdf”")


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n" + b"\x00garbage" * 100, b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\n"],
    ids=["garbage", "no-pages"],
)
def test_a_damaged_pdf_is_refused(data: bytes) -> None:
    with pytest.raises(UnreadableInput, match=r"损坏|没有任何页面"):
        read_pdf(data, label="“坏.pdf”")


def test_a_truncated_pdf_keeps_what_it_can_or_says_it_is_damaged(tmp_path: Path) -> None:
    data = typst_pdf_from_text(SAMPLE)
    try:
        document = read_pdf(data[: len(data) // 2], label="“半个.pdf”")
    except UnreadableInput as error:
        assert "损坏" in str(error) or "没有识别出任何文字" in str(error)
    else:
        assert document.text  # PDFium repairs what it can


def test_a_text_layer_of_glyph_ids_counts_as_undecodable() -> None:
    """A font without a ToUnicode map yields private-use code points, not characters."""
    from jixiao.intake.readers.pdf import _undecodable

    glyphs = "".join(chr(0xE000 + i) for i in range(200))
    assert _undecodable(glyphs + "\n第1页")
    assert not _undecodable("总支出5252.64万元" * 10 + "\ue000")
