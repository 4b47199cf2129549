"""Shares (占 X%) and completions (完成预算的 X%) recomputed from the figures beside them."""

from __future__ import annotations

from jixiao.audit.rules import change_rate_matches, completion_rate_matches, share_matches
from jixiao.domain.findings import Severity
from jixiao.intake.parse import parse_text
from tests.audit.builders import run_rule

TITLE = "某中心2024年度“三公”经费支出决算说明\n"


def _severities(rule: object, text: str) -> list[Severity]:
    return [f.severity for f in run_rule(rule, parse_text(TITLE + text, source="t"))]  # type: ignore[arg-type]


def test_shares_that_add_up_and_shares_swapped() -> None:
    whole = "“三公”经费支出决算10万元，其中："
    right = whole + "公务接待费支出决算4万元，占40%；公务用车购置及运行维护费6万元，占60%。"
    swapped = whole + "公务接待费支出决算4万元，占60%；公务用车购置及运行维护费6万元，占40%。"
    assert _severities(share_matches, right) == []
    assert _severities(share_matches, swapped) == [Severity.ERROR, Severity.ERROR]


def test_a_share_printed_as_a_fraction_of_a_percent() -> None:
    text = "“三公”经费支出决算10万元，其中：公务用车购置及运行维护费6万元，占0.6%。"
    assert _severities(share_matches, text) == [Severity.ERROR]


def test_completion_that_is_really_the_unspent_part() -> None:
    right = "公务接待费预算为1万元，支出决算为0.53万元，完成预算的53%。"
    unspent = "公务接待费预算为1万元，支出决算为0.53万元，完成预算的47%。"
    assert _severities(completion_rate_matches, right) == []
    assert _severities(completion_rate_matches, unspent) == [Severity.ERROR]


def test_completion_with_the_budget_inside_the_phrase_and_the_change_after_it() -> None:
    text = (
        "“三公”经费支出决算为34.08万元，完成全年预算50.74万元的67.2%，"
        "比上年决算数减少1.55万元，下降4.4%。"
    )
    report = parse_text(TITLE + text, source="t")
    assert run_rule(completion_rate_matches, report) == []
    assert run_rule(change_rate_matches, report) == []  # 1.55 ÷ 35.63 = 4.35%
    assert report.budget.adjusted is None  # the 三公 budget is not the unit's budget


def test_a_rate_against_the_budget_and_one_against_last_year() -> None:
    text = (
        "“三公”经费支出共计9.07万元，较年初预算数减少10.93万元，下降54.65%，"
        "较上年支出数减少0.71万元，下降7.83%。"
    )
    findings = run_rule(change_rate_matches, parse_text(TITLE + text, source="t"))
    assert [f.severity for f in findings] == [Severity.ERROR]  # 0.71 ÷ 9.78 = 7.26%
    assert "7.83%" in findings[0].message


def test_any_figure_whose_rate_is_taken_on_the_wrong_base() -> None:
    text = (
        "某镇2023年部门预算说明\n机关运行经费财政拨款预算为46.8万元，较2022年预算增加15.60万元，"
        "增长33.33%。\n收入总预算317.6万元，同比增加8.25万元，同比增长2.67%。\n"
    )
    findings = run_rule(change_rate_matches, parse_text(text, source="t"))
    assert [f.severity for f in findings] == [Severity.ERROR]  # 15.60 ÷ 31.2 = 50%
    assert "按变化前的31.2万元计算应增长50" in findings[0].message


def test_completion_against_a_stated_overrun_without_the_budget() -> None:
    # 支出310.00 exceeds the budget by 10.00, so the budget was 300.00 and 310 ÷ 300 = 103.33%
    right = "一般公共预算财政拨款支出310.00万元，完成年初预算103.33%，决算数大于预算数10.00万元。"
    wrong = "一般公共预算财政拨款支出310.00万元，完成年初预算100%，决算数大于预算数10.00万元。"
    assert _severities(completion_rate_matches, right) == []
    findings = run_rule(completion_rate_matches, parse_text(TITLE + wrong, source="t"))
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert "推算的预算300.00万元" in findings[0].message


def test_completion_against_a_stated_saving() -> None:
    # 支出96.00 is 4.00 under the budget of 100.00: 96%
    text = "公务用车运行维护费支出96.00万元，完成预算的96%，低于预算4.00万元。"
    assert _severities(completion_rate_matches, text) == []
    text = "公务用车运行维护费支出96.00万元，完成预算的104%，低于预算4.00万元。"
    assert _severities(completion_rate_matches, text) == [Severity.ERROR]


def test_completion_and_overrun_after_a_change_and_a_semicolon() -> None:
    # The clause after the semicolon has no label: its completion and overrun are the total's.
    head = "本年支出合计412.00万元，较上年增加12.00万元，增长3%；"
    right = head + "完成年初预算103%，决算数大于预算数12.00万元。"
    wrong = head + "完成年初预算100%，决算数大于预算数12.00万元。"
    assert _severities(completion_rate_matches, right) == []
    assert _severities(completion_rate_matches, wrong) == [Severity.ERROR]


def test_a_share_after_a_semicolon_is_not_carried_to_the_figure_before() -> None:
    text = (
        "支出合计50万元，其中：基本支出40万元，占80%；项目支出10万元，占20%；经营支出0万元，占0%。"
    )
    assert _severities(share_matches, text) == []


def test_a_parts_change_after_the_wholes_change_is_not_the_wholes() -> None:
    text = (
        "某所2025年“三公”经费预算说明\n2025年度“三公”经费预算总计9万元，较2024年度增加0.8万元，"
        "其中公务接待较上年减少0.4万元，减少11.76%；公务用车运行费用较上年增加1.2万元，增长25%。\n"
    )
    assert run_rule(change_rate_matches, parse_text(text, source="t")) == []
