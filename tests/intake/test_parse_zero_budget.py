"""A year's budget of 0 is no budget (intake/parse.py, invented examples)."""

from __future__ import annotations

from jixiao.intake.parse import parse_text


def test_no_projects_evaluated_states_no_budget() -> None:
    text = (
        "某局2023年度部门决算说明\n"
        "四、预算绩效情况说明\n"
        "我局自评项目0个，项目全年预算数合计0万元，执行数合计0万元，完成预算的0%。\n"
    )
    report = parse_text(text, source="t")
    assert report.budget.adjusted is None


def test_an_unfilled_total_row_is_not_the_budget() -> None:
    text = (
        "2023年度项目支出绩效自评表\n"
        "项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分\n"
        "年度资金总额 | 0 | 0 | 0 | 10 | 0 | 0\n"
        "其中：本年财政拨款 | 60 | 60 | 58.5 | — | 97.5% | —\n"
    )
    report = parse_text(text, source="t")
    adjusted = report.budget.adjusted
    assert adjusted is None or adjusted.value.wan != 0


def test_an_initial_budget_of_zero_is_kept() -> None:
    text = (
        "2023年度项目支出绩效自评表\n"
        "项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分\n"
        "年度资金总额 | 0 | 30 | 30 | 10 | 100% | 10\n"
    )
    budget = parse_text(text, source="t").budget
    assert budget.initial is not None and budget.initial.value.wan == 0
    assert budget.adjusted is not None and budget.adjusted.value.wan == 30
