"""The panel's arithmetic: divergence by share of the weight, mean and trimmed mean, the grade
of the displayed total, the sheets' own sums, and the re-check by jixiao's project scoring."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from jixiao.domain.report import Direction, Indicator
from jixiao.scoring.key_rules import load_key_rules
from jixiao.scoring.panel import (
    Agreement,
    Method,
    PanelIndicator,
    PanelResult,
    Sheet,
    TargetFigure,
    combine,
    recheck,
    sheet_problems,
)

D = Decimal
RULES = load_key_rules().panel  # divergence 20% of the weight, trimmed mean from 3
INDICATORS = (
    PanelIndicator("a", "决策", "项目立项", "立项依据充分性", D(10)),
    PanelIndicator("b", "过程", "资金管理", "预算执行率", D(20)),
    PanelIndicator("c", "产出", "数量指标", "培训人次", D(40)),
    PanelIndicator("d", "效益", "社会效益指标", "农户增收", D(30)),
)


def sheet(name: str, *points: str, total: str | None = None) -> Sheet:
    scores = {key: D(p) for key, p in zip("abcd", points, strict=True)}
    return Sheet(name, scores, None if total is None else D(total))


def test_two_close_sheets_give_the_mean_and_its_grade() -> None:
    result = combine(
        INDICATORS, [sheet("专家1", "9", "18", "36", "27"), sheet("专家2", "8", "19", "35", "28")],
        {}, RULES,
    )  # fmt: skip
    assert [line.method for line in result.lines] == [Method.MEAN] * 4
    assert result.line("a").final == D("8.5") and result.line("c").final == D("35.5")
    assert result.total == D(90) and result.grade == "优"
    assert not result.divergent and not result.problems
    assert result.line("a").explanation == (
        "立项依据充分性（分值10分）：评分9、8，相差1分，未超过分值的20%（2分）；平均8.5分"
    )


def test_a_spread_above_the_share_is_pending_until_the_panel_agrees() -> None:
    sheets = [sheet("专家1", "9", "18", "36", "27"), sheet("专家2", "9", "18", "26", "27")]
    result = combine(INDICATORS, sheets, {}, RULES)
    divergent = result.line("c")
    assert divergent.divergent and divergent.spread == D(10) and divergent.limit == D(8)
    assert divergent.method is Method.PENDING and divergent.final is None
    assert result.total is None and result.grade is None
    assert [line.indicator.key for line in result.pending] == ["c"]
    agreed = combine(
        INDICATORS, sheets, {"c": Agreement(D(30), "现场核查培训台账为1000人次")}, RULES
    )
    line = agreed.line("c")
    assert line.method is Method.AGREED and line.final == D(30) and line.divergent
    assert line.explanation.endswith("经专家组合议定为30分：现场核查培训台账为1000人次")
    assert agreed.total == D(84) and agreed.grade == "良"


def test_exactly_the_share_is_not_divergent() -> None:
    sheets = [sheet("专家1", "10", "20", "40", "30"), sheet("专家2", "8", "16", "32", "24")]
    result = combine(INDICATORS, sheets, {}, RULES)
    assert not result.divergent  # 2 of 10 is exactly 20%: not more
    assert result.total == D(90)


def test_three_evaluators_use_the_trimmed_mean() -> None:
    sheets = [
        sheet("专家1", "9", "18", "36", "27"),
        sheet("专家2", "7", "17", "34", "26"),
        sheet("第三方机构", "8", "20", "35", "30"),
    ]
    result = combine(INDICATORS, sheets, {}, RULES)
    a = result.line("a")
    assert a.method is Method.TRIMMED and a.final == D(8)  # 7 and 9 dropped
    assert "去掉最高和最低（7、9）后平均8分" in a.explanation
    assert result.line("d").final == D(27)
    assert result.total == D(8 + 18 + 35 + 27)


def test_a_mean_that_does_not_end_is_kept_exact_and_shown_rounded() -> None:
    one = PanelIndicator("x", "产出", "", "指标", D(100))
    sheets = [Sheet("甲", {"x": D("89.99")}), Sheet("乙", {"x": D("90")})]
    result = combine([one], sheets, {}, RULES)
    assert result.total == D("89.995")
    assert result.grade == "优"  # 89.995 is shown as 90 (half up), and 90 is 优


def test_the_sheets_own_arithmetic_is_checked() -> None:
    wrong = Sheet("专家1", {"a": D(11), "b": D(-1), "c": D(30)}, stated_total=D(45))
    codes = [p.code for p in sheet_problems(INDICATORS, wrong)]
    assert codes == ["score-above-weight", "score-negative", "score-missing", "total-differs"]
    messages = [p.message for p in sheet_problems(INDICATORS, wrong)]
    assert "专家1评分表所写合计45分，各项得分相加为40分" in messages
    right = sheet("专家2", "9", "18", "36", "27", total="90")
    assert sheet_problems(INDICATORS, right) == ()


def test_weights_that_miss_the_full_points_are_reported() -> None:
    result = combine(INDICATORS[:3], [sheet("专家1", "9", "18", "36", "27")], {}, RULES)
    assert [p.code for p in result.problems] == ["weights-not-full"]


def test_an_agreement_outside_the_weight_is_refused() -> None:
    sheets = [sheet("专家1", "9", "18", "36", "27"), sheet("专家2", "9", "18", "26", "27")]
    result = combine(INDICATORS, sheets, {"c": Agreement(D(41), "x")}, RULES)
    assert result.line("c").method is Method.PENDING
    assert [p.code for p in result.problems] == ["agreement-outside"]


def test_by_level1_adds_up_the_categories() -> None:
    result = combine(INDICATORS, [sheet("专家1", "9", "18", "36", "27")], {}, RULES)
    assert result.by_level1() == [
        ("决策", D(10), D(9)),
        ("过程", D(20), D(18)),
        ("产出", D(40), D(36)),
        ("效益", D(30), D(27)),
    ]


# -- the re-check --------------------------------------------------------------------------
def _targets() -> list[TargetFigure]:
    count = Indicator("产出指标", "数量指标", "培训人次", Direction.AT_LEAST, "1200", "900", "人次")
    income = Indicator(
        "效益指标", "社会效益指标", "农户增收", Direction.QUALITATIVE, "明显增收", "部分农户增收"
    )
    return [TargetFigure("c", count), TargetFigure("d", income)]


def test_recheck_scores_each_indicator_as_jixiao_does_at_the_panels_weight() -> None:
    sheets = [sheet("专家1", "9", "18", "36", "28"), sheet("专家2", "9", "18", "36", "28")]
    panel = combine(INDICATORS, sheets, {}, RULES)
    checked = recheck(
        panel, RULES, targets=_targets(), execution_key="b", budget=D(400), executed=D(380)
    )
    lines = {line.key: line for line in checked.lines}
    # 预算执行率 95%: 10 × 95% = 9.5 on the framework's 10 points, 19 on this one's 20
    assert lines["b"].computed == D(19) and not lines["b"].flagged
    assert lines["b"].explanation.endswith("按本指标分值20分折算为19分")
    # 900 of 1200 人次: 40 × 900 / 1200 = 30; the panel gave 36, 6 more than 10% of 40 (4)
    assert lines["c"].computed == D(30) and lines["c"].flagged
    assert lines["c"].difference == D(6)
    # "部分农户增收" is 部分达成 (60%–80% of 30 = 18–24): the panel's 28 is above the band
    assert lines["d"].computed == D(24) and lines["d"].flagged
    assert [line.key for line in checked.flagged] == ["c", "d"]
    assert checked.problems == ()


def test_recheck_lists_what_it_cannot_compute() -> None:
    panel = combine(INDICATORS, [sheet("专家1", "9", "18", "36", "27")], {}, RULES)
    checked = recheck(panel, RULES, targets=_targets()[:1], execution_key="b")
    assert [line.key for line in checked.lines] == ["c"]
    assert checked.uncomputed and checked.uncomputed[0].startswith("预算执行率：缺少全年预算数")


def test_recheck_re_adds_a_stored_total_and_grade() -> None:
    panel = combine(INDICATORS, [sheet("专家1", "9", "18", "36", "27")], {}, RULES)
    forged = dataclasses.replace(panel, total=D(95), grade="良")  # 9+18+36+27 = 90: 优
    codes = [p.code for p in recheck(forged, RULES).problems]
    assert codes == ["total-not-sum", "grade-not-band"]


@pytest.mark.parametrize(
    ("scores", "grade"),
    [("90", "优"), ("89.99", "良"), ("80", "良"), ("60", "中"), ("59.99", "差")],
)
def test_grade_bands_are_inclusive_at_their_minimum(scores: str, grade: str) -> None:
    one = PanelIndicator("x", "产出", "", "指标", D(100))
    result: PanelResult = combine([one], [Sheet("甲", {"x": D(scores)})], {}, RULES)
    assert result.grade == grade
