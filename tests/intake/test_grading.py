"""The self score and the grade in the wordings forms and reposted PDFs give them (invented)."""

from __future__ import annotations

import pytest

from jixiao.intake.parse import parse_text

TITLE = "某镇2024年度部门整体支出绩效自评报告\n"


def _score(text: str) -> str | None:
    score = parse_text(TITLE + text, source="t").performance.self_score
    return None if score is None else str(score.value.percent)


@pytest.mark.parametrize(
    "text",
    [
        "自评总分95.3分。",
        "自评总分(分)95.3\n",
        "自评总分（分）\n95.3\n",
        "自评总分：95.3\n",
        "自评得分95.3财政复核得分\n",  # a form's fields run together
        "自评得分 95.3\n",
    ],
)
def test_a_score_whose_unit_is_in_the_label_or_implied_by_a_colon(text: str) -> None:
    assert _score(text) == "95.3"


@pytest.mark.parametrize(
    "text",
    [
        "自评总分：95.3万元\n",  # an amount
        "自评总分：95.3%\n",  # a rate
        "自评总分：120\n",  # no score out of a hundred
        "自评得分90以上为优秀\n",  # a band, not a score
        "自评得分 100 94\n",  # a row of a table: the weight, then the score
    ],
)
def test_a_bare_number_that_is_not_points_out_of_a_hundred(text: str) -> None:
    assert _score(text) is None


def test_a_grade_broken_by_a_pdf_line_break_is_one_word() -> None:
    report = parse_text(TITLE + "经综合评价，自评为优 秀。\n", source="t")
    assert report.performance.grade is not None
    assert report.performance.grade.value == "优秀"


def test_the_adjusted_budget_with_its_template_brackets() -> None:
    text = "年初预算920.50万元，全年(调整)预算数1430.20万元，全年执行数1401.60万元，执行率98%。\n"
    budget = parse_text(TITLE + text, source="t").budget
    assert budget.adjusted is not None
    assert str(budget.adjusted.value.wan) == "1430.20"


def test_the_bracketed_adjusted_budget_as_a_table_header() -> None:
    text = (
        "| 资金 | 年初预算数 | 全年（调整）预算数 | 全年执行数 | 执行率 |\n"
        "| 年度资金总额 | 900 | 1000 | 950 | 95% |\n"
    )
    budget = parse_text(TITLE + text, source="t").budget
    assert budget.adjusted is not None and str(budget.adjusted.value.wan) == "1000"
    assert budget.initial is not None and str(budget.initial.value.wan) == "900"


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("满意度指标服务对象满意度10≥90%≥92%10总分10093.5注:", "93.5"),
        ("……总分100100注:1.一级指标分值统一设置", "100"),
    ],
)
def test_a_total_row_whose_weight_and_score_ran_together(text: str, score: str) -> None:
    assert _score(text) == score


@pytest.mark.parametrize("text", ["总分1008注", "总分100分", "总分1001234"])
def test_digits_after_a_total_of_100_that_are_no_score(text: str) -> None:
    assert _score(text) is None


@pytest.mark.parametrize("word", ["均", "都", "皆"])
def test_a_grade_stated_at_once_for_the_whole_and_its_funds(word: str) -> None:
    text = f"本年度部门整体支出和专项资金的自评等次{word}为优秀。\n"
    report = parse_text(TITLE + text, source="t")
    assert report.performance.grade is not None
    assert report.performance.grade.value == "优秀"


def test_the_points_of_one_indicator_are_not_the_self_score() -> None:
    assert _score("一、资金投入方面\n资金到位及时，该指标评价得分8分。\n") is None


def test_different_scores_of_several_funds_in_one_sentence_are_none_of_them() -> None:
    text = "根据各镇上报情况，道路养护资金绩效自评分数为81.5分、桥梁维修资金自评分数为92分。\n"
    assert _score(text) is None


def test_one_score_stated_twice_in_a_sentence_is_kept() -> None:
    text = "经评价，本项目自评得分为93分，综合评分93分。\n"
    assert _score(text) == "93"


def test_a_score_compared_with_last_year_s_in_one_sentence_is_kept() -> None:
    assert _score("本年度自评得分为95分，较上年自评得分90分提高5分。\n") == "95"


def test_a_bracketed_score_after_a_finished_paragraph_is_a_criterions() -> None:
    text = "1.本级资金安排情况\n本级安排资金300万元，较上年增加5万元，稳中有升。(自评得分4分)\n"
    assert _score(text) is None


def test_a_bracketed_score_after_the_grade_is_the_reports() -> None:
    assert _score("综合评价等级为优（自评得分93分）。\n") == "93"
