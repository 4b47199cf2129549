"""The template language and the template files a finance bureau edits."""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

import pytest

from jixiao.domain.report import ReportKind
from jixiao.render import template as templates
from jixiao.render.template import TemplateError, parse_text, tidy
from jixiao.render.values import MONEY_PLACEHOLDERS, PLACEHOLDERS

KNOWN = frozenset(PLACEHOLDERS)
OUTLINE = ("部门概况", "整体支出基本情况", "评价过程及绩效分析", "存在的问题及建议", "评价结论")


def fill(source: str, **values: str | None) -> str | None:
    return parse_text(source, KNOWN, "测试").fill(values)


def test_placeholders_are_filled() -> None:
    assert fill("本年支出合计{支出合计}。", 支出合计="5252.64万元") == "本年支出合计5252.64万元。"


def test_a_paragraph_without_its_required_figure_is_left_out() -> None:
    assert fill("本年支出合计{支出合计}。") is None


def test_an_optional_part_goes_when_its_figure_is_missing() -> None:
    source = "支出合计{支出合计}[，较上年{支出合计增减}][，{支出合计增减率}]。"
    assert fill(source, 支出合计="10万元", 支出合计增减率="下降2%") == "支出合计10万元，下降2%。"


def test_optional_parts_nest() -> None:
    source = "[基本支出{基本支出}[，较上年{基本支出增减}]；][项目支出{项目支出}。]"
    assert fill(source, 项目支出="3万元") == "项目支出3万元。"
    assert (
        fill(source, 基本支出="1万元", 基本支出增减="增加1万元")
        == "基本支出1万元，较上年增加1万元。"
    )


def test_dangling_punctuation_is_tidied() -> None:
    assert tidy("年初预算数1万元，，全年预算数2万元，。") == "年初预算数1万元，全年预算数2万元。"
    assert tidy("，评价等级为“优”。") == "评价等级为“优”。"


def test_escapes_stand_for_the_characters() -> None:
    assert fill("\\[注\\]{单位}\\{\\}", 单位="某局") == "[注]某局{}"


@pytest.mark.parametrize(
    ("source", "complaint"),
    [
        ("{支出总额}", "不认识的占位符“{支出总额}”"),
        ("[{单位}", "“[”没有配对的“]”"),
        ("{单位}]", "“]”没有配对的“[”"),
        ("{单位", "“{”没有配对的“}”"),
        ("单位}", "“}”没有配对的“{”"),
    ],
)
def test_mistakes_are_refused_with_their_place(source: str, complaint: str) -> None:
    with pytest.raises(TemplateError, match=re.escape(complaint)) as caught:
        parse_text(source, KNOWN, "模板 x.toml 第2部分第3行")
    assert str(caught.value).startswith("模板 x.toml 第2部分第3行：")


def _template(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "t",
        "outline": "performance-note",
        "document_title": "{单位}",
        "sections": [{"title": title, "body": ["无"]} for title in OUTLINE],
    }
    data.update(changes)
    return data


def test_a_template_must_write_every_required_section_of_its_outline() -> None:
    data = _template()
    templates._template("t.toml", data, KNOWN)  # complete: accepted
    data["sections"] = data["sections"][:-1]
    with pytest.raises(TemplateError, match="缺少提纲《绩效情况说明》要求的部分“评价结论”"):
        templates._template("t.toml", data, KNOWN)


def test_a_template_section_must_belong_to_its_outline_in_order() -> None:
    data = _template()
    data["sections"][0]["title"] = "单位简介"
    with pytest.raises(TemplateError, match="“单位简介”不是提纲《绩效情况说明》中的部分"):
        templates._template("t.toml", data, KNOWN)
    data = _template()
    data["sections"][0], data["sections"][1] = data["sections"][1], data["sections"][0]
    with pytest.raises(TemplateError, match="顺序"):
        templates._template("t.toml", data, KNOWN)


@pytest.mark.parametrize(
    ("line", "complaint"),
    [("@图片 功能分类", "不是可用的指令"), ("@列表 成绩", "没有名为“成绩”的列表")],
)
def test_unknown_directives_are_refused(line: str, complaint: str) -> None:
    data = _template()
    data["sections"][2]["body"] = [line]
    with pytest.raises(TemplateError, match=complaint):
        templates._template("t.toml", data, KNOWN)


def test_the_shipped_templates_load_and_cover_every_kind() -> None:
    loaded = templates.load_templates()
    assert {t.name for t in loaded} >= {
        "performance-note",
        "hunan-overall-self-evaluation",
        "project-self-evaluation",
        "final-accounts-note",
        "budget-note",
    }
    defaults = [kind for t in loaded for kind in t.default_for]
    assert sorted(k.value for k in defaults) == sorted(k.value for k in ReportKind)


def test_each_template_file_documents_every_placeholder() -> None:
    folder = resources.files("jixiao.data") / "templates"
    names = [n for n in PLACEHOLDERS if not n.endswith(("增减", "增减率"))]
    for entry in folder.iterdir():
        if entry.name.endswith(".toml"):
            header = entry.read_text(encoding="utf-8").split("\nname =", 1)[0]
            missing = [n for n in names if n not in header]
            assert not missing, f"{entry.name} does not document {missing}"
            assert "增减率" in header


def test_every_money_placeholder_is_a_report_field() -> None:
    assert all(path.count(".") == 1 for path in MONEY_PLACEHOLDERS.values())


def test_an_unknown_template_name_lists_the_ones_there_are() -> None:
    with pytest.raises(TemplateError, match="performance-note"):
        templates.template_by_name("nope")
