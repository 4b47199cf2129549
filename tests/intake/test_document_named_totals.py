"""A total named after the document itself ("部门预算支出总计") is the unit's whole (invented)."""

from __future__ import annotations

from jixiao.intake.parse import parse_text


def _spending(text: str) -> dict[str, str]:
    report = parse_text(text, source="t.txt")
    return {
        name: str(getattr(report.spending, name).value.wan)
        for name in ("total", "basic", "project")
        if getattr(report.spending, name) is not None
    }


def test_the_department_budgets_total_and_its_parts() -> None:
    text = (
        "某站2024年部门预算说明\n2024年部门预算支出总计88.6万元，其中：基本支出预算70.1万元，"
        "占79.12%；项目支出预算18.5万元，占20.88%。\n"
    )
    assert _spending(text) == {"total": "88.6", "basic": "70.1", "project": "18.5"}


def test_the_units_final_accounts_total() -> None:
    text = (
        "某站2023年度单位决算说明\n2023年单位决算支出合计64万元，其中：基本支出50万元，"
        "项目支出14万元。\n"
    )
    assert _spending(text) == {"total": "64", "basic": "50", "project": "14"}


def test_a_funds_budget_stays_a_narrower_scope() -> None:
    text = "某站2024年部门预算说明\n2024年政府性基金预算支出合计30万元。\n"
    assert _spending(text) == {}


def test_the_years_expenditure_final_account_is_the_total() -> None:
    text = (
        "某站2023年度部门决算说明\n2023年度支出决算96.5万元，其中：人员经费60万元，"
        "公用经费20.5万元，项目支出16万元。\n"
    )
    assert _spending(text) == {"total": "96.5", "project": "16"}
