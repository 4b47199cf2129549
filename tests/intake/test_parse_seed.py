"""The seed report, read: every figure of its section 二, with evidence in the original."""

from __future__ import annotations

from decimal import Decimal

from jixiao.contract import extract_json
from jixiao.domain.report import FunctionalBasis, ReportKind
from jixiao.intake.parse import parse_text


def test_section_two_figures(seed_text: str) -> None:
    report = parse_text(seed_text, source="seed.txt")
    spending = report.spending
    assert report.kind is ReportKind.OVERALL
    assert report.profile.year == 2022
    assert report.profile.name is not None
    assert report.profile.name.value == "常宁市科技和工业信息化局"
    assert spending.total is not None and spending.total.value.wan == Decimal("5252.64")
    assert spending.basic is not None and spending.basic.value.wan == Decimal("793.43")
    assert spending.personnel is not None and spending.personnel.value.wan == Decimal("793.43")
    assert spending.public is not None and spending.public.value.wan == Decimal("57.38")
    assert spending.project is not None and spending.project.value.wan == Decimal("4459.21")
    three = report.three_public
    assert three.total is not None and three.total.value.wan == Decimal(11)
    assert three.reception is not None and three.reception.value.wan == Decimal(4)
    assert three.vehicle_operation is not None and three.vehicle_operation.value.wan == Decimal(7)
    assert three.overseas is None and three.vehicle is None and three.vehicle_purchase is None
    assert report.budget.executed is None and report.budget.execution_rate is None
    assert report.performance.self_score is None and report.performance.grade is None


def test_functional_breakdown_of_project_money(seed_text: str) -> None:
    spending = parse_text(seed_text, source="seed.txt").spending
    assert spending.functional_basis is FunctionalBasis.PROJECT
    stated = [(item.stated_name, item.code, str(item.amount.value)) for item in spending.functional]
    assert stated == [
        ("一般公共服务支出", "201", "379.62"),
        ("科学技术支出", "206", "720.38"),
        ("社会保障和就业支出", "208", "82.82"),
        ("卫生健康支出", "210", "1333.84"),
        ("城乡社区支出", "212", "340"),
        ("农林水支出", "213", "6"),
        ("资源勘探工业信息等支出", "215", "1857.19"),
        ("住房保障支出", "221", "36.57"),
        ("应急物资储备支出", None, "350.28"),
        ("灾害防治应急管理支出", None, "0.5"),
    ]
    assert sum(item.amount.value.wan for item in spending.functional) == Decimal("5107.20")


def test_every_quote_is_the_original_text_at_its_offsets(seed_text: str) -> None:
    data = extract_json(parse_text(seed_text, source="seed.txt"))
    assert len(data["evidence"]) >= 17
    for item in data["evidence"]:
        assert seed_text[item["start"] : item["end"]] == item["quote"]
    quotes = {item["path"]: item["quote"] for item in data["evidence"]}
    assert quotes["spending.total"] == "总支出5252.64万元"
    assert quotes["spending.public"] == "公用经费57.38万"
    assert quotes["three_public.vehicle_operation"] == "公务车运行费7万元"


def test_amounts_are_decimal_strings(seed_text: str) -> None:
    data = extract_json(parse_text(seed_text, source="seed.txt"))
    assert data["spending"]["total"] == "5252.64"
    assert data["three_public"]["total"] == "11"
    assert data["spending"]["functional"][4]["amount"] == "340"
