"""Funds blocks and 三公 tables in the layouts units publish (invented examples)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.domain.report import Report
from jixiao.intake.cells import cell_stream
from jixiao.intake.parse import parse_text


def _wan(report: Report, path: str) -> str | None:
    section, _, name = path.partition(".")
    stated = getattr(getattr(report, section), name)
    if stated is None:
        return None
    value = stated.value
    return str(value.percent if hasattr(value, "percent") else value.wan)


def test_one_cell_per_line_each_ending_in_a_bar() -> None:
    text = "2024年度项目支出绩效自评表\n" + "".join(
        f"{cell} |\n"
        for cell in (
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "执行率",
            "年度资金总额",
            "50.00",
            "48.00",
            "45.60",
            "95.00%",
        )
    )
    report = parse_text(text, source="t.txt")
    assert _wan(report, "budget.initial") == "50.00"
    assert _wan(report, "budget.adjusted") == "48.00"
    assert _wan(report, "budget.executed") == "45.60"
    assert _wan(report, "budget.execution_rate") == "95.00"


def test_a_blank_cell_at_the_right_does_not_shift_the_row() -> None:
    text = (
        "2024年度项目支出绩效自评表\n年初预算数\n全年预算数\n全年执行数\n执行率\n分值\n得分\n"
        "年度资金总额\n50.00\n48.00\n45.60\n95.00%\n10\n\n备注\n"
    )
    report = parse_text(text, source="t.txt")
    assert _wan(report, "budget.adjusted") == "48.00"
    assert _wan(report, "budget.executed") == "45.60"
    assert _wan(report, "budget.execution_rate") == "95.00"


def test_header_words_broken_over_two_cells() -> None:
    text = (
        "项目支出绩效自评表\n\n年初\n\n预算数\n\n全年\n\n预算数\n\n全年\n\n执行数\n\n分值\n\n执行率\n\n得分\n\n"
        "年度资金总额\n\n20\n\n20\n\n18\n\n10\n\n90%\n\n9\n\n其中:财政拨款\n\n"
    )
    report = parse_text(text, source="t.txt")
    assert _wan(report, "budget.initial") == "20"
    assert _wan(report, "budget.executed") == "18"
    assert _wan(report, "budget.execution_rate") == "90"


def test_provincial_headers_with_letters() -> None:
    text = (
        "2024年度项目支出绩效自评表\n| 资金类别 | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 |\n"
        "| 年度资金总额 | 80 | 60 | 75% | 15 |\n"
    )
    report = parse_text(text, source="t.txt")
    assert _wan(report, "budget.adjusted") == "80"
    assert _wan(report, "budget.executed") == "60"
    assert _wan(report, "budget.execution_rate") == "75"


def test_a_three_public_table_with_budget_and_actual_columns() -> None:
    text = (
        "某所2024年度“三公”经费支出决算说明\n| 项目 | 预算数 | 决算数 |\n| 合计 | 12 | 9.5 |\n"
        "| 因公出国(境)费 | 0 | 0 |\n| 公务接待费 | 2 | 1.5 |\n"
        "| 公务用车购置及运行维护费 | 10 | 8 |\n"
    )
    report = parse_text(text, source="t.txt")
    assert _wan(report, "three_public.total") == "9.5"
    assert _wan(report, "three_public.reception") == "1.5"
    assert _wan(report, "three_public.vehicle") == "8"


def test_a_header_in_one_cell_and_a_row_without_header_whose_values_agree() -> None:
    text = (
        "部门整体支出绩效自评表\n资金情况(万元)\n"
        "年初预算资金总额(万元) 实际投入资金额(万元) 产生差异的原因\n"
        "合计 1304.23 2951.55 项目经费增加\n"
    )
    report = parse_text(text, source="t.txt")
    assert _wan(report, "budget.initial") == "1304.23"
    assert _wan(report, "budget.executed") == "2951.55"
    three = "某校2022年“三公”经费支出决算表\n公务接待费\n\n1.50\n\n1.50\n\n注：本表说明。\n"
    assert _wan(parse_text(three, source="t.txt"), "three_public.reception") == "1.50"


SPACED_FORM = (
    "某县第一小学2023年度项目支出绩效自评表\n"
    "项目名称 小学公用经费\n"
    "项目资金(万元){s}年初预算数{s}全年预算数{s}全年执行数{s}分值{s}执行率{s}得分\n"
    "年度资金总额{s}52.3{s}52.3{s}51.9{s}10{s}99%{s}9.9\n"
    "一级指标{s}二级指标{s}三级指标{s}年度指标值{s}实际完成值{s}分值{s}得分{s}偏差原因\n"
    "产出指标{s}数量指标{s}保障学生人数{s}≥500人{s}520人{s}40{s}40{s}无\n"
    "效益指标{s}社会效益{s}学生满意度{s}≥90%{s}95%{s}50{s}50{s}无\n"
)


@pytest.mark.parametrize("separator", [" ", "\t", "  "])
def test_a_header_and_each_row_on_lines_of_their_own(separator: str) -> None:
    # text copied from a PDF or a spreadsheet: cells spaced by the page, one row a line
    report = parse_text(SPACED_FORM.format(s=separator), source="t")
    assert _wan(report, "budget.adjusted") == "52.3"
    assert _wan(report, "budget.executed") == "51.9"
    first, second = report.performance.indicators
    assert (first.target, first.actual, first.weight) == ("500人", "520人", Decimal(40))
    assert (second.level2, second.target, second.actual) == ("社会效益", "90%", "95%")


def test_only_a_line_of_column_words_is_cut_at_its_spaces() -> None:
    header = "项目资金(万元) 年初预算数 全年预算数 全年执行数"
    words = "项目名称 小学公用经费 实施单位 某县第一小学"  # no column words
    prose = "全年预算数 与 全年执行数 之差，说明如下"  # a sentence, not cells
    assert [c.text for c in cell_stream(header)] == header.split()
    assert [c.text for c in cell_stream(words)] == [words]
    assert [c.text for c in cell_stream(prose)] == [prose]


# A spreadsheet flattened column by column: the funds block's row labels and the unit note
# stand among the header's words, and the first row's values follow the header.
_MIXED_HEADER = (
    "临水县项目支出绩效自评表 (2022年度) 项目名称 残疾人补贴 项目资金 年初预算数 (万元) "
    "年度资金总额 其中:当年财政拨款 实施单位 全年预算数 全年执行数 分值 执行率 得分 "
)


def test_row_labels_mixed_into_the_header_give_the_first_row_its_values() -> None:
    text = _MIXED_HEADER + "48.2 48.2 47.9 10 99% 9 48.2 48.2 47.9 — 99% —\n"
    report = parse_text(text, source="t.txt")
    assert _wan(report, "budget.initial") == "48.2"
    assert _wan(report, "budget.adjusted") == "48.2"
    assert _wan(report, "budget.executed") == "47.9"
    assert _wan(report, "budget.execution_rate") == "99"
    assert report.budget.executed is not None
    assert "年度资金总额" in report.budget.executed.evidence.quote


def test_a_mixed_header_first_row_short_of_a_value_is_cut_at_its_rate() -> None:
    # The second row (其中:当年财政拨款) runs on; the first row ends one cell after its 99%.
    text = _MIXED_HEADER + "48.2 47.9 10 99% 9 48.2 47.9 — 99% — 上年结转资金 — — 其他资金 — —\n"
    report = parse_text(text, source="t.txt")
    assert _wan(report, "budget.initial") is None
    assert _wan(report, "budget.adjusted") == "48.2"
    assert _wan(report, "budget.executed") == "47.9"
    assert _wan(report, "budget.execution_rate") == "99"


_THREE_PUBLIC_CHANGES = "".join(
    f"{cell} |\n"
    for cell in (
        "经费项目", "2022年度支出 (万元)", "较上年增减(万元)", "增减率",
        "因公出国(境)费", "0", "0", "0%",
        "公务接待费", "40.5", "-", "-",
        "公务用车购置及运行维护费", "300", "-", "-",
        "总“三公”经费支出", "340.5", "-", "-",
    )
)  # fmt: skip


def test_a_three_public_table_with_change_columns_and_dash_cells() -> None:
    text = "2022年度全县“三公”经费决算情况\n" + _THREE_PUBLIC_CHANGES
    report = parse_text(text, source="t.txt")
    assert _wan(report, "three_public.total") == "340.5"
    assert _wan(report, "three_public.reception") == "40.5"
    assert _wan(report, "three_public.vehicle") == "300"
    assert _wan(report, "three_public.overseas") == "0"


@pytest.mark.parametrize("money_table", [True, False])
def test_counts_of_vehicles_and_visits_are_never_money(money_table: bool) -> None:
    counts = "2022年度全县“三公”经费使用情况\n使用项目 |\n2022年度数量或人次 |\n"
    counts += "公务用车购置数 |\n12 |\n国内公务接待批次 |\n210 |\n国内公务接待人次 |\n1800 |\n"
    head = "2022年度全县“三公”经费决算情况\n" + _THREE_PUBLIC_CHANGES if money_table else ""
    report = parse_text(head + counts, source="t.txt")
    assert _wan(report, "three_public.vehicle_purchase") is None
    assert _wan(report, "three_public.reception") == ("40.5" if money_table else None)


def test_three_public_total_worded_as_its_total_spending() -> None:
    text = (
        "2022年度全县“三公”经费决算情况\n2022年度全县“三公”经费总支出为340.5万元，其中因公出国(境)费"
        "0万元，公务接待费40.5万元，公务用车购置及运行维护费300万元。\n"
    )
    report = parse_text(text, source="t.txt")
    assert _wan(report, "three_public.total") == "340.5"


def test_an_adjusted_budget_column_named_without_its_year_word() -> None:
    text = (
        "某市本级部门项目支出绩效自评表(2022年)\n项目名称 小学公用经费\n"
        "项目资金(万元) 年初预算数 调整预算数(A) 全年执行数(B) 执行率(B/A)\n"
        "年度资金总额 52.3 52.3 51.9 99%\n"
    )
    report = parse_text(text, source="t.txt")
    assert _wan(report, "budget.initial") == "52.3"
    assert _wan(report, "budget.adjusted") == "52.3"
    assert _wan(report, "budget.executed") == "51.9"
    assert _wan(report, "budget.execution_rate") == "99"


_LAST_INDICATOR = (
    "临水县项目支出绩效自评表 (2022年度) 项目名称 残疾人补贴 满意度指标 学生满意度 95% 96% 10 10 "
)


@pytest.mark.parametrize(
    ("tail", "score"),
    [
        ("100 94 总分\n", "94"),  # the label after its values, at the end of the table
        ("总分 100 94\n", "94"),
        ("100 94 总分 说明:无\n", "94"),
        ("94 总分\n", None),  # no full 100 before it: which number is the score is unclear
        ("100 104 总分\n", None),  # more than the full score: not a self score
    ],
)
def test_a_total_score_label_after_its_values(tail: str, score: str | None) -> None:
    report = parse_text(_LAST_INDICATOR + tail, source="t.txt")
    stated = report.performance.self_score
    assert (str(stated.value.percent) if stated else None) == score


_ZERO_TOTAL = (
    "附件: 项目支出绩效自评表 (2023年度) 项目名称 村级公益事业奖补 主管部门 临水县某镇人民政府 "
    "项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额: 0 0 0 10 0 0 "
)


def test_a_total_row_of_zeros_gives_way_to_its_one_part_with_money() -> None:
    text = _ZERO_TOTAL + "其中:本年财政拨款 50 48.5 48.5 上年结转资金 其他资金 年度总体目标\n"
    report = parse_text(text, source="t.txt")
    assert _wan(report, "budget.initial") == "50"
    assert _wan(report, "budget.adjusted") == "48.5"
    assert _wan(report, "budget.executed") == "48.5"
    assert _wan(report, "budget.execution_rate") is None  # the printed 0 is not the rate
    assert report.budget.adjusted is not None
    assert report.budget.adjusted.evidence.quote.startswith("其中:本年财政拨款")


def test_two_parts_with_money_under_a_total_of_zeros_give_no_budget() -> None:
    text = _ZERO_TOTAL + "其中:本年财政拨款 50 48.5 48.5 上年结转资金 5 5 5 其他资金 年度总体目标\n"
    report = parse_text(text, source="t.txt")
    assert _wan(report, "budget.adjusted") is None
    assert _wan(report, "budget.executed") is None


def test_a_total_row_with_money_is_read_and_its_parts_are_not() -> None:
    text = (
        "2023年度项目支出绩效自评表\n"
        "项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分\n"
        "年度资金总额 | 60 | 60 | 54 | 10 | 90% | 9\n其中:本年财政拨款 | 50 | 50 | 45 |\n"
    )
    report = parse_text(text, source="t.txt")
    assert _wan(report, "budget.adjusted") == "60"
    assert _wan(report, "budget.executed") == "54"


def test_a_department_forms_spending_rows_take_the_executed_column() -> None:
    # 部门整体支出绩效自评表: 基本支出 and 项目支出 rows under the 年度资金总额 row
    text = "\n".join(
        [
            "某县农技站2024年度部门整体支出绩效自评表",
            "部门(单位)总体资金(万元) | 资金来源 | 年初预算数(A) | 全年执行数(B) | 分值 | 得分 |",
            "年度资金总额: | 820.40 | 861.25 | 10 | 10 |",
            "基本支出 | 610.00 | 598.75 |",
            "项目支出 | 210.40 | 262.50 |",
            "年度总体目标 | 年初设定目标 | 全年实际完成情况 |",
        ]
    )
    report = parse_text(text, source="t")
    assert _wan(report, "spending.total") == "861.25"
    assert _wan(report, "spending.basic") == "598.75"
    assert _wan(report, "spending.project") == "262.50"
    budgets = {
        m.path: m.value.wan for m in report.mentions if m.scope == "预算" and m.aspect == "value"
    }
    assert budgets == {"spending.basic": Decimal("610.00"), "spending.project": Decimal("210.40")}
