"""HTML (fragment and page) and Markdown: the same document, escaped, self-contained."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser

from jixiao.domain.report import Report
from jixiao.render.html import render_html_fragment, render_html_page
from jixiao.render.markdown import escape, render_markdown
from tests.render.conftest import with_paragraph

HOSTILE = '<script>alert("x")</script> & *bold* [link](http://x) | pipe'


class _Tags(HTMLParser):
    VOID = frozenset({"br", "meta", "img", "input", "hr"})

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.seen: list[str] = []
        self.balanced = True

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.seen.append(tag)
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        self.seen.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open.pop() != tag:
            self.balanced = False


def _tags(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def _hostile(report: Report) -> Report:
    """Hostile text where the report's words are kept (its text), or where the template lists
    problems (a report without text)."""
    if report.text:
        return with_paragraph(report, HOSTILE)
    return replace(report, performance=replace(report.performance, problems=(HOSTILE,)))


def test_fragment_is_one_balanced_article_with_inline_svg(overall_report: Report) -> None:
    fragment = render_html_fragment(overall_report)
    tags = _tags(fragment)
    assert tags.seen[0] == "article" and tags.balanced and not tags.open
    assert tags.seen.count("svg") == 3
    assert "<script" not in fragment and "http" not in fragment.split("<svg", 1)[0]
    assert "<h1>青峰县农业农村局<br>2022年度部门整体支出绩效自评报告</h1>" in fragment


def test_page_is_a_complete_document(overall_report: Report) -> None:
    page = render_html_page(overall_report)
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="zh-CN">' in page and '<meta charset="utf-8">' in page
    assert render_html_fragment(overall_report) in page
    assert not re.search(r'(src|href)="(?!#)', page)  # nothing to fetch: only in-page links


def test_report_text_is_escaped_in_html(overall_report: Report, overall_figures: Report) -> None:
    for report in (overall_report, overall_figures):
        fragment = render_html_fragment(_hostile(report))
        assert "&lt;script&gt;" in fragment and "<script>" not in fragment


def test_markdown_uses_setext_headings_and_pipe_tables(
    project_report: Report, project_figures: Report
) -> None:
    lines = render_markdown(project_report).splitlines()
    assert lines[0] == "青峰县第二中学2023年度项目支出绩效自评表及自评报告"  # the report's own
    assert set(lines[1]) == {"="}
    heading = lines.index("一、绩效目标分解下达情况")
    assert set(lines[heading + 1]) == {"-"}
    assert "（一）**资金投入情况**" in lines
    row = "| 年度资金总额 | | 450000.00 | 486320.50 | 479638.26 | 10 | 98.63% | 9.86 | | |"
    assert row in lines  # the report's own table row, as written
    first = next(i for i, line in enumerate(lines) if line.startswith("| 项目名称 |"))
    assert lines[first + 1].startswith("|---|")  # the delimiter under the table's first row
    lines = render_markdown(project_figures).splitlines()
    assert lines[0] == "青峰县第二中学2023年度项目支出绩效自评报告"  # the template's
    assert "（一）**资金投入情况分析**" in lines
    assert "| 年度资金总额 | 450000.00 | 486320.50 | 479638.26 | 10 | 98.63% | 9.86 |" in lines


def test_markdown_escapes_markup(overall_report: Report, overall_figures: Report) -> None:
    kept = render_markdown(_hostile(overall_report))
    # "|" is text in a paragraph (paragraphs are apart; no delimiter row can follow them)
    assert '\\<script>alert("x")\\</script> & \\*bold\\* \\[link\\](http://x) | pipe' in kept
    listed = render_markdown(_hostile(overall_figures))
    assert "1．\\<script>" in listed and "\\*bold\\*" in listed and "| pipe" in listed
    assert escape("常财绩（[2021]54号）") == "常财绩（[2021]54号）"  # no link: left as written
    assert escape("# 标题") == "\\# 标题"
    assert escape("1. 项") == "1\\. 项"
    assert escape("450000.00") == "450000.00"
    assert escape("-5%") == "-5%" and escape("- 项") == "\\- 项"
