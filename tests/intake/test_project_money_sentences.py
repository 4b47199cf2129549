"""A project's money whose kind the sentence around it says, not the words just before it
(invented examples)."""

from __future__ import annotations

from jixiao.intake.parse import parse_text
from tests.intake.budget_figures import budget_figures as _budget

TITLE = "某县文化馆2024年度项目支出绩效自评报告\n"


def test_the_start_of_year_budget_named_in_an_earlier_clause() -> None:
    text = TITLE + "本馆2024年年初预算项目共5个，项目支出预算资金为126.5万元。"
    assert _budget(parse_text(text, source="t")) == {"initial": "126.5"}


def test_the_start_of_year_word_does_not_reach_past_the_figure_before() -> None:
    text = TITLE + "本馆年初预算项目资金100万元，全年预算资金为120万元，已支付118万元。"
    assert _budget(parse_text(text, source="t")) == {
        "initial": "100",
        "adjusted": "120",
        "executed": "118",
    }


def test_budgets_that_add_up_to_the_start_of_year_budget_are_its_parts() -> None:
    text = (
        TITLE + "本馆年初预算项目共5个，预算资金为126.5万元，其中：1.本年财政拨款安排项目4个，"
        "预算资金为120万元。2.上年结转项目1个，预算资金为6.5万元。"
    )
    assert _budget(parse_text(text, source="t")) == {"initial": "126.5"}


def test_an_amount_added_during_the_year_is_not_the_budget() -> None:
    text = TITLE + "年初预算资金80万元。年中追加项目资金12万元，涉及项目2个。"
    assert _budget(parse_text(text, source="t")) == {"initial": "80"}


def test_what_the_budget_came_to_after_an_addition_is_the_budget() -> None:
    text = TITLE + "年中追加后项目资金为92万元，已支付90万元。"
    assert _budget(parse_text(text, source="t")) == {"adjusted": "92", "executed": "90"}


def test_a_granting_verb_after_the_amount() -> None:
    text = (
        TITLE + "2024年中央、省级非遗保护补助资金46万元，全部在规定时限内下达到项目单位。"
        "截至年底已支付41.4万元，支付率90%。"
    )
    assert _budget(parse_text(text, source="t")) == {
        "adjusted": "46",
        "executed": "41.4",
        "execution_rate": "90",
    }


def test_a_grant_not_yet_made_after_the_amount_is_not_the_budget() -> None:
    text = TITLE + "市级奖补资金20万元尚未下达。"
    assert _budget(parse_text(text, source="t")) == {}


def test_shares_of_several_levels_with_no_total_are_not_the_budget() -> None:
    text = (
        TITLE + "2024年，中央下达本县非遗保护补助资金6.2万元；省级配套下拨补助资金1.5万元，"
        "某某县财政匹配补助资金0.6万元。"
    )
    assert _budget(parse_text(text, source="t")) == {}


def test_shares_of_several_levels_with_their_total_give_the_total() -> None:
    text = (
        TITLE + "中央下达补助资金6.2万元，省级下达补助资金1.5万元，县级配套资金0.6万元，"
        "共计下达资金8.3万元，已支付8.3万元。"
    )
    assert _budget(parse_text(text, source="t")) == {"adjusted": "8.3", "executed": "8.3"}


def test_one_level_alone_is_the_budget() -> None:
    text = TITLE + "中央下达本县非遗保护补助资金6.2万元，已全部支付。"
    assert _budget(parse_text(text, source="t")) == {"adjusted": "6.2"}


def test_the_budget_named_in_the_clause_before_the_money() -> None:
    text = (
        TITLE + "2024年预算安排本馆专项项目共计12个，财政资金560.5万元。"
        "至年底项目执行金额530万元，执行率94.56%。"
    )
    assert _budget(parse_text(text, source="t")) == {
        "adjusted": "560.5",
        "executed": "530",
        "execution_rate": "94.56",
    }


def test_a_clause_before_that_states_its_own_figure_lends_no_kind() -> None:
    text = TITLE + "本馆下达资金40万元，财政资金12万元。"
    assert _budget(parse_text(text, source="t")) == {"adjusted": "40"}


