"""Reading .xlsx: cells as Excel shows them, merged ranges once, and the three layouts units
fill in (项目支出绩效自评表, 部门整体支出绩效自评表, 基础数据表) giving their figures."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import Workbook

from jixiao.domain.errors import UnreadableInput
from jixiao.intake.parse import parse_document
from jixiao.intake.readers.xlsx import display, format_number, read_xlsx


def workbook(rows: list[list[Any]], *, merges: tuple[str, ...] = ()) -> Workbook:
    """A sheet "自评表" with ``rows`` from A1. A value may be (value, number format); other
    floats are shown with two decimals, as finance staff format money."""
    book = Workbook()
    sheet = book.active
    sheet.title = "自评表"
    for row_number, row in enumerate(rows, start=1):
        for column, given in enumerate(row, start=1):
            value, number_format = given if isinstance(given, tuple) else (given, None)
            if isinstance(value, float) and number_format is None:
                number_format = "0.00"
            if value is None:
                continue
            cell = sheet.cell(row=row_number, column=column, value=value)
            if number_format:
                cell.number_format = number_format
    for merged in merges:
        sheet.merge_cells(merged)
    return book


def saved(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read(book: Workbook) -> Any:
    return read_xlsx(saved(book), label="“自评表.xlsx”")


# ------------------------------------------------------------------------ what is shown


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (861.1, "0.00", "861.10"),
        (0.9706, "0.00%", "97.06%"),
        (1.0, "0%", "100%"),
        (1234567.5, "#,##0.00", "1,234,567.50"),
        (12.5, '0.00"万元"', "12.50万元"),
        (2.675, "0.00", "2.68"),  # Excel rounds half away from zero; the double is 2.67499…
        (0.1 + 0.2, "General", "0.3"),  # no binary noise
        (116.47, "General", "116.47"),
        (10, "General", "10"),
        (-57.38, "#,##0.00;[Red]-#,##0.00", "-57.38"),
        (1e-7, "General", "0.0000001"),
        (4459.21, "@", "4459.21"),
    ],
)
def test_numbers_show_as_their_format_says(value: float, number_format: str, shown: str) -> None:
    assert display(value, number_format) == shown


def test_other_values() -> None:
    assert display(dt.datetime(2023, 8, 29), 'yyyy"年"m"月"d"日"') == "2023年8月29日"
    assert display(dt.datetime(2023, 8, 29), "yyyy-mm-dd") == "2023-08-29"
    assert display(True, "General") == "TRUE"
    assert display("  优  ", "General") == "优"
    assert display(None, "General") is None and display("   ", "@") is None


def test_format_number_is_exact_decimal() -> None:
    assert format_number(Decimal("0.125"), "0.00") == "0.13"
    assert format_number(Decimal("98.63"), "0") == "99"


# -------------------------------------------------------------------------------- layouts

PROJECT = [
    ["2023年度项目支出绩效自评表"],
    ["项目名称", "森林防火能力提升项目"],
    ["主管部门", "青峰县林业局", None, None, "实施单位", "青峰县林业局"],
    ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    [None, "年度资金总额", 100.0, 120.0, 116.47, 10, (0.9706, "0.00%"), 9.71],
    [None, "其中：当年财政拨款", 100.0, 120.0, 116.47, None, None, None],
    [None, "上年结转资金", 0.0, 0.0, 0.0],
    [
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "指标值",
        "度量单位",
        "完成值",
        "分值",
        "得分",
    ],
    ["产出指标", "数量指标", "防火宣传培训", "≥", 500, "人次", 620, 20, 20],
    [None, "质量指标", "火情处置及时率", "=", 100, "%", 100, 20, 20],
    ["效益指标", "社会效益指标", "森林火灾受害率", "≤", 0.9, "‰", 0.3, 30, 30],
    ["满意度指标", "服务对象满意度指标", "群众满意度", "≥", 90, "%", 85, 10, 9.44],
    ["总分", None, None, None, None, None, None, 100, 89.15],
    ["自评等级", "良"],
]
PROJECT_MERGES = ("A1:H1", "B2:H2", "A4:B4", "A5:A7", "A9:A10", "A13:G13")


def test_project_self_evaluation_sheet() -> None:
    document = read(workbook(PROJECT, merges=PROJECT_MERGES))
    lines = document.text.split("\n")
    assert lines[0] == "2023年度项目支出绩效自评表"  # a lone title cell reads as a title
    assert (
        "| 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |"
        in lines
    )
    assert "|  | 年度资金总额 | 100.00 | 120.00 | 116.47 | 10 | 97.06% | 9.71 |" in lines
    assert "| 总分 | 100 | 89.15 |" in lines  # A13:G13 written once, at A13
    report = parse_document(document, source="自评表.xlsx")
    budget = report.budget
    assert report.kind.value == "project" and report.profile.year == 2023
    assert budget.initial is not None and budget.initial.value.wan == Decimal("100.00")
    assert budget.adjusted is not None and budget.adjusted.value.wan == Decimal("120.00")
    assert budget.executed is not None and budget.executed.value.wan == Decimal("116.47")
    assert budget.execution_rate is not None
    assert budget.execution_rate.value.percent == Decimal("97.06")
    # Evidence names the sheet and Excel's own row and column: E5 holds 全年执行数.
    assert budget.executed.evidence.cell == (1, 5, 5)
    score = report.performance.self_score
    assert score is not None and score.value.percent == Decimal("89.15")
    assert score.evidence.cell == (1, 13, 9)
    indicators = report.performance.indicators
    assert [(i.level1, i.level3, i.target, i.actual, i.weight, i.score) for i in indicators] == [
        ("产出指标", "防火宣传培训", "500", "620", Decimal(20), Decimal(20)),
        ("产出指标", "火情处置及时率", "100", "100", Decimal(20), Decimal(20)),
        ("效益指标", "森林火灾受害率", "0.90", "0.30", Decimal(30), Decimal(30)),
        ("满意度指标", "群众满意度", "90", "85", Decimal(10), Decimal("9.44")),
    ]


OVERALL = [
    ["2023年度部门整体支出绩效自评表"],
    ["预算部门、单位名称", "青峰县林业局"],
    [
        "年度预算申请（万元）",
        None,
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
        "得分",
    ],
    [None, "年度资金总额", 861.1, 2030.12, 1980.5, 10, (0.9756, "0.00%"), 9.76],
    [None, "其中：基本支出", 700.0, 900.47, 880.0],
    [None, "项目支出", 161.1, 1129.65, 1100.5],
    ["年度总体目标", "预期目标", None, None, "实际完成情况"],
    ["总分", None, None, None, None, 100, 91.5, "优"],
]


def test_overall_self_evaluation_sheet() -> None:
    report = parse_document(
        read(workbook(OVERALL, merges=("A1:H1", "B2:H2", "A3:B3", "A4:A6", "A8:E8"))),
        source="整体.xlsx",
    )
    assert report.kind.value == "overall"
    assert report.profile.name is not None and report.profile.name.value == "青峰县林业局"
    budget = report.budget
    assert budget.initial is not None and budget.initial.value.wan == Decimal("861.10")
    assert budget.adjusted is not None and budget.adjusted.value.wan == Decimal("2030.12")
    assert budget.executed is not None and budget.executed.value.wan == Decimal("1980.50")
    assert report.spending.total is not None and report.spending.total.value.wan == Decimal(
        "1980.50"
    )
    assert report.performance.self_score is not None
    assert report.performance.self_score.value.percent == Decimal("91.5")
    assert report.performance.grade is not None and report.performance.grade.value == "优"
    assert report.performance.grade.evidence.cell == (1, 8, 8)


BASIC_DATA = [
    ["青峰县林业局2023年度部门整体支出绩效评价基础数据表"],
    ["财政供养人员情况", None, "编制数", "2023年实际在职人数", "控制率"],
    [None, None, 46, 44, (0.9565, "0.00%")],
    ["经费控制情况（万元）", None, "2022年决算数", "2023年预算数", "2023年决算数"],
    ["三公经费", None, 12.5, 11.0, 10.2],
    ["1、公务用车购置和维护经费", None, 8.3, 7.0, 6.8],
    ["其中：公车购置", None, 0, 0, 0],
    ["公车运行维护", None, 8.3, 7.0, 6.8],
    ["2、出国经费", None, 0, 0, 0],
    ["3、公务接待", None, 4.2, 4.0, 3.4],
    ["项目支出", None, 874.2, 308.17, 1025.2],
    ["公用经费", None, 118.31, 85.76, 193.42],
    ["其中：办公经费", None, 29.35, 27.0, 49.09],
    ["政府采购金额", None, None, None, 16.14],
]


def test_basic_data_sheet_gives_the_report_years_column() -> None:
    merges = ("A1:E1", "A2:B3", *(f"A{row}:B{row}" for row in range(4, 15)))
    report = parse_document(read(workbook(BASIC_DATA, merges=merges)), source="基础数据表.xlsx")
    three = report.three_public
    stated = {
        "total": three.total, "vehicle": three.vehicle, "purchase": three.vehicle_purchase,
        "operation": three.vehicle_operation, "overseas": three.overseas,
        "reception": three.reception,
    }  # fmt: skip
    assert {k: v.value.wan if v else None for k, v in stated.items()} == {
        "total": Decimal("10.20"), "vehicle": Decimal("6.80"), "purchase": Decimal(0),
        "operation": Decimal("6.80"), "overseas": Decimal(0), "reception": Decimal("3.40"),
    }  # fmt: skip
    assert report.spending.project is not None
    assert report.spending.project.value.wan == Decimal("1025.20")
    assert report.spending.public is not None and report.spending.public.evidence.cell == (1, 12, 5)


# ---------------------------------------------------------------------------- workbooks


def test_every_visible_sheet_is_read_and_hidden_ones_are_not() -> None:
    book = workbook([["第一张表", "甲"]])
    second = book.create_sheet("附表")
    second["A1"], second["B1"] = "第二张表", 2.5
    hidden = book.create_sheet("隐藏")
    hidden["A1"], hidden["B1"] = "不应读取", 1
    hidden.sheet_state = "hidden"
    document = read(book)
    assert document.text == "| 第一张表 | 甲 |\n| 第二张表 | 2.5 |\n"  # General format
    assert [cell.table for cell in document.cells] == [1, 1, 2, 2]


def test_a_wrong_dimension_does_not_cut_the_sheet_short() -> None:
    data = saved(workbook([["甲", 1], ["乙", 2], ["丙", 3]]))
    import zipfile

    patched = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(patched, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                content = content.replace(b'<dimension ref="A1:B3"/>', b'<dimension ref="A1"/>')
            target.writestr(item, content)
    assert read_xlsx(patched.getvalue(), label="表").text == "| 甲 | 1 |\n| 乙 | 2 |\n| 丙 | 3 |\n"


def test_an_empty_workbook_is_refused() -> None:
    with pytest.raises(UnreadableInput, match="没有任何内容"):
        read(Workbook())


def test_cells_keep_excels_address_when_the_sheet_starts_lower_right() -> None:
    book = Workbook()
    sheet = book.active
    sheet["B3"], sheet["C3"] = "项目支出", 1025.2
    document = read(book)  # openpyxl writes <dimension ref="B3:C3"/>
    assert document.text == "|  | 项目支出 | 1025.2 |\n"
    assert [cell.address for cell in document.cells] == [(1, 3, 2), (1, 3, 3)]
