"""The 三公 whole under other names, and counts that are not money (invented examples)."""

from __future__ import annotations

from jixiao.intake.parse import parse_text


def _three(text: str) -> dict[str, str]:
    report = parse_text(text, source="t.txt")
    return {
        name: str(getattr(report.three_public, name).value.wan.normalize())
        for name in ("total", "overseas", "vehicle", "vehicle_operation", "reception")
        if getattr(report.three_public, name) is not None
    }


def test_the_expenditure_total_row_of_a_three_public_table_is_its_whole() -> None:
    # The title is joined to the 单位 line, as happens when a page is copied.
    text = (
        "某中心2023年度“三公”经费预算情况表\n单位:元\n项目 2022年执行数 2023年预算数\n"
        "一、支出合计   80000\n1、因公出国(境)费用    \n2、公务接待费   30000\n"
        "3、公务用车费   50000\n其中:(1)公务用车运行维护费   50000\n"
    )
    report = parse_text(text, source="t.txt")
    assert _three(text) == {
        "total": "8",
        "vehicle": "5",
        "vehicle_operation": "5",
        "reception": "3",
    }
    assert report.spending.total is None


def test_count_rows_with_a_unit_in_brackets_are_not_money() -> None:
    text = (
        "某中心2023年度“三公”经费预算情况表\n单位:元\n项目 2022年执行数 2023年预算数\n"
        "一、支出合计   30000\n2、公务接待费   30000\n二、相关统计数    \n"
        "1.因公出国(境)团组数(个)   0\n2.因公出国(境)人数(人)   0\n3.公务接待批次(批)   6\n"
    )
    assert _three(text) == {"total": "3", "reception": "3"}


def test_no_one_travelling_abroad_states_no_amount() -> None:
    text = (
        "某所2022年度“三公”经费决算说明\n2022年“三公”经费决算为6.5万元。其中公务接待费为2.5万元；"
        "公务用车运行维护费为4万元。无因公出国(境)人数，公务用车保有量为1辆。\n"
    )
    assert _three(text) == {"total": "6.5", "vehicle_operation": "4", "reception": "2.5"}


def test_no_overseas_spending_is_still_a_stated_zero() -> None:
    text = (
        "某所2022年度“三公”经费决算说明\n2022年“三公”经费决算为6.5万元，其中公务接待费2.5万元，"
        "公务用车运行维护费4万元，全年无因公出国(境)费支出。\n"
    )
    assert _three(text)["overseas"] == "0"


def test_a_total_after_the_shorthand_in_brackets_is_the_three_public_total() -> None:
    text = (
        "某局2021年“三公”经费说明\n某局2021年用一般公共预算财政拨款开支的因公出国(境)费、"
        "公务用车运行费、公务接待费(简称“三公”经费)支出合计12.4万元。其中：因公出国(境)费0万元；"
        "公务用车运行费8万元；公务接待费4.4万元。\n"
    )
    report = parse_text(text, source="t.txt")
    assert _three(text)["total"] == "12.4"
    assert report.spending.total is None


def test_a_total_after_the_list_of_parts_in_brackets_is_the_three_public_total() -> None:
    text = (
        "某局2024年部门预算说明\n2024年“三公”经费（因公出国（境）费、公务用车购置及运行费、"
        "公务接待费）支出预算合计18万元，其中：公务接待费6万元，公务用车购置及运行费12万元。\n"
    )
    report = parse_text(text, source="t.txt")
    assert _three(text) == {"total": "18", "vehicle": "12", "reception": "6"}
    assert report.spending.total is None


def test_in_final_accounts_the_actual_after_the_bracketed_parts_is_read() -> None:
    text = (
        "某局2023年度部门决算说明\n2023年“三公”经费(因公出国(境)费、公务用车购置及运行费、"
        "公务接待费)支出预算合计18万元，支出决算合计15万元。\n"
    )
    assert _three(text) == {"total": "15"}