def test_a_share_restated_as_a_listed_part_of_the_whole_is_not_the_budget() -> None:
    text = (
        TITLE + "2024年度县本级预算安排的非遗保护资金为15万元。"
        "2024年度共安排非遗保护资金88万元，其中中央资金50万元、省级资金23万元、县级资金15万元。"
    )
    assert _budget(parse_text(text, source="t")) == {"adjusted": "88"}


def test_an_approved_total_investment_is_a_budget_and_the_batches_add_to_it() -> None:
    text = (
        TITLE + "一批项目批复总投资120.5万元，二批项目批复总投资60万元，"
        "三批项目批复投资19.5万元，合计批复总投资200万元。"
    )
    assert _budget(parse_text(text, source="t")) == {"adjusted": "200"}


def test_a_total_investment_not_approved_is_still_not_a_budget() -> None:
    text = TITLE + "项目计划总投资300万元。"
    assert _budget(parse_text(text, source="t")) == {}


def test_a_degree_of_fit_in_an_indicator_row_is_not_matching_funds() -> None:
    text = TITLE + (
        "成本指标 支出金额与服务内容的匹配程度 18万 18万 10 10\n"
        "成本指标 经费与任务的匹配度 7万元 7万元 10 10\n"
    )
    assert _budget(parse_text(text, source="t")) == {}


def test_matching_funds_are_still_a_budget() -> None:
    text = TITLE + "县级财政匹配资金26万元，已支付26万元。"
    assert _budget(parse_text(text, source="t")) == {"adjusted": "26", "executed": "26"}


def test_what_the_year_formed_as_spending_is_the_executed_amount() -> None:
    text = (
        TITLE + "2024年共投入非遗保护经费预算860万元。实际形成支出812.4万元，支出率94.47%。"
        "其中，中央资金支出600万元，省级资金支出212.4万元。"
    )
    assert _budget(parse_text(text, source="t")) == {
        "adjusted": "860",
        "executed": "812.4",
        "execution_rate": "94.47",
    }


def test_a_total_after_the_list_of_its_items_is_the_budget() -> None:
    text = (
        TITLE + "2024年度，市级下达图书购置项目12万元；流动展览项目3.5万元；"
        "讲座活动项目4.5万元。共计下达市级补助资金20万元。"
    )
    assert _budget(parse_text(text, source="t")) == {"adjusted": "20"}


def test_a_total_that_the_items_before_it_do_not_make_leaves_the_first_budget() -> None:
    text = TITLE + "下达图书购置项目12万元；流动展览项目3.5万元。共计下达补助资金30万元。"
    assert _budget(parse_text(text, source="t"))["adjusted"] == "12"


def test_the_amount_of_the_budget_indicator_is_the_budget() -> None:
    text = TITLE + "2024年县财政下达本馆免费开放经费，指标金额是36万元，实际拨付金额是35万元。"
    assert _budget(parse_text(text, source="t")) == {"adjusted": "36", "executed": "35"}


def test_the_cost_of_supporting_facilities_is_no_budget() -> None:
    text = (
        TITLE + "年初预算安排80万元，具体用于：①展厅改造工程尾款30万元；"
        "②广场配套基础设施项目前期费用25万元。"
    )
    assert _budget(parse_text(text, source="t")) == {"initial": "80"}


def test_a_share_after_its_own_comma_is_not_what_the_project_spent() -> None:
    text = (
        TITLE + "非遗保护经费预算860万元，全年开销812.4万元。"
        "其中，中央资金支出600万元，省级资金支出212.4万元。"
    )
    assert "executed" not in _budget(parse_text(text, source="t"))


def test_money_the_unit_obtained_is_its_budget() -> None:
    text = TITLE + "2024年本馆获得非遗保护补助资金共58.6万元，截至年底已支付52.74万元，支付率90%。"
    assert _budget(parse_text(text, source="t")) == {
        "adjusted": "58.6",
        "executed": "52.74",
        "execution_rate": "90",
    }


def test_a_budget_with_its_own_parts_is_not_a_part_of_the_money_that_arrived() -> None:
    # 到位 adds an advance to the budget; the budget, itself split by source, stays the budget.
    text = (
        TITLE + "本馆获得补助资金共120万元，其中：中央资金70万元，省级资金50万元。"
        "此外，预拨资金8万元。\n"
        "项目资金共到位128万元，其中：补助资金120万元，预拨资金8万元。"
    )
    assert _budget(parse_text(text, source="t")) == {"adjusted": "120"}
