"""The Word file follows GB/T 9704-2012 and names its fonts the way Word and WPS honour."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from docx import Document

from jixiao.domain.report import Report
from jixiao.render.docx import render_docx


@pytest.fixture(scope="module")
def parts(overall_report: Report) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(render_docx(overall_report))) as archive:
        return {
            name: archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.endswith(".xml")
        }


def _style(styles: str, style_id: str) -> str:
    found = re.search(
        rf'<w:style [^>]*w:styleId="{re.escape(style_id)}".*?</w:style>', styles, re.S
    )
    assert found, f"style {style_id} is missing"
    return found.group(0)


@pytest.mark.parametrize(
    ("style_id", "east_asian", "half_points"),
    [
        ("Normal", "仿宋_GB2312", "32"),
        ("Heading1", "黑体", "32"),
        ("Heading2", "楷体_GB2312", "32"),
        ("公文标题", "方正小标宋简体", "44"),
    ],
)
def test_styles_name_the_official_fonts(
    parts: dict[str, str], style_id: str, east_asian: str, half_points: str
) -> None:
    style = _style(parts["word/styles.xml"], style_id)
    fonts = re.search(r"<w:rFonts [^>]*/>", style)
    assert fonts is not None
    assert f'w:eastAsia="{east_asian}"' in fonts.group(0)
    assert 'w:ascii="Times New Roman"' in fonts.group(0)
    assert f'<w:sz w:val="{half_points}"/>' in style


def test_no_theme_font_can_override_the_names(parts: dict[str, str]) -> None:
    assert not re.search(r"w:(ascii|hAnsi|eastAsia|cs)Theme=", parts["word/styles.xml"])


def test_east_asian_language_is_chinese(parts: dict[str, str]) -> None:
    defaults = re.search(r"<w:docDefaults>.*?</w:docDefaults>", parts["word/styles.xml"], re.S)
    assert defaults is not None
    assert re.search(r'<w:lang [^>]*w:eastAsia="zh-CN"', defaults.group(0))


def test_body_has_fixed_28pt_lines_and_a_two_character_indent(parts: dict[str, str]) -> None:
    normal = _style(parts["word/styles.xml"], "Normal")
    assert re.search(r'<w:spacing [^>]*w:lineRule="exact"', normal)
    assert re.search(r'<w:spacing [^>]*w:line="560"', normal)  # 28 pt in twentieths
    assert '<w:ind w:firstLine="640"/>' in normal  # two 16 pt characters
    for heading in ("Heading1", "Heading2"):
        style = _style(parts["word/styles.xml"], heading)
        assert "<w:color" not in style  # the template's blue is gone
        assert '<w:b w:val="0"/>' in style or "<w:b/>" not in style


def test_page_is_a4_with_the_standard_margins(parts: dict[str, str]) -> None:
    section = re.search(r"<w:sectPr.*?</w:sectPr>", parts["word/document.xml"], re.S)
    assert section is not None
    size = re.search(r'<w:pgSz w:w="(\d+)" w:h="(\d+)"', section.group(0))
    assert size is not None and (size.group(1), size.group(2)) == ("11906", "16838")
    margins = dict(re.findall(r'w:(top|bottom|left|right)="(\d+)"', section.group(0)))
    millimetres = {side: int(twips) * 25.4 / 1440 for side, twips in margins.items()}
    assert millimetres == pytest.approx({"top": 37, "bottom": 35, "left": 28, "right": 26}, abs=0.1)


def test_page_numbers_are_a_page_field_between_dashes(parts: dict[str, str]) -> None:
    footers = [text for name, text in parts.items() if name.startswith("word/footer")]
    assert len(footers) == 2  # odd pages at the right, even pages at the left
    for footer in footers:
        texts = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", footer))
        assert texts.startswith("— ") and texts.endswith(" —")
        assert re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", footer)
        assert 'w:fldCharType="begin"' in footer and 'w:fldCharType="end"' in footer
    alignments = sorted(re.findall(r'<w:jc w:val="(\w+)"', "".join(footers)))
    assert alignments == ["left", "right"]
    assert "<w:evenAndOddHeaders/>" in parts["word/settings.xml"]


def test_title_is_centred_and_the_signature_right_aligned(overall_report: Report) -> None:
    document = Document(io.BytesIO(render_docx(overall_report)))
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    title = paragraphs[0]
    assert title.style is not None and title.style.name == "公文标题"
    assert title.style.paragraph_format.alignment is not None
    assert title.style.paragraph_format.alignment.name == "CENTER"
    assert title.text.replace("\n", "") == "青峰县农业农村局2022年度部门整体支出绩效自评报告"
    unit, date = paragraphs[-2], paragraphs[-1]
    assert (unit.text, date.text) == ("青峰县农业农村局", "2023年5月16日")
    for line in (unit, date):
        assert line.style is not None and line.style.paragraph_format.alignment is not None
        assert line.style.paragraph_format.alignment.name == "RIGHT"


def test_headings_use_heading_styles_with_their_numbers(overall_report: Report) -> None:
    document = Document(io.BytesIO(render_docx(overall_report)))
    headings = [p.text for p in document.paragraphs if p.style and p.style.name == "Heading 1"]
    assert headings[:2] == ["一、部门基本情况", "二、一般公共预算支出情况"]
    assert len(headings) == 10


def test_self_evaluation_form_is_a_bordered_word_table(project_figures: Report) -> None:
    document = Document(io.BytesIO(render_docx(project_figures)))
    funds, indicators = document.tables
    assert [c.text for c in funds.rows[0].cells] == [
        "项目资金（元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
    ]  # fmt: skip
    assert [c.text for c in funds.rows[1].cells][1:] == [
        "450000.00", "486320.50", "479638.26", "10", "98.63%", "9.86",
    ]  # fmt: skip
    assert [c.text for c in indicators.rows[-1].cells][-3:] == ["100", "95.93", "优（按总分）"]
    assert funds.style is not None and funds.style.name == "Table Grid"
    borders = funds.style.element.xml
    assert "<w:tblBorders>" in borders and 'w:val="single"' in borders


def test_charts_are_png_pictures(overall_report: Report) -> None:
    with zipfile.ZipFile(io.BytesIO(render_docx(overall_report))) as archive:
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
        assert len(media) == 3
        assert all(archive.read(n).startswith(b"\x89PNG") for n in media)
