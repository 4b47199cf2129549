"""A rendered report keeps the unit's own words (issue 13): its paragraphs verbatim, its
sections on the outline, placeholders only for what it lacks, and those listed as gaps.

The measure: every non-empty line of the source (page numbers aside) must be found verbatim in
the rendered document's text, as a reader sees it: the Word file's paragraphs and table cells,
the Markdown as a CommonMark renderer shows it. A source table row counts as kept when each of
its cells is there.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document
from markdown_it import MarkdownIt

from jixiao.domain.report import Report
from jixiao.render import render
from jixiao.render.model import build_view, render_gaps
from jixiao.render.source import source_paragraphs
from jixiao.services import report_gaps, report_read
from tests.conftest import SEED

EXAMPLES = sorted(Path(__file__).resolve().parents[2].glob("examples/*/source.txt"))
PLACEHOLDER = "（本部分无相关数据，请据实补充。）"


def shown_text(data: bytes, fmt: str) -> str:
    """The rendered document's text as a reader sees it."""
    if fmt == "docx":
        document = Document(io.BytesIO(data))
        # A line break inside a paragraph (the title's, GB/T 9704 回行) is layout, not text.
        paragraphs = [p.text.replace("\n", "") for p in document.paragraphs]
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        return "\n".join(paragraphs + cells)
    page = MarkdownIt("commonmark").enable("table").render(data.decode("utf-8"))
    page = re.sub(r"</(p|h\d|td|th|tr|li)>", "\n", page)
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def kept_share(report: Report, fmt: str) -> tuple[float, list[str]]:
    text = shown_text(render(report, fmt), fmt)
    paragraphs = source_paragraphs(report.text)
    missing = []
    for paragraph in paragraphs:
        if paragraph.startswith("|") and paragraph.endswith("|"):
            cells = [c.strip() for c in paragraph[1:-1].split("|") if c.strip()]
            found = all(cell in text for cell in cells)
        else:
            found = paragraph in text
        if not found:
            missing.append(paragraph)
    return 1 - len(missing) / len(paragraphs), missing


@pytest.mark.shared
@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_the_seed_keeps_its_paragraphs_and_needs_no_placeholder(fmt: str) -> None:
    if not SEED.exists():
        pytest.skip("../shared is not beside this checkout")
    report = report_read(path=SEED, source=SEED.name)
    share, missing = kept_share(report, fmt)
    assert share >= 0.95, missing
    text = shown_text(render(report, fmt), fmt)
    assert PLACEHOLDER not in text and "请据实" not in text
    assert render_gaps(report) == ()
    # Its five sections in the outline's order, its own 落款 with the date.
    view = build_view(report)
    assert [s.heading.text for s in view.sections] == [
        "一、部门概况", "二、整体支出基本情况", "三、评价过程及绩效分析",
        "四、存在的问题及建议", "五、评价结论",
    ]  # fmt: skip
    assert view.signature == ("常宁市科技和工业信息化局", "2023年8月29日")


@pytest.mark.parametrize("fmt", ["md", "docx"])
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name[:12])
def test_examples_keep_their_paragraphs(path: Path, fmt: str) -> None:
    report = report_read(path=path, source=path.name)
    share, missing = kept_share(report, fmt)
    # Only a heading renumbered after a section the report lacks may be missing.
    assert share >= 0.95, missing
    assert all(re.match(r"[一二三四五六七八九十]+、", line) for line in missing), missing


def test_a_missing_section_gets_a_placeholder_and_is_listed() -> None:
    path = next(p for p in EXAMPLES if "12-" in p.parent.name)  # lacks 存在的问题及建议
    report = report_read(path=path, source=path.name)
    gaps = report_gaps(report=report)
    assert len(gaps) == 1 and "存在的问题及建议" in gaps[0]
    view = build_view(report)
    section = next(s for s in view.sections if s.heading.title == "存在的问题及建议")
    assert section.heading.text == "四、存在的问题及建议"
    assert [b.text for b in section.blocks if hasattr(b, "text")] == [PLACEHOLDER]
    assert PLACEHOLDER in render(report, "md").decode("utf-8")


def test_a_missing_date_is_a_gap() -> None:
    path = next(p for p in EXAMPLES if "01-" in p.parent.name)
    report = report_read(path=path, source=path.name)
    assert report_gaps(report=report) == ()
    cut = report.text.rindex("2023年5月16日")  # the 落款 date, the text's last line
    profile = replace(report.profile, signed_on=None)
    undated = replace(report, text=report.text[:cut], profile=profile)
    assert any("落款日期" in gap for gap in report_gaps(report=undated))


def test_charts_follow_the_paragraph_that_states_their_figures() -> None:
    if not SEED.exists():
        pytest.skip("../shared is not beside this checkout")
    view = build_view(report_read(path=SEED, source=SEED.name))
    blocks = view.blocks()
    charts = [i for i, b in enumerate(blocks) if type(b).__name__ == "Chart"]
    assert len(charts) == 3
    before = [getattr(blocks[i - 1], "text", "") for i in charts]
    assert "项目资金支出4459.21万元" in before[0]  # 基本支出与项目支出
    assert before[1].startswith("3、项目资金支出；一般公共服务支出379.62万元")  # 功能分类
    assert before[2].startswith("4、三公经费11万元")  # “三公”经费
    assert [blocks[i].caption.split()[0] for i in charts] == ["图1", "图2", "图3"]


def test_a_report_without_text_is_written_by_the_template(overall_figures: Report) -> None:
    view = build_view(overall_figures)
    assert view.title_lines == ("青峰县农业农村局", "2022年度部门整体支出绩效自评报告")
    text = render(overall_figures, "md").decode("utf-8")
    assert "本年支出合计4862.35万元" in text  # the template's wording
