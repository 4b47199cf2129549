"""Download names (apps.downloads) and formatted Excel sheets (apps.sheets), through real views."""

from __future__ import annotations

import io
import urllib.parse
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client
from openpyxl import Workbook, load_workbook

from apps.downloads import ascii_fallback, content_disposition
from apps.sheets import Column, count, money, rate, write_table
from apps.submissions.models import Submission
from tests.web.conftest import World, report_for


@pytest.mark.parametrize(
    ("name", "fallback"),
    [
        ("雁川市农业农村局2022年度.docx", "2022.docx"),
        ("2022年度部门整体支出绩效自评（雁财绩〔2023〕9号）总览.xlsx", "2022-2023-9.xlsx"),
        ("绩效情况说明.txt", "download.txt"),
        ("report v2.pdf", "report-v2.pdf"),
        ("没有扩展名", "download"),
    ],
)
def test_the_ascii_fallback_keeps_digits_and_extension(name: str, fallback: str) -> None:
    assert ascii_fallback(name) == fallback


def test_the_header_carries_both_names_and_no_path() -> None:
    header = content_disposition("../单位/报告.docx")
    assert header.startswith("attachment; filename=")
    starred = header.split("filename*=UTF-8''", 1)[1]
    assert urllib.parse.unquote(starred) == ".._单位_报告.docx"
    assert header.isascii()


def _saved_name(header: str) -> str:
    return urllib.parse.unquote(header.split("filename*=UTF-8''", 1)[1])


def test_the_overview_export_is_named_in_chinese_and_formatted(
    world: World, upload: Callable[..., Submission]
) -> None:
    upload(world.submission(world.a), world.prep_a, report_for(world.a))
    client = Client()
    client.force_login(world.rev_x)
    response = client.get(f"/campaigns/{world.campaign.pk}/export.xlsx")
    assert response.status_code == 200
    assert _saved_name(response["Content-Disposition"]) == (
        "2022年度部门整体支出绩效自评（甲财绩〔2023〕1号）总览.xlsx"
    )
    assert 'filename="2022-2023-1.xlsx"' in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["单位情况"]
    header = [c.value for c in sheet[1]]
    assert sheet.freeze_panes == "A2"
    assert all(c.font.bold for c in sheet[1])
    row = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == world.a.name)
    total, rate_cell = row[header.index("支出合计（万元）")], row[header.index("预算执行率")]
    assert total.number_format == "#,##0.00" and total.value > 0
    assert rate_cell.number_format == "0.00%"
    submission = world.submission(world.a)
    assert submission.execution_rate is not None
    assert Decimal(str(rate_cell.value)) == submission.execution_rate / 100
    # the unit's name is wider than its header: the column is as wide as the name
    name_width = sheet.column_dimensions["B"].width
    assert name_width >= 2 * len(world.a.name)
    problems = book["问题统计"]
    assert [c.value for c in problems[1]] == ["问题", "涉及单位数"]
    for (title,) in problems.iter_rows(min_row=2, max_col=1, values_only=True):
        assert "-" not in str(title) and not str(title).isascii()


def test_write_table_formats_by_column_kind() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    write_table(
        sheet,
        [Column("单位"), money("金额（万元）"), rate("执行率"), count("件数")],
        [["甲", Decimal("1234567.891"), Decimal("93.7"), 3], ["=1+1", None, None, None]],
    )
    saved = io.BytesIO()
    book.save(saved)
    again = load_workbook(io.BytesIO(saved.getvalue())).active
    assert again is not None
    assert [c.value for c in again[2]] == ["甲", 1234567.891, 0.937, 3]
    assert [c.number_format for c in again[2]][1:] == ["#,##0.00", "0.00%", "0"]
    assert again["A3"].value == "'=1+1"  # the formula guard still applies
    assert again.freeze_panes == "A2" and again.auto_filter.ref == "A1:D3"
