"""Figures in running text: which number belongs to which label, and in what scope."""

from __future__ import annotations

from decimal import Decimal

from jixiao.intake.parse import parse_text

HEAD = "某县统计局2023年度部门决算说明\n"


def _mentions(body: str, path: str) -> list[tuple[str, str, str, str]]:
    report = parse_text(HEAD + body, source="t")
    return [
        (m.aspect, str(m.value), m.scope, m.evidence.quote)
        for m in report.mentions
        if m.path == path
    ]


def test_a_budget_word_after_the_label_qualifies_it_and_the_actual_follows() -> None:
    found = _mentions(
        "2023年度“三公”经费财政拨款年初预算30.00万元，支出决算为24.87万元。", "three_public.total"
    )
    assert found[0][1:3] == ("30", "预算")
    assert found[1][1:3] == ("24.87", "")
    report = parse_text(
        HEAD + "2023年度“三公”经费年初预算30.00万元，支出决算为24.87万元。", source="t"
    )
    assert report.three_public.total is not None
    assert report.three_public.total.value.wan == Decimal("24.87")


def test_a_year_at_the_head_of_the_sentence_dates_every_figure_in_it() -> None:
    found = _mentions("2022年该局本年支出合计92.40万元，基本支出80.10万元。", "spending.basic")
    assert found == [("value", "80.1", "上年", "基本支出80.10万元")]


def test_a_compared_year_does_not_date_the_figure() -> None:
    found = _mentions(
        "与2022年相比，本年支出合计100.00万元，增加5.00万元，增长5.26%。", "spending.total"
    )
    assert [(a, v, s) for a, v, s, _ in found] == [
        ("value", "100", ""),
        ("change", "5", ""),
        ("change_rate", "5.26", ""),
    ]


def test_a_label_inside_a_longer_noun_is_a_narrower_figure() -> None:
    found = _mentions("本单位政府采购支出总额26.50万元。", "spending.total")
    assert found == [("value", "26.5", "其他", "支出总额26.50万元")]


def test_words_that_are_not_qualifiers_break_the_link() -> None:
    assert _mentions("支出合计存在0.01万元尾差。", "spending.total") == []
    assert _mentions("执行率未达到90%的需说明原因。", "budget.execution_rate") == []


def test_none_stated_in_words_is_zero() -> None:
    for body in ("全年无因公出国（境）费支出。", "因公出国（境）费为零，未购置公务用车。"):
        found = _mentions(body, "three_public.overseas")
        assert [v for _, v, _, _ in found] == ["0"], body


def test_change_after_a_prior_year_value_belongs_to_this_years_value() -> None:
    body = (
        "2023年度“三公”经费支出决算为24.87万元。"
        "2022年度“三公”经费支出决算数为31.06万元，2023年较上年减少6.19万元，下降19.93%。"
    )
    report = parse_text(HEAD + body, source="t")
    changes = [m for m in report.mentions if m.aspect == "change"]
    assert changes and changes[0].anchor is not None
    assert changes[0].anchor.quote == "“三公”经费支出决算为24.87万元"


def test_a_label_explained_in_parentheses_keeps_its_number() -> None:
    found = _mentions(
        "基本支出（人员经费和公用经费）1,234.56万元，项目支出100.00万元。", "spending.basic"
    )
    assert [(v, q) for _, v, _, q in found] == [
        ("1234.56", "基本支出（人员经费和公用经费）1,234.56万元")
    ]


def test_a_budget_word_after_a_figure_gives_that_figures_budget() -> None:
    body = "2023年度“三公”经费决算数为38.74万元，年初预算数为42.00万元。"
    report = parse_text(HEAD + body, source="t")
    assert report.budget.initial is None
    budget = [m for m in report.mentions if m.path == "three_public.total" and m.scope == "预算"]
    assert [str(m.value) for m in budget] == ["42"]


def test_parts_listed_as_all_zero_and_a_whole_that_is_all_one_part() -> None:
    report = parse_text(
        HEAD + "“三公”经费支出0.35万元，全部为公务接待费；因公出国（境）费和公务用车购置费均为0。",
        source="t",
    )
    three = report.three_public
    assert three.reception is not None and str(three.reception.value) == "0.35"
    assert three.overseas is not None and str(three.overseas.value) == "0"
    assert three.vehicle_purchase is not None and str(three.vehicle_purchase.value) == "0"


def test_an_approximate_figure_gives_way_to_an_exact_one() -> None:
    body = "全年“三公”经费约3万元。“三公”经费合计支出2.96万元。"
    report = parse_text(HEAD + body, source="t")
    assert report.three_public.total is not None
    assert str(report.three_public.total.value) == "2.96"


def test_an_execution_rate_after_the_units_total_is_its_own_figure() -> None:
    report = parse_text(
        "青石乡人民政府2023年度绩效自评报告\n一、单位基本情况\n"
        "2023年度支出合计860.40万元，预算执行率98%。\n",
        source="t",
    )
    assert report.spending.total is not None and report.spending.total.value.wan == Decimal(
        "860.40"
    )
    rate = report.budget.execution_rate
    assert rate is not None and rate.value.percent == Decimal("98")


def test_a_listed_projects_rate_after_its_spending_is_not_the_reports() -> None:
    report = parse_text(
        "某校2023年度项目支出绩效自评报告\n两项目整体预算执行率为88.50%："
        "甲项目支出12.30万元，预算执行率80.20%；乙项目支出40.10万元，预算执行率91.10%。\n",
        source="t",
    )
    rate = report.budget.execution_rate
    assert rate is not None and rate.value.percent == Decimal("88.50")


def test_one_amount_for_both_grand_totals() -> None:
    report = parse_text(
        HEAD + "一、收入支出决算总体情况说明\n2023年度收、支总计均为512.36万元。\n", source="t"
    )
    income, spending = report.accounts.income_grand_total, report.accounts.expenditure_grand_total
    assert income is not None and income.value.wan == Decimal("512.36")
    assert spending is not None and spending.value.wan == Decimal("512.36")
    # a grand total holds carry-overs: it is not read as the unit's 支出合计 on this wording
    assert report.spending.total is None
