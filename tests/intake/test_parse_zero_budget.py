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


def test_a_zero_budget_alone_is_read_as_written() -> None:
    text = "某镇2023年道路项目绩效自评报告\n本年度该项目全年预算数0万元，未发生支出。\n"
    adjusted = parse_text(text, source="t").budget.adjusted
    assert adjusted is not None and adjusted.value.wan == 0


def test_an_initial_budget_of_zero_is_kept() -> None:
    text = (
        "2023年度项目支出绩效自评表\n"
        "项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分\n"
        "年度资金总额 | 0 | 30 | 30 | 10 | 100% | 10\n"
    )
    budget = parse_text(text, source="t").budget
    assert budget.initial is not None and budget.initial.value.wan == 0
    assert budget.adjusted is not None and budget.adjusted.value.wan == 30
