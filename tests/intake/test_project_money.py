"""A project's money in the running text of its self-evaluation report (invented examples)."""

from __future__ import annotations

from jixiao.intake.parse import parse_text
from jixiao.intake.run_together import run_together_rows
from tests.intake.budget_figures import budget_figures as _budget

TITLE = "某镇2024年道路项目绩效自评报告\n"


def test_payment_verbs_and_the_payment_rate() -> None:
    report = parse_text(
        TITLE + "本年度该项目安排资金300万元，全年共支付资金276万元，支付率92%。", source="t"
    )
    assert _budget(report) == {"adjusted": "300", "executed": "276", "execution_rate": "92"}


def test_words_inside_the_budget_phrase() -> None:
    text = (
        TITLE + "2024年省财政下达本镇种粮补贴资金150万元，已通过一卡通全部发放，发放资金150万元。"
    )
    assert _budget(parse_text(text, source="t")) == {"adjusted": "150", "executed": "150"}


def test_a_category_named_spending_is_not_what_was_spent() -> None:
    text = (
        TITLE
        + "本局项目资金分两类：业务项目支出30万元，专项预算支出270万元，项目资金总预算为300万元。"
    )
    assert _budget(parse_text(text, source="t")) == {"adjusted": "300"}


def test_the_whole_wins_over_its_shares_listed_first() -> None:
    text = (
        TITLE + "2024年收到中央下达补助资金60万元，省级下达30万元，县级配套10万元。\n"
        "2024年收到财政资金共100万元，实际支付95万元，执行率95%。"
    )
    assert _budget(parse_text(text, source="t")) == {
        "adjusted": "100",
        "executed": "95",
        "execution_rate": "95",
    }


def test_remaining_and_later_payments_are_not_the_years_figures() -> None:
    text = (
        TITLE + "该项目预算资金80万元，实际执行72万元，尚余8万元未支付。"
        "截至2025年6月已拨付资金80万元。"
    )
    assert _budget(parse_text(text, source="t")) == {"adjusted": "80", "executed": "72"}


def test_the_rate_that_is_executed_over_budget_is_the_projects() -> None:
    text = (
        TITLE + "预算安排下达的专项资金共计200万元，下达进度100%。"
        "目前已拨付资金84万元，其余正在申请拨付，实际支出率42%。"
    )
    assert _budget(parse_text(text, source="t"))["execution_rate"] == "42"


def test_cells_run_together_split_by_the_rate_they_state() -> None:
    text = "全年预算数(A)全年执行数(B)预算执行率(B/A×100%)年度资金总额:12011595.8%其中"
    found = {c.path: c.value for c in run_together_rows(text)}
    assert str(found["budget.adjusted"].wan) == "120"  # type: ignore[union-attr]
    assert str(found["budget.executed"].wan) == "115"  # type: ignore[union-attr]
    assert str(found["budget.execution_rate"].percent) == "95.8"  # type: ignore[union-attr]


def test_digits_that_add_up_no_way_are_left_alone() -> None:
    text = "全年预算数(A)全年执行数(B)执行率(B/A)年度资金总额:1234567%"
    assert run_together_rows(text) == []


def test_a_budget_revised_later_makes_the_first_the_initial_one() -> None:
    text = TITLE + "我单位2024年专项事业费预算金额54.41万元，预算下达54万元，实际执行43.65万元。"
    assert _budget(parse_text(text, source="t")) == {
        "initial": "54.41",
        "adjusted": "54",
        "executed": "43.65",
    }


def test_many_projects_each_with_its_own_budget_keep_the_first() -> None:
    text = (
        TITLE + "1、道路项目下达资金197万元，实际已支付186.98万元。\n2、市场项目下达资金108万元。"
    )
    assert _budget(parse_text(text, source="t"))["adjusted"] == "197"


def test_a_bare_completion_rate_is_the_works_not_the_moneys() -> None:
    text = TITLE + "本年度下达资金80万元，已全部支付。道路硬化完成率100%，群众满意度98%。"
    assert _budget(parse_text(text, source="t")) == {"adjusted": "80"}
    paid = TITLE + "本年度下达资金80万元，实际支付72万元，支付完成率为90%。"
    assert _budget(parse_text(paid, source="t"))["execution_rate"] == "90"


def test_a_total_investment_over_years_is_not_the_years_budget() -> None:
    text = TITLE + "该道路工程总投资约3.2亿元，分三年建设。本年度安排资金6000万元，已支付5400万元。"
    assert _budget(parse_text(text, source="t")) == {"adjusted": "6000", "executed": "5400"}
    alone = TITLE + "该道路工程总投资约3.2亿元，分三年建设，目前已完成路基工程。"
    assert "adjusted" not in _budget(parse_text(alone, source="t"))


def test_sub_projects_listed_under_a_stated_whole_are_its_parts() -> None:
    text = (
        TITLE + "2024年，市财政下达本镇道路改造资金1.2亿元，分三个子项目实施。\n"
        "㈠东街改造。安排资金4000万元，用于路面翻新。\n"
        "㈡西街改造。安排资金3000万元，用于管网更换。\n"
        "㈢北街改造。安排资金1000万元，用于路灯安装。\n"
    )
    assert _budget(parse_text(text, source="t")) == {"adjusted": "12000.0"}


def test_a_rate_stated_for_each_sub_project_is_not_the_wholes() -> None:
    text = (
        TITLE + "本年度上级下达本镇专项资金300万元，已分配到两个子项目。\n"
        "1.资金目标：(1)甲村道路项目资金拨付率100%，工程已完工；"
        "(2)乙村水渠项目资金拨付率100%。\n"
    )
    assert _budget(parse_text(text, source="t")) == {"adjusted": "300"}


