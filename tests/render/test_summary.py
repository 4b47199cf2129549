"""The summary document: sections, tables and totals survive the trip through Word and PDF."""

from __future__ import annotations

from decimal import Decimal

from jixiao.render.summary import Summary, SummaryPart, summary_docx, summary_pdf, summary_view
from tests.render.readback import docx_text

SUMMARY = Summary(
    title="2023年度部门整体支出绩效评价汇总报告",
    opening=("本次评价共涉及2家单位。",),
    parts=(
        SummaryPart(
            title="评分排名",
            columns=("名次", "单位", "评分"),
            rows=((1, "青峰县第二中学", Decimal("91.5")), (2, "青峰县卫生健康局", None)),
        ),
        SummaryPart(title="核对发现", columns=("规则", "单位数"), rows=()),
        SummaryPart(
            title="支出合计",
            columns=("单位", "万元"),
            rows=(("合计", Decimal("12345.678")),),
            notes=("金额单位：万元。",),
        ),
    ),
    signature=("青峰县财政局",),
)


def test_the_view_numbers_sections_and_tables() -> None:
    view = summary_view(SUMMARY)
    assert [s.heading.text for s in view.sections] == [
        "一、评分排名",
        "二、核对发现",
        "三、支出合计",
    ]
    assert view.sections[1].blocks[0].text == "本部分暂无数据。"  # type: ignore[union-attr]
    captions = [b.caption for b in view.blocks() if hasattr(b, "caption")]
    assert captions == ["表1 评分排名", "表2 支出合计"]


def test_word_holds_the_names_and_the_totals() -> None:
    text = docx_text(summary_docx(SUMMARY))
    assert "青峰县第二中学" in text and "91.50" in text and "12,345.68" in text
    assert "青峰县卫生健康局" in text and "—" in text and "青峰县财政局" in text


def test_pdf_holds_the_names_and_the_totals() -> None:
    import io

    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(io.BytesIO(summary_pdf(SUMMARY)))
    text = "".join(page.get_textpage().get_text_range() for page in pdf).replace("\r", "")
    flat = text.replace("\n", "")
    assert "青峰县第二中学" in flat and "12,345.68" in flat and "汇总报告" in flat
