"""A named figure with its growth on the year before (invented texts read by the parser)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.domain.relations import ValueWithGrowth
from jixiao.intake.parse import parse_text

TITLE = "某县文旅服务中心2023年度部门整体支出绩效自评报告\n"


def _read(body: str) -> tuple[ValueWithGrowth, ...]:
    return parse_text(TITLE + body, source="t").growth_statements


def test_a_numbered_statement_gives_its_name_value_and_rate() -> None:
    (found,) = _read("年度目标：3、旅游综合收入8.40亿元,同比增长12.00%。\n")
    assert found.value.label == "旅游综合收入"
    assert found.value.value == Decimal("84000.00")  # in 万元
    assert found.value.ulp == Decimal("100")  # 0.01亿元
    assert found.printed_unit == "亿元"
    assert found.rate.value == Decimal("12.00")
    assert found.rate.ulp == Decimal("0.01")
    assert found.evidence.quote == "旅游综合收入8.40亿元,同比增长12.00%"


def test_a_decline_is_a_negative_rate_and_a_count_keeps_its_measure_word() -> None:
    (found,) = _read("（二）游客接待量45.0万人次，较上年下降10.0%。\n")
    assert found.value.label == "游客接待量"
    assert (found.value.value, found.value.unit) == (Decimal("45.0"), "万人次")
    assert found.rate.value == Decimal("-10.0")


def test_the_reports_own_year_is_kept_and_another_year_is_not() -> None:
    found = _read(
        "2023年全县旅游综合收入12.60亿元，同比增长40.50%；\n"
        "2022年全县旅游综合收入8.97亿元，同比增长5.0%。\n"
    )
    assert [g.value.value for g in found] == [Decimal("126000.00")]


def test_a_part_of_the_year_or_a_plan_is_not_read() -> None:
    assert not _read(
        "1-6月旅游综合收入6.10亿元，同比增长20.1%。\n"
        "四、下一步工作计划\n旅游综合收入15.00亿元，同比增长19.0%。\n"
    )


def test_a_rate_without_a_value_or_without_its_base_is_not_read() -> None:
    assert not _read(
        "旅游综合收入同比增速12%。游客接待量52.3万人次，增长4.6%。旅游综合收入8.40亿元。\n"
    )


def test_a_change_amount_is_not_a_named_figure() -> None:
    assert not _read("旅游综合收入8.40亿元，同比增加0.90亿元，同比增长12.00%。\n")


def test_a_part_of_the_year_that_opens_the_paragraph_holds_for_its_later_sentences() -> None:
    text = (
        "今年1至9月，全县旅游综合收入8.40亿元，同比增长12.00%。其中，门票收入1.20亿元，"
        "同比增长5.00%。\n"
    )
    assert _read(text) == ()
    # The same sentences with the report's year as their period are read.
    assert len(_read(text.replace("今年1至9月", "2023年"))) == 2
