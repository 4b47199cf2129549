"""A total's execution rate read with its parts' amounts and rates (invented sentences)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.intake.parse import parse_text

TITLE = "某区图书馆2024年度项目支出绩效自评报告\n"


def _combined(body: str) -> list:
    return list(parse_text(TITLE + body, source="t").combined_rates)


def test_a_total_with_its_parts_after_it_is_read_as_spending() -> None:
    (found,) = _combined(
        "阅读推广经费和古籍修复经费两个项目共支出150.00万元，两项目整体预算执行率为95.00%："
        "阅读推广经费支出60.00万元，预算执行率80.00%；古籍修复经费支出90.00万元，"
        "预算执行率90.00%。\n"
    )
    assert found.spent is True
    assert found.whole.amount.value == Decimal("150.00")
    assert found.whole.rate.value == Decimal("95.00")
    assert [(p.amount.value, p.rate.value) for p in found.parts] == [
        (Decimal("60.00"), Decimal("80.00")),
        (Decimal("90.00"), Decimal("90.00")),
    ]


def test_a_total_after_its_parts_is_read_with_budgets() -> None:
    (found,) = _combined(
        "基本支出预算数200.00万元，执行率100.00%；项目支出预算数300.00万元，执行率80.00%；"
        "预算数合计500.00万元，总体执行率90.00%。\n"
    )
    assert found.spent is False
    assert [p.amount.value for p in found.parts] == [Decimal("200.00"), Decimal("300.00")]


def test_amounts_that_only_happen_to_add_up_are_no_total() -> None:
    # No word says the third is a total: 10 + 20 = 30 by chance.
    assert (
        _combined(
            "甲项目支出10.00万元，执行率100%；乙项目支出20.00万元，执行率90%；"
            "丙项目支出30.00万元，执行率80%。\n"
        )
        == []
    )


def test_parts_that_do_not_add_up_to_the_total_are_not_its_parts() -> None:
    assert (
        _combined(
            "两个项目共支出150.00万元，整体预算执行率为85.71%：阅读推广经费支出60.00万元，"
            "预算执行率80.00%；古籍修复经费支出70.00万元，预算执行率90.00%。\n"
        )
        == []
    )


def test_a_rate_named_for_another_ratio_is_not_taken() -> None:
    assert (
        _combined(
            "两项补贴共支出150.00万元，整体发放率为95%：甲补贴支出60.00万元，发放率80%；"
            "乙补贴支出90.00万元，发放率90%。\n"
        )
        == []
    )


def test_parts_in_another_paragraph_are_not_taken() -> None:
    assert (
        _combined(
            "两个项目共支出150.00万元，整体预算执行率为95.00%。\n"
            "阅读推广经费支出60.00万元，预算执行率80.00%；古籍修复经费支出90.00万元，"
            "预算执行率90.00%。\n"
        )
        == []
    )


def test_budgets_and_spending_mixed_are_no_relation() -> None:
    assert (
        _combined(
            "年初预算共150.00万元，总体执行率为85.71%：基本支出60.00万元，执行率80.00%；"
            "项目支出90.00万元，执行率90.00%。\n"
        )
        == []
    )