def test_allocations_listed_item_by_item_have_no_whole() -> None:
    text = (
        TITLE + "根据上级通知，资金分配如下：\n"
        "1.分配甲县广播维护经费12万元，乙县8万元，共计20万元。\n"
        "2.分配甲县文艺演出补助30万元，乙县20万元，共计50万元。\n"
    )
    assert "adjusted" not in _budget(parse_text(text, source="t"))


def test_an_approval_to_pay_is_the_grant_not_the_spending() -> None:
    text = (
        TITLE + "根据县政府办公室抄告单，经研究，同意向本镇拨付2024年道路养护经费52.8万元，"
        "其中：路面修补30万元，排水沟清理22.8万元。"
    )
    assert _budget(parse_text(text, source="t")) == {"adjusted": "52.8"}
    paid = TITLE + "县财政安排道路养护经费52.8万元，年内已拨付52.8万元。"
    assert _budget(parse_text(paid, source="t")) == {"adjusted": "52.8", "executed": "52.8"}


def test_a_hidden_budget_keeps_a_later_batch_from_being_the_whole() -> None:
    text = (
        TITLE + "根据县财政文件，下达给我单位资金 点击查看>> 万元，"
        "其中：造林补助 点击查看>> 万元。\n"
        "根据县财政文件，下达给我单位资金3.2万元，其中：抚育补助3.2万元。\n"
        "项目资金已全部拨付，预算执行率100%。"
    )
    assert _budget(parse_text(text, source="t")) == {"execution_rate": "100"}
    starred = TITLE + "项目全年预算数*万元，上级下达资金3.2万元，执行率100%。"
    assert "adjusted" not in _budget(parse_text(starred, source="t"))
    bold = TITLE + "本年度安排资金**50万元**，已支付**45万元**。"
    assert _budget(parse_text(bold, source="t")) == {"adjusted": "50", "executed": "45"}


def test_a_title_ending_in_self_evaluation_result_is_a_project_report() -> None:
    text = (
        "2023年度乡村教师生活补助项目自评结果\n一、自评结论\n2023年乡村教师生活补助项目实际下达"
        "预算420万元，全年度实际总支出415.8万元，项目预算执行率99%。\n"
    )
    report = parse_text(text, source="t")
    assert report.kind.value == "project"
    assert _budget(report) == {"adjusted": "420", "executed": "415.8", "execution_rate": "99"}
    assert report.spending.total is None


def test_the_executed_amount_of_the_year_budget_and_carried_over_money() -> None:
    text = (
        TITLE + "2024年结转2023年道路养护资金合计88.6万元，全年预算执行数合计70.9万元，"
        "预算执行率80.02%。\n"
    )
    assert _budget(parse_text(text, source="t")) == {
        "adjusted": "88.6",
        "executed": "70.9",
        "execution_rate": "80.02",
    }


def test_a_count_between_the_budget_word_and_its_amount_and_an_aside_with_a_year() -> None:
    text = (
        "某州气象局2024年度项目支出绩效单位自评报告\n2024年，本单位实施项目共7个（含2023年结转"
        "项目2个），年初批复预算5个项目236万元，调整预算后项目预算220.5万元，全年实际支出"
        "210万元。\n"
    )
    report = parse_text(text, source="t")
    assert report.kind.value == "project"
    assert _budget(report) == {"initial": "236", "adjusted": "220.5", "executed": "210"}


def test_wan_without_yuan_before_a_word_that_ends_the_figure() -> None:
    report = parse_text(
        TITLE + "项目批复资金96万已全部到位，已支出90万，执行率93.75%。", source="t"
    )
    assert _budget(report) == {"adjusted": "96", "executed": "90", "execution_rate": "93.75"}


def test_a_rate_set_as_a_target_is_not_the_execution_rate() -> None:
    text = (
        TITLE + "一、项目绩效目标\n年度总目标：完成道路养护；资金拨付率100%，群众满意度90%。\n"
        "二、资金情况\n项目批复资金60万元，已拨付54万元。\n"
    )
    assert _budget(parse_text(text, source="t")) == {"adjusted": "60", "executed": "54"}


def test_money_a_higher_level_paid_down_is_what_the_project_had() -> None:
    # 拨付 by the province to the county is the county's money received, not its spending
    text = (
        "某县2023年度农机购置补贴项目绩效自评报告\n"
        "2023年省级拨付我县农机购置补贴资金40万元。\n"
        "2023年实际使用补贴资金36.5万元，已全部兑付到户。\n"
    )
    assert _budget(parse_text(text, source="t")) == {"adjusted": "40", "executed": "36.5"}


def test_money_the_unit_paid_out_is_spent() -> None:
    text = "某县2023年度农机购置补贴项目绩效自评报告\n全年预算40万元，已拨付补贴资金36.5万元。\n"
    assert _budget(parse_text(text, source="t")) == {"adjusted": "40", "executed": "36.5"}


def test_a_numbered_indicator_row_names_a_rate_it_aims_at() -> None:
    text = (
        TITLE
        + "本年度安排资金40万元，已支付40万元。\n"
        + "    时效指标 指标1:年度资金支付完成率100% 10 10\n"
        + "    指标2:\n"
    )
    # The 100% belongs to the indicator's name, not to a statement of the money spent.
    assert _budget(parse_text(text, source="t")) == {"adjusted": "40", "executed": "40"}
