"""The data set as Excel: one sheet per block, figures as numbers, formulas defused."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace

import openpyxl
import pytest

from jixiao.domain.report import Report, ReportKind
from jixiao.render.xlsx import render_dataset_xlsx, render_self_evaluation_xlsx, safe_text


def _book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _rows(sheet: object) -> list[list[object]]:
    return [[c.value for c in row] for row in sheet.iter_rows()]  # type: ignore[attr-defined]


def test_one_sheet_per_block(overall_report: Report) -> None:
    book = _book(render_dataset_xlsx(overall_report))
    # The 自评表 (indicators included) comes last, so that its column headers do not carry
    # over to the other sheets for whoever reads the workbook in order; it opens first.
    assert book.sheetnames == ["概况", "支出", "功能分类", "三公", "预算执行", "问题", "自评表"]
    assert book.active.title == "自评表"
    assert _rows(book["概况"])[0][0] == "青峰县农业农村局2022年度部门整体支出绩效自评报告"
    assert ["报告类型", "部门整体支出绩效评价"] in _rows(book["概况"])


def test_figures_are_numbers_with_formats(overall_report: Report) -> None:
    book = _book(render_dataset_xlsx(overall_report))
    spending = {row[0]: row for row in _rows(book["支出"])}
    assert spending["支出合计"][1] == pytest.approx(4862.35)
    assert spending["支出合计"][4] == "本年支出合计4862.35万元。"  # its wording, for readers
    cell = book["支出"]["B3"]
    assert cell.data_type == "n" and cell.number_format == "#,##0.00"
    three = {row[0]: row for row in _rows(book["三公"])}
    assert three["“三公”经费"][1:] == [
        pytest.approx(12.86),
        pytest.approx(-1.46),
        pytest.approx(-0.102),
        "“三公”经费支出12.86万元，较上年减少1.46万元，下降10.20%。",
    ]
    assert book["三公"]["D3"].number_format == "0.00%"
    budget = {row[0]: row[1] for row in _rows(book["预算执行"])}
    assert budget["执行率"] == pytest.approx(0.9891)
    functional = _rows(book["功能分类"])
    assert str(functional[1][0]).startswith("按支出功能分类，农林水支出4395.86万元")
    assert functional[3] == ["213", "农林水支出", "农林水支出", pytest.approx(4395.86)]


def test_no_figure_is_stored_as_text(project_report: Report) -> None:
    book = _book(render_dataset_xlsx(project_report))
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert not re.fullmatch(r"-?\d+(\.\d+)?%?", cell.value), (sheet.title, cell)


def test_decimals_are_written_exactly(project_report: Report) -> None:
    data = render_dataset_xlsx(project_report)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = "".join(
            archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/")
        )
    assert "<v>48.63205</v>" in sheets  # 486320.50元 in 万元, not a float's 48.632050000000004
    assert "<v>479638.26</v>" in sheets


def test_self_evaluation_form_alone(project_report: Report) -> None:
    book = _book(render_self_evaluation_xlsx(project_report))
    rows = _rows(book["自评表"])
    assert rows[0][0] == "项目支出绩效自评表（2023年度）"
    funds = next(r for r in rows if r[0] == "年度资金总额")
    assert funds[1:4] == [450000, 486320.5, 479638.26]
    assert funds[5] == pytest.approx(0.9863)
    total = next(r for r in rows if r[0] == "总分")
    assert total[7:10] == [100, pytest.approx(95.93), "优（按总分）"]


@pytest.mark.parametrize("text", ['=HYPERLINK("x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"])
def test_formula_like_text_is_defused(project_report: Report, text: str) -> None:
    report = replace(
        project_report, performance=replace(project_report.performance, problems=(text,))
    )
    book = _book(render_dataset_xlsx(report))
    cell = next(
        c for row in book["问题"].iter_rows() for c in row if c.value and text in str(c.value)
    )
    assert cell.data_type == "s"
    assert cell.value == "'" + text
    assert safe_text("正常文字") == "正常文字"


def test_an_empty_report_still_makes_a_workbook() -> None:
    book = _book(render_dataset_xlsx(Report("t", ReportKind.UNKNOWN, "")))
    assert _rows(book["自评表"])[2][0] == "报告未列明预算执行情况和绩效指标"
    figures = [row for row in _rows(book["支出"]) if row[0] in ("支出合计", "基本支出", "收入总计")]
    # No amount, and the words say so: a blank row would read back as a loose label.
    assert len(figures) == 3 and all(row[1:] == [None, None, None, "报告未列示"] for row in figures)
