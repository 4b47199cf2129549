"""A flattened 支出决算表: the columns are fields, the rows 合计 and 功能分类 classes."""

from __future__ import annotations

from decimal import Decimal

from jixiao.domain.report import FunctionalBasis
from jixiao.intake.parse import parse_text

TABLE = "\n\n".join(
    [
        "2024年度某镇人民政府部门决算公开表",
        "支出决算表",
        "单位：万元",
        "项目", "本年支出合计", "基本支出", "项目支出", "经营支出",
        "科目编码", "科目名称", "栏次", "1", "2", "3", "4",
        "合计", "1,000.50", "600.25", "400.25", "0.00",
        "201", "一般公共服务支出", "700.00", "500.00", "200.00", "0.00",
        "20101", "人大事务", "100.00", "100.00", "0.00", "0.00",
        "213", "农林水支出", "300.50", "100.25", "200.25", "0.00",
        "注：本表反映部门本年度各项支出情况，金额转换成万元时可能存在尾差。",
    ]
)  # fmt: skip


def test_total_row_gives_the_fields_of_its_columns() -> None:
    spending = parse_text(TABLE, source="t").spending
    assert spending.total is not None and spending.total.value.wan == Decimal("1000.50")
    assert spending.basic is not None and spending.basic.value.wan == Decimal("600.25")
    assert spending.project is not None and spending.project.value.wan == Decimal("400.25")
    assert spending.total.evidence.quote.startswith("合计")


def test_class_rows_are_the_functional_breakdown_and_lower_levels_are_not() -> None:
    spending = parse_text(TABLE, source="t").spending
    lines = [(i.code, i.stated_name, str(i.amount.value)) for i in spending.functional]
    assert lines == [("201", "一般公共服务支出", "700"), ("213", "农林水支出", "300.5")]
    assert spending.functional_basis is FunctionalBasis.TOTAL


def test_amounts_in_yuan_when_the_table_says_so() -> None:
    text = TABLE.replace("单位：万元", "单位：元")
    spending = parse_text(text, source="t").spending
    assert spending.total is not None and spending.total.value.wan == Decimal("0.10005")


# A 三公 table of two years and their 增减%, one cell per line, each closed by a bar on a
# line of its own; 公车 spans 小计 | 购置 | 运行 written after the first header row.
THREE_PUBLIC_YEARS = (
    "\n|\n".join(
        [
            "年度",
            "合计",
            "因公出国(境)费",
            "公务接待费",
            "公车购置及运行维护费",
            "小计",
            "车辆购置",
            "车辆运行",
            "2023年",
            "500",
            "40",
            "160",
            "300",
            "100",
            "200",
            "2024年",
            "400",
            "20",
            "140",
            "240",
            "60",
            "180",
            "2024年比2023年增减%",
            "-20.00",
            "-50.00",
            "-12.50",
            "-20.00",
            "-45.00",
            "-10.00",
        ]
    )
    + "\n|\n"
)


def test_a_bar_on_its_own_line_closes_a_cell_and_a_spanning_header_is_unfolded() -> None:
    report = parse_text("2024年度某局部门决算说明\n" + THREE_PUBLIC_YEARS, source="t")
    values = {
        (m.path, m.scope): m.value.wan
        for m in report.mentions
        if m.aspect == "value" and m.path.startswith("three_public.")
    }
    assert values[("three_public.vehicle", "")] == Decimal(240)
    assert values[("three_public.vehicle_purchase", "")] == Decimal(60)
    assert values[("three_public.vehicle_operation", "")] == Decimal(180)
    assert values[("three_public.vehicle_purchase", "上年")] == Decimal(100)
    growths = {g.path: (g.value.value, g.base.value, g.rate.value) for g in report.growths}
    assert growths["three_public.vehicle_purchase"] == (
        Decimal(60),
        Decimal(100),
        Decimal("-45.00"),
    )
    assert len(growths) == 6


def test_a_three_digit_amount_before_a_row_label_is_not_a_subject_code() -> None:
    report = parse_text("2024年度某局部门决算说明\n" + THREE_PUBLIC_YEARS, source="t")
    operation = [g for g in report.growths if g.path == "three_public.vehicle_operation"]
    assert [g.value.value for g in operation] == [180]


# A 三公 budget table whose only row has no label: 公车 spans 小计 | 购置 | 运行 in a second
# header row, one cell per line closed by " |", empty header cells left as bars.
ONE_ROW_THREE_PUBLIC = "\n".join(
    [
        "某县档案局2024年“三公”经费预算情况",
        "单位:万元",
        "“三公”经费合计 |",
        "因公出国(境)费 |",
        "公务用车购置及运行费 |",
        "公务接待费 |",
        "||",
        "小计 |",
        "公务用车购置费 |",
        "公务用车运行费 |",
        "|||",
        "36 |",
        "0 |",
        "30 |",
        "12 |",
        "18 |",
        "6 |",
        "二、情况说明",
    ]
)


