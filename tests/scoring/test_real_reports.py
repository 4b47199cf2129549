"""The real excerpts in ../shared/corpus/real and the seed, read by the intake and scored.

012 (临沧市永德县明朗中学, 2022, 项目支出自评表, self score 96 优). Its own arithmetic: 执行率
10 + 学生受资助人数 10 + 覆盖率 10 + 资金到位及时率 7 + 生均补助标准达标率 10 + 经济效益 10 +
政策知晓率 9 + 可持续影响 10 + 学生满意度 10 + 家长满意度 10 = 96. jixiao agrees on every row but:

- 资金到位及时率: target ≥ 100%, actual 100%, met, yet 7 of 10. Computed 10; flagged
  achieved-not-full-marks (+3).
- 政策知晓率: target = 100%, actual 98%. Proportional: 10 × (1 − 2/100) = 9.8, the unit 9
  (it took 1 point for 2 points short); +0.8.
- 减轻贫困学生家庭经济负担 (经济效益, target and actual "有效", 10 of 10): the intake does not
  read this row today (it has no 指标性质 cell), so the table jixiao sees lists 90 points
  and the total is rescaled from 89.8 / 90. With the row read, the total would be
  96 + 3 + 0.8 = 99.8 of 100.

007 (大英县司法局, 2023, 部门预算项目支出绩效自评表, 权重合计100): execution 3.36 / 3.36 = 100%
→ 10 of 10 as the unit; 成本控制数 ≤ 30万元 with 完成值 "完成" → 达成 band, the unit's 90 of
90 accepted (and flagged: the actual is not a number). The excerpt cuts the quality row
(完成安可产品购买并按要求支付资金 = 100) before its actual, weight and score: not counted,
flagged. Total 100 = the unit's own 10 + 90.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.domain.scorecard import LineStatus, Scorecard, rounded
from jixiao.intake.parse import parse_text
from jixiao.scoring.engine import score
from tests.conftest import CORPUS, SEED, shared_file

pytestmark = pytest.mark.shared


def _card(name: str) -> Scorecard:
    path = shared_file(CORPUS / "real" / name)
    return score(parse_text(path.read_text(encoding="utf-8"), source=name))


def _by_name(card: Scorecard) -> dict[str, tuple[Decimal | None, Decimal | None]]:
    return {line.level3: (line.score, line.stated_score) for line in card.lines}


def test_012_scores_as_the_unit_where_its_arithmetic_is_right() -> None:
    card = _card("012.txt")
    assert (card.self_score, card.self_grade) == (Decimal(96), "优")
    rows = _by_name(card)
    agreeing = ["学生受资助人数", "营养改善计划覆盖率", "生均补助标准达标率"]
    agreeing += ["促进学校教育事业健康发展", "学生满意度", "家长满意度"]
    for name in agreeing:
        computed, stated = rows[name]
        assert computed == stated == 10, name
    assert rows["预算执行率"] == (Decimal(10), None)
    assert rows["资金到位及时率"] == (Decimal(10), Decimal(7))
    assert rows["政策知晓率"] == (Decimal("9.8"), Decimal(9))


def test_012_flags_the_met_target_scored_7_of_10() -> None:
    card = _card("012.txt")
    flagged = [w for w in card.warnings if w.code == "achieved-not-full-marks"]
    assert [w.indicator for w in flagged] == [card_id(card, "资金到位及时率")]
    assert flagged[0].evidence and flagged[0].evidence[0].quote == "资金到位及时率"
    assert "self-score-above-computed" not in card.warning_codes()
    samples = [w for w in card.warnings if w.code == "satisfaction-without-sample"]
    assert len(samples) == 2  # 学生 and 家长: the text never says how many were asked


def test_012_total_and_the_unread_row() -> None:
    card = _card("012.txt")
    names = {line.level3 for line in card.lines}
    if "减轻贫困学生家庭经济负担" in names:  # once the intake reads the 有效/有效 row
        assert card.counted_weight == 100
        assert card.total == Decimal("99.8")
    else:
        assert card.counted_weight == 90
        assert card.scored == Decimal("89.8")
        assert card.total == Decimal("89.8") * 100 / 90
        assert "weights-sum-not-100" in card.warning_codes()
    assert card.total is not None and card.grade == "优"
    assert card.self_score is not None and card.self_score <= rounded(card.total)


def test_007_scores_as_the_unit() -> None:
    card = _card("007.txt")
    assert card.total == 100 and card.grade == "优"
    execution = card.line("execution")
    assert (execution.value, execution.score) == (Decimal(100), Decimal(10))
    cost = next(line for line in card.lines if line.level3 == "成本控制数")
    assert (cost.score, cost.stated_score) == (Decimal(90), Decimal(90))
    codes = card.warning_codes()
    assert "actual-not-quantified" in codes
    assert "indicator-unweighted" in codes
    assert "output-as-spending" in codes  # 完成…购买并按要求支付资金 is money paid


def card_id(card: Scorecard, level3: str) -> str:
    return next(line.id for line in card.lines if line.level3 == level3)


def test_the_seed_lists_exactly_what_is_missing() -> None:
    """The seed (常宁市科技和工业信息化局 2022 绩效情况说明) states 三公经费11万元 (actual),
    公用经费57.38万元 and 项目支出4459.21万元, and nothing else the framework needs."""
    path = shared_file(SEED)
    card = score(parse_text(path.read_text(encoding="utf-8"), source="seed"))
    assert card.framework.name == "dept-overall-b"
    assert card.total is None and card.grade is None and card.scored == 0
    needed = {n.key for n in card.needed()}
    assert needed == {
        "actual_staff",
        "authorized_staff",
        "three_public_budget",
        "three_public_budget_prev",
        "key_project_spending",
        "budget_adjustment",
        "budget",
        "payment_progress_actual",
        "payment_progress_planned",
        "carryover",
        "carryover_prev",
        "public_budget",
        "procurement_actual",
        "procurement_budget",
        "fixed_assets_in_use",
        "fixed_assets_total",
        "tasks_done",
        "tasks_planned",
        "tasks_on_time",
        "tasks_up_to_standard",
        "key_tasks_done",
        "key_tasks_assigned",
        "survey_satisfied",
        "survey_sample",
        *(
            f"judgement:{i}"
            for i in (
                "budget-rules",
                "fund-compliance",
                "disclosure",
                "basic-info",
                "asset-rules",
                "asset-safety",
                "economic-benefit",
                "social-benefit",
                "ecological-benefit",
            )
        ),
    }
    # What it does state is used, never asked for again.
    three_public = card.line("three-public-control-rate")
    assert [m.key for m in three_public.missing] == ["three_public_budget"]
    assert [m.key for m in card.line("key-spending-rate").missing] == ["key_project_spending"]
    assert {line.status for line in card.lines} == {LineStatus.MISSING, LineStatus.REFERENCE}
