"""A whole split into 基本支出 and 项目支出: the unit's total, or one functional class's."""

from __future__ import annotations

from decimal import Decimal

from jixiao.audit.engine import run
from jixiao.intake.parse import parse_text


def test_a_whole_split_into_basic_and_project_is_the_units_total() -> None:
    text = (
        "某乡卫生院2022年度部门决算说明\n（二）支出决算情况\n"
        "2022年度，本院支出为873.4万元。其中：基本支出801.2万元，占91.73%；"
        "项目支出72.2万元，占8.27%。\n"
    )
    report = parse_text(text, source="t")
    assert report.spending.total is not None
    assert report.spending.total.value.wan == Decimal("873.4")
    assert report.spending.total.evidence.quote == "本院支出为873.4万元"


def test_the_unit_named_before_its_spending_with_the_parts_one_a_line() -> None:
    text = (
        "某镇中心卫生院2023年度部门决算公开说明\n（二）支出决算情况\n"
        "2023年度，某镇中心卫生院单位支出为612.5031万元。其中：\n"
        "基本支出400.25万元，较上年增加10.5万元，主要是人员增加。\n"
        "项目支出212.2531万元，较上年减少3.2万元。\n"
    )
    report = parse_text(text, source="t")
    assert report.spending.total is not None
    assert report.spending.total.value.wan == Decimal("612.5031")
    assert report.spending.basic is not None
    assert report.spending.basic.value.wan == Decimal("400.25")


def test_a_named_whole_whose_lines_are_not_basic_and_project_is_no_total() -> None:
    text = (
        "某镇中心卫生院2023年度部门决算公开说明\n"
        "2023年度，某镇中心卫生院单位支出为612.5031万元。其中：\n"
        "人员经费400.25万元。\n公用经费212.2531万元。\n"
    )
    assert parse_text(text, source="t").spending.total is None


def test_a_whole_split_otherwise_or_not_the_units_is_no_total() -> None:
    for body in (
        "2022年度，本院支出为873.4万元。其中：人员经费801.2万元，公用经费72.2万元。",
        "2022年度，公共卫生支出为873.4万元。其中：基本支出801.2万元，项目支出72.2万元。",
    ):
        report = parse_text("某乡卫生院2022年度部门决算说明\n" + body + "\n", source="t")
        assert report.spending.total is None, body


def test_a_split_under_a_functional_class_is_that_class_s() -> None:
    text = (
        "某县气象台2024年部门预算说明\n"
        "2024年一般公共预算拨款支出500000元，其中：基本支出420000元，项目支出80000元。\n"
        "（一）按支出功能分类科目划分。\n"
        "气象事业机构320000元，其中：基本支出320000元，项目支出0元。\n"
        "气象探测80000元，其中：基本支出0元，项目支出80000元。\n"
        "住房公积金100000元，其中：基本支出100000元，项目支出0元。\n"
    )
    report = parse_text(text, source="t")
    assert report.spending.basic is not None and report.spending.project is not None
    assert report.spending.basic.value.wan == Decimal("42")
    assert report.spending.project.value.wan == Decimal("8")
    codes = {f.code for f in run(report).findings}
    assert "total-equals-basic-plus-project" not in codes
    assert "figure-restated-differently" not in codes


def test_a_page_that_opens_inside_a_class_row_keeps_that_row_s_parts_to_the_class() -> None:
    # The page before ended "…农业技术推广5600.5元，其中：基本支出5600.5元，"; this page
    # opens with its page number and the rest of that row.
    text = (
        "某县农技站2024年部门预算说明\n3\n"
        "5600.5元，项目支出0元。主要用于人员经费保障。\n"
        "1. 基本支出预算 812000元，占一般公共预算支出的90%。\n"
        "2. 项目支出 90000 元，占一般公共预算支出的10%。\n"
    )
    report = parse_text(text, source="t")
    assert report.spending.project is not None
    assert report.spending.project.value.wan == Decimal("9")
    codes = {f.code for f in run(report).findings}
    assert "figure-restated-differently" not in codes


def test_a_sentence_wrapped_before_its_amount_is_still_the_unit_s() -> None:
    # The line before the amount is words, not a page number: a wrapped sentence.
    text = (
        "某县农技站2024年部门预算说明\n2024年本年支出合计\n"
        "902000元，其中：基本支出812000元，项目支出90000元。\n"
    )
    report = parse_text(text, source="t")
    assert report.spending.basic is not None and report.spending.project is not None
    assert report.spending.basic.value.wan == Decimal("81.2")
    assert report.spending.project.value.wan == Decimal("9")