def _three_public_values(text: str) -> dict[str, list[Decimal]]:
    values: dict[str, list[Decimal]] = {}
    for m in parse_text(text, source="t").mentions:
        if m.aspect == "value" and m.path.startswith("three_public."):
            values.setdefault(m.path, []).append(m.value.wan)
    return values


def test_a_single_unlabelled_row_under_the_header_is_the_years_figures() -> None:
    values = _three_public_values(ONE_ROW_THREE_PUBLIC)
    assert values == {
        "three_public.total": [Decimal(36)],
        "three_public.overseas": [Decimal(0)],
        "three_public.vehicle": [Decimal(30)],
        "three_public.vehicle_purchase": [Decimal(12)],
        "three_public.vehicle_operation": [Decimal(18)],
        "three_public.reception": [Decimal(6)],
    }
    report = parse_text(ONE_ROW_THREE_PUBLIC, source="t")
    assert report.three_public.vehicle_purchase is not None
    assert report.three_public.vehicle_purchase.evidence.quote == "12"


def test_an_unlabelled_row_shorter_than_the_header_is_not_guessed_into_columns() -> None:
    text = ONE_ROW_THREE_PUBLIC.replace("6 |\n", "")
    assert _three_public_values(text) == {}


def test_words_in_the_text_win_over_a_row_placed_by_header_order_alone() -> None:
    text = ONE_ROW_THREE_PUBLIC + "\n公务用车购置费12万元，公务用车运行费18万元。公务接待费5万元。"
    report = parse_text(text, source="t")
    assert report.three_public.reception is not None
    assert report.three_public.reception.value.wan == Decimal(5)
    assert report.three_public.reception.evidence.quote == "公务接待费5万元"


def test_a_space_left_inside_a_header_word_does_not_lose_its_column() -> None:
    values = _three_public_values(ONE_ROW_THREE_PUBLIC.replace("公务接待费 |", "公务 接待费 |"))
    assert values["three_public.reception"] == [Decimal(6)]


# The standard 三公 决算 table copied from a web page: one cell per paragraph, header words
# broken over two cells, a 预算数 | 决算数 pair under every column, then one row of amounts.
BUDGET_AND_ACTUAL = "\n\n".join(
    [
        "某区档案馆2024年“三公”经费决算公开",
        "单位:万元",
        "一般公共预算财政拨款“三公”经费",
        "合计",
        "因公出国",
        "(境)费",
        "公务用车购置及运行维护费",
        "公务接待费",
        "小计",
        "公务用车",
        "购置费",
        "公务用车",
        "运行维护费",
        *["预算数", "决算数"] * 6,
        *["50.00", "40.00", "5.00", "0.00", "35.00", "32.50", "20.00", "20.00", "15.00", "12.50"],
        *["10.00", "7.50"],
        "注:本表反映本年度“三公”经费支出预决算情况。",
    ]
)


def test_a_budget_and_actual_pair_under_each_column_gives_both_bases() -> None:
    report = parse_text(BUDGET_AND_ACTUAL, source="t")
    by_scope = {
        (m.path.removeprefix("three_public."), m.scope): m.value.wan
        for m in report.mentions
        if m.aspect == "value" and m.path.startswith("three_public.")
    }
    assert by_scope == {
        ("total", "预算"): Decimal(50),
        ("total", ""): Decimal(40),
        ("overseas", "预算"): Decimal(5),
        ("overseas", ""): Decimal(0),
        ("vehicle", "预算"): Decimal(35),
        ("vehicle", ""): Decimal("32.5"),
        ("vehicle_purchase", "预算"): Decimal(20),
        ("vehicle_purchase", ""): Decimal(20),
        ("vehicle_operation", "预算"): Decimal(15),
        ("vehicle_operation", ""): Decimal("12.5"),
        ("reception", "预算"): Decimal(10),
        ("reception", ""): Decimal("7.5"),
    }
    assert report.three_public.vehicle_operation is not None
    assert report.three_public.vehicle_operation.value.wan == Decimal("12.5")


def test_in_a_budget_text_the_budget_column_is_the_years_figure() -> None:
    text = BUDGET_AND_ACTUAL.replace("2024年“三公”经费决算公开", "2024年部门预算“三公”经费预算公开")
    report = parse_text(text, source="t")
    assert report.three_public.total is not None
    assert report.three_public.total.value.wan == Decimal(50)


def test_a_pair_row_that_does_not_fit_the_columns_reads_nothing() -> None:
    text = BUDGET_AND_ACTUAL.replace("预算数\n\n决算数\n\n预算数", "预算数\n\n预算数", 1)
    report = parse_text(text, source="t")
    assert report.three_public.vehicle_purchase is None
