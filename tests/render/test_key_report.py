"""The key-project evaluation report: its outline as data, the panel's scores in Word and PDF."""

from __future__ import annotations

import io
from decimal import Decimal

import pypdfium2 as pdfium
import pytest

from jixiao.render.key_report import (
    KeyReport,
    load_outline,
    parse_outline,
    report_docx,
    report_pdf,
    report_view,
)
from jixiao.render.template import TemplateError
from jixiao.scoring.key_rules import load_key_rules
from jixiao.scoring.panel import Agreement, PanelIndicator, Sheet, combine
from tests.render.readback import docx_text

D = Decimal
RULES = load_key_rules().panel
INDICATORS = (
    PanelIndicator("a", "决策", "项目立项", "立项依据充分性", D(20)),
    PanelIndicator("b", "产出", "数量指标", "培训人次", D(50)),
    PanelIndicator("c", "效益", "社会效益指标", "农户增收", D(30)),
)
PANEL = combine(
    INDICATORS,
    [
        Sheet("专家1", {"a": D(18), "b": D(45), "c": D(27)}),
        Sheet("专家2", {"a": D(17), "b": D(30), "c": D(26)}),
    ],
    {"b": Agreement(D(40), "现场核查培训台账为1000人次")},
    RULES,
)
VALUES = {
    "项目名称": "农技推广培训",
    "单位": "甲区农业农村局",
    "年度": "2022",
    "全年预算数": "400万元",
    "评价机构": "雁川市财政局",
    "评价专家": "张三、李四",
    "评价人数": "2",
    "总分": "84分",
    "等级": "良",
    "落款单位": "雁川市财政局",
    "落款日期": "2023年9月1日",
}


def _report(final: bool) -> KeyReport:
    values = {**VALUES, "稿别": None if final else "（征求意见稿）"}
    if final:
        values |= {"反馈日期": "2023年8月20日", "反馈结论": "无异议"}
    lists = {
        "问题": ["培训人次未达目标"],
        "意见反馈": ["对评价结论无异议"] if final else [],
        "合议": [PANEL.line("b").explanation],
    }
    return KeyReport(values=values, lists=lists, panel=PANEL)


def test_the_outline_has_the_issues_sections_in_order() -> None:
    assert load_outline().titles == (
        "项目概况",
        "评价工作开展情况",
        "综合评价结论",
        "绩效分析",
        "主要经验",
        "存在问题",
        "建议",
        "被评价单位意见反馈",
    )


def test_the_draft_says_so_and_waits_for_the_units_response() -> None:
    view = report_view(_report(final=False))
    assert view.title == "农技推广培训绩效评价报告（征求意见稿）"
    last = view.sections[-1]
    assert last.heading.text == "八、被评价单位意见反馈"
    assert [b.text for b in last.blocks] == ["（征求意见稿，待被评价单位反馈意见。）"]  # type: ignore[union-attr]


def test_word_holds_every_evaluators_scores_the_final_and_the_response() -> None:
    text = docx_text(report_docx(_report(final=True)))
    assert "农技推广培训绩效评价报告" in text and "征求意见稿" not in text
    assert "| 产出 | 培训人次 | 50 | 45 | 30 | 40 | 专家组合议 |" in text
    assert "| 合计 | — | 100 | 90 | 73 | 84 | 良 |" in text
    assert "经专家组合议定为40分：现场核查培训台账为1000人次" in text
    assert "甲区农业农村局于2023年8月20日反馈意见：无异议。" in text
    assert "1．对评价结论无异议" in text


def test_pdf_holds_the_scores() -> None:
    pdf = pdfium.PdfDocument(io.BytesIO(report_pdf(_report(final=True))))
    text = "".join(page.get_textpage().get_text_range() for page in pdf).replace("\r", "")
    flat = text.replace("\n", "")
    assert "农技推广培训绩效评价报告" in flat and "84分" in flat and "专家组合议" in flat


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("{项目名称}绩效评价报告", "{项目}绩效评价报告", "不认识的占位符“{项目}”"),
        ("@列表 经验", "@列表 心得", "没有名为“心得”的列表"),
        ("@表格 复算 按", "@图表 复算 按", "“@图表”不是可用的指令"),
    ],
)
def test_a_wrong_outline_is_refused_naming_the_place(old: str, new: str, message: str) -> None:
    from importlib import resources

    text = (resources.files("jixiao.data") / "key_project_report.toml").read_text("utf-8")
    assert old in text
    with pytest.raises(TemplateError) as refused:
        parse_outline(text.replace(old, new, 1))
    assert message in str(refused.value)
