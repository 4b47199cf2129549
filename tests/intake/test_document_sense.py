"""The kind and year of a report, weighed over its first page."""

from __future__ import annotations

from jixiao.intake.document_sense import document_kind, report_year
from jixiao.intake.parse import parse_text


def test_a_section_heading_does_not_decide_the_kind() -> None:
    text = (
        "根据县财政局通知要求，现将本局2024年专项资金项目绩效自评总结报告如下：\n"
        "一、绩效目标完成情况\n项目资金共300万元，执行率92%。\n"
    )
    assert document_kind(text) == "project"


def test_site_navigation_before_a_project_table() -> None:
    text = (
        "某项目补助资金绩效自评\n- 绩效自评报告\n2024年度项目支出绩效自评表\n"
        "| 资金 | 全年预算数 | 全年执行数 | 执行率 |\n| 年度资金总额 | 80 | 60 | 75% |\n"
    )
    assert document_kind(text) == "project"


def test_performance_pay_in_a_budget_is_no_sign_of_a_performance_report() -> None:
    text = (
        "某中心2024年部门预算说明\n基本支出预算100万元，主要用于基本工资、津贴补贴、"
        "奖金、绩效工资等人员经费。\n"
    )
    assert document_kind(text) == "budget"


def test_an_overall_title_that_also_names_projects_is_overall() -> None:
    assert document_kind("部门整体支出及项目支出绩效评价报告\n一、基本情况\n") == "overall"


def test_years_compared_with_imply_the_year_after() -> None:
    text = (
        "其他收入0万元，较2023年度决算数增加0万元。\n经营收入0万元，较2023年度决算数增加0万元。\n"
        "(二)本单位2024年度总支出60万元，其中本年支出55万元，较2023年度决算数增加5万元。\n"
    )
    assert report_year(text, None, "final_accounts") == 2024


def test_document_titles_and_filling_dates() -> None:
    text = "根据《关于2025年专项资金的通知》要求，2024年省财政下达资金440万元。\n"
    assert report_year(text, None, "project") == 2024
    filled = "单位(盖章):某镇人民政府 | 填报日期:2022年2月3日 |\n"
    assert report_year(filled, None, "overall") == 2021


def test_a_title_year_in_brackets_counts() -> None:
    assert report_year("绩效目标自评表\n(2023年度)\n", None, "project") == 2023


def test_a_score_given_by_a_third_party_is_not_a_self_score() -> None:
    others = (
        "关于2023年度财政重点绩效评价结果的公告\n"
        "我局委托第三方机构对城区绿化养护项目开展重点评价，评价总得分为88.5分，评价等级为良好。\n"
    )
    report = parse_text(others, source="t")
    assert report.performance.self_score is None and report.performance.grade is None
    own = (
        "城区绿化养护项目2023年度绩效自评报告\n"
        "本项目聘请第三方机构协助开展自评，自评得分为88.5分，评价等级为良好。\n"
    )
    report = parse_text(own, source="t")
    assert report.performance.self_score is not None
    assert str(report.performance.self_score.value.percent) == "88.5"
    assert report.performance.grade is not None and report.performance.grade.value == "良好"


def test_a_years_budget_shown_beside_the_year_befores_accounts_is_a_budget() -> None:
    text = (
        "一、2025年“三公”经费预算安排情况\n2025年度“三公”经费预算总计9万元，其中：公务接待3万元，"
        "公务用车运行费用6万元。\n二、2024年“三公”经费决算情况\n2024年度“三公”经费合计支出8.2万元，"
        "其中：公务接待2.9万元，公务用车运行费用5.3万元。\n"
    )
    assert document_kind(text) == "budget"
    # Final accounts set beside their own year's budget stay final accounts.
    same_year = text.replace("2025年", "2024年")
    assert document_kind(same_year) == "final_accounts"


def test_a_title_with_last_year_s_execution_and_this_year_s_budget() -> None:
    text = (
        "二、“三公”经费2023年执行情况和2024年预算情况\n"
        "2023年全县“三公”经费执行数812.5万元，2024年“三公”经费预算数790.2万元。\n"
    )
    title = text.split("\n", 1)[0]
    assert report_year(text, title, "budget") == 2024
    assert report_year(text, title, "final_accounts") == 2023


def test_a_units_yearly_self_evaluation_is_overall() -> None:
    text = (
        "青石乡人民政府2023年度绩效自评报告\n一、单位基本情况\n"
        "2023年度财政拨款支出合计860.40万元，预算执行率98%。\n"
    )
    assert document_kind(text) == "overall"


def test_a_projects_yearly_self_evaluation_stays_a_project() -> None:
    assert document_kind("某镇道路养护项目2023年度绩效自评报告\n资金共50万元。\n") == "project"
    assert document_kind("某县农机补助资金2023年度绩效自评报告\n资金共50万元。\n") == "project"


def test_years_of_what_is_planned_for_later_do_not_vote() -> None:
    text = (
        "一、自评工作开展情况\n本馆开展了2020年项目绩效自评。2020年10月完成展厅改造，"
        "二期工程预计于2021年3月完工，余款将于2021年6月前支付，计划在2021年底前验收。\n"
    )
    assert report_year(text, None, "project") == 2020
