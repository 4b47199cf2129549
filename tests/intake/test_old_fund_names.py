"""公共财政拨款 / 公共财政预算, the old names of 一般公共预算 money, limit a figure."""

from __future__ import annotations

from jixiao.intake.parse import parse_text

HEAD = "某县档案馆2023年度部门决算说明\n"


def _scopes(body: str, path: str) -> list[tuple[str, str]]:
    report = parse_text(HEAD + body, source="t")
    return [(str(m.value), m.scope) for m in report.mentions if m.path == path]


def test_an_old_name_limits_the_figure_to_general_budget_money() -> None:
    report = parse_text(HEAD + "2023年度公共财政拨款基本支出190.00万元。", source="t")
    assert report.spending.basic is None
    assert _scopes("2023年度公共财政拨款基本支出190.00万元。", "spending.basic") == [
        ("190", "一般公共预算")
    ]


def test_the_budget_spelling_of_the_old_name() -> None:
    found = _scopes("公共财政预算拨款项目支出35.60万元。", "spending.project")
    assert found == [("35.6", "一般公共预算")]


def test_the_units_own_figure_beside_it_stays_unscoped() -> None:
    body = "本年支出合计300.00万元，其中基本支出200.00万元。公共财政拨款基本支出190.00万元。"
    assert _scopes(body, "spending.basic") == [("200", ""), ("190", "一般公共预算")]
