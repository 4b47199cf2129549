"""The units registry and its .xlsx import by header labels."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook

from apps.errors import InvalidInput
from apps.units.models import Region, Unit, UnitKind
from apps.units.services import units_import_xlsx
from tests.web.conftest import World


def workbook(*rows: list[object]) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def test_import_finds_the_header_anywhere_in_the_first_rows(db: None) -> None:
    file = workbook(
        ["雁川市预算单位名单（2023年）"],
        [],
        ["序号", "所属区域", "单位名称", "备注", "单位编码", "单位性质"],
        [1, "市本级", "雁川市农业农村局", "", "101002", "行政单位"],
        [2, "雁北区", "雁北区实验小学", "", 102002, "学校"],
        [3, "雁南县", "雁南县白沙镇人民政府", "", "103001", "乡镇（街道）"],
    )
    result = units_import_xlsx(file=file)
    assert result.ok and result.created == 3 and result.updated == 0
    school = Unit.objects.get(code="102002")  # a numeric cell read as its digits
    assert school.kind == UnitKind.SCHOOL and school.region.name == "雁北区"
    assert Unit.objects.get(code="103001").kind == UnitKind.TOWNSHIP
    assert Region.objects.count() == 3


def test_import_updates_by_code(db: None) -> None:
    units_import_xlsx(file=workbook(["单位编码", "单位名称", "所属区域"], ["9", "甲局", "甲区"]))
    result = units_import_xlsx(
        file=workbook(
            ["单位编码", "单位名称", "所属区域", "单位类型"], ["9", "甲局（新）", "甲区", "事业"]
        )
    )
    assert result.updated == 1 and result.created == 0
    unit = Unit.objects.get(code="9")
    assert unit.name == "甲局（新）" and unit.kind == UnitKind.INSTITUTION


def test_import_stores_nothing_when_a_row_is_wrong(db: None) -> None:
    file = workbook(
        ["单位编码", "单位名称", "所属区域", "单位类型"],
        ["1", "甲局", "甲区", "行政"],
        ["2", "", "甲区", "行政"],
        ["3", "丙局", "甲区", "外星单位"],
        ["1", "丁局", "甲区", "行政"],
    )
    result = units_import_xlsx(file=file)
    assert not result.ok
    assert result.errors == (
        "第3行：缺少单位名称",
        "第4行：单位类型“外星单位”无法识别",
        "第5行：单位编码“1”与第2行重复",
    )
    assert Unit.objects.count() == 0


def test_import_refuses_a_name_taken_by_another_code(world: World) -> None:
    file = workbook(["单位编码", "单位名称", "所属区域"], ["Z9", world.a.name, "甲区"])
    result = units_import_xlsx(file=file)
    assert result.errors == (f"第2行：单位名称“{world.a.name}”已登记为编码“A01”的单位",)


def test_import_refuses_what_is_not_a_workbook_or_has_no_header(db: None) -> None:
    with pytest.raises(InvalidInput, match="Excel"):
        units_import_xlsx(file=io.BytesIO(b"not a zip at all"))
    with pytest.raises(InvalidInput, match="没有找到表头"):
        units_import_xlsx(file=workbook(["甲", "乙"], ["1", "2"]))


def test_import_page_is_for_administrators(world: World) -> None:
    client = Client()
    client.force_login(world.rev_x)
    assert client.get("/units/import/").status_code == 403
    client.force_login(world.admin)
    data = workbook(["单位编码", "单位名称", "所属区域"], ["C01", "丙区财政局", "丙区"]).getvalue()
    upload = SimpleUploadedFile("units.xlsx", data)
    response = client.post("/units/import/", {"file": upload})
    assert response.status_code == 302
    assert Unit.objects.filter(code="C01").exists()


def test_unit_list_shows_only_the_units_a_user_may_see(world: World) -> None:
    client = Client()
    client.force_login(world.rev_y)
    page = client.get("/units/").content.decode()
    assert world.b.name in page and world.a.name not in page
    client.force_login(world.admin)
    page = client.get("/units/", {"kind": UnitKind.SCHOOL}).content.decode()
    assert world.a2.name in page and world.a.name not in page
