"""A complete 基础数据 file scores exactly as computed by hand, indicator by indicator.

Fixture: tests/fixtures/scoring/complete-overall.yaml (青峰县统计局 2022, fictional).
Framework dept-overall-b (default) unless said otherwise. Hand computation:

投入 / 预算配置
  在职人员控制率 = 41 / 40 = 102.5%; 2.5 points above 100% × 0.5 = 1.25 off → 5 − 1.25 = 3.75
  三公经费变动率 = (11 − 13) / 13 = −15.38% ≤ 0 → full 5
  重点支出安排率 = 1530 / 2000 = 76.5% → band ≥ 70 → 3
过程 / 预算执行
  预算完成率 = 2910 / 3000 = 97% (weight 0 in B: shown, not counted)
  预算调整率 = 240 / 3000 = 8% ≤ 10 → 2
  支付进度率 = 92 / 100 = 92% → 3 × 0.92 = 2.76
  结转结余率 = 90 / 3000 = 3% (weight 0 in B)
  结转结余变动率: 本年 90 ≤ 上年 120 → 2
  公用经费控制率 = 82 / 80 = 102.5%; 2.5 × 0.3 = 0.75 off → 2.25
  三公经费控制率 = 11.33 / 11 = 103%; 3 × 1 = 3 off → 6 − 3 = 3
  政府采购执行率 = 380 / 400 = 95% → 2 × 0.95 = 1.9           预算执行 = 13.91
过程 / 预算管理
  管理制度健全性 3 of 3 要点 → 3; 资金使用合规性 1 violation → 3 − 1 = 2;
  预决算信息公开性 2 of 2 → 2; 基础信息完善性 1 of 2 → 1       预算管理 = 8
过程 / 资产管理
  管理制度健全性 2 of 3 → 2; 资产管理安全性 4 of 5 × 0.6 = 2.4;
  固定资产利用率 = 1140 / 1200 = 95% → 4 × 0.95 = 3.8          资产管理 = 8.2
产出 / 职责履行
  实际完成率 38/40 = 95% → 7 × 0.95 = 6.65; 完成及时率 36/40 = 90% → 5 × 0.9 = 4.5;
  质量达标率 38/40 = 95% → 5 × 0.95 = 4.75; 重点工作办结率 12/12 = 100% → 8   产出 = 23.9
效果 / 履职效益
  经济效益 达成, 2.7 in [2.4, 3] → 2.7; 社会效益 部分达成, 3.0 in [2.4, 3.2] → 3.0;
  生态效益 达成, 2.0 below [2.4, 3] → the band's lower edge 2.4 (warned);
  满意度 = 352 / 400 = 88% < 90% → 10 × 88 / 90 = 9.7777…        效果 = 17.8777…
Total = 11.75 + 13.91 + 8 + 8.2 + 23.9 + 17.8777… = 83.6377… → shown 83.64 → 良.
Self score 92 is 8.36 above: warned (margin 5).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.domain.scorecard import LineStatus, Scorecard, rounded
from jixiao.scoring import frameworks
from jixiao.scoring.engine import score
from jixiao.scoring.inputs import read_inputs_file
from tests.conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "scoring" / "complete-overall.yaml"

HAND = {
    "staff-control-rate": "3.75",
    "three-public-change": "5",
    "key-spending-rate": "3",
    "budget-adjustment-rate": "2",
    "payment-progress-rate": "2.76",
    "carryover-change": "2",
    "public-control-rate": "2.25",
    "three-public-control-rate": "3",
    "procurement-rate": "1.9",
    "budget-rules": "3",
    "fund-compliance": "2",
    "disclosure": "2",
    "basic-info": "1",
    "asset-rules": "2",
    "asset-safety": "2.4",
    "fixed-asset-use": "3.8",
    "completion-rate": "6.65",
    "timeliness-rate": "4.5",
    "quality-rate": "4.75",
    "key-task-rate": "8",
    "economic-benefit": "2.7",
    "social-benefit": "3.0",
    "ecological-benefit": "2.4",
}
SATISFACTION = Decimal(880) / Decimal(90)  # 10 × 88 / 90, exact to 28 digits
REFERENCE = {"goal-rationality", "indicator-clarity", "budget-completion-rate", "carryover-rate"}


@pytest.fixture(scope="module")
def card() -> Scorecard:
    return score(read_inputs_file(FIXTURE), "dept-overall-b")


def test_every_indicator_scores_as_computed_by_hand(card: Scorecard) -> None:
    for indicator, expected in HAND.items():
        line = card.line(indicator)
        assert line.status is LineStatus.SCORED, indicator
        assert line.score == Decimal(expected), (indicator, line.score, line.explanation)
    satisfaction = card.line("satisfaction")
    assert satisfaction.score is not None
    assert abs(satisfaction.score - SATISFACTION) < Decimal("1e-20")
    assert rounded(satisfaction.score) == Decimal("9.78")
    scored = {line.id for line in card.lines if line.status is LineStatus.SCORED}
    assert scored == {*HAND, "satisfaction"}
    assert {line.id for line in card.lines if line.status is LineStatus.REFERENCE} == REFERENCE


def test_total_grade_and_self_score(card: Scorecard) -> None:
    expected = sum((Decimal(v) for v in HAND.values()), SATISFACTION)
    assert card.complete and not card.missing
    assert card.total == expected
    assert rounded(expected) == Decimal("83.64")
    assert card.grade == "良"
    assert (card.self_score, card.self_grade) == (Decimal(92), "优")
    assert card.counted_weight == card.full_points == 100 and not card.rescaled
    warning = next(w for w in card.warnings if w.code == "self-score-above-computed")
    assert "92" in warning.message and "83.64" in warning.message


def test_the_sentences_state_the_formula_and_the_numbers(card: Scorecard) -> None:
    assert card.line("three-public-change").explanation == (
        "三公经费变动率 = (11 − 13) / 13 = −15.38%，不高于0，得满分5分"
    )
    assert card.line("staff-control-rate").explanation == (
        "在职人员控制率 = 41 / 40 = 102.5%，高于100%共2.5个百分点，每个百分点扣0.5分，"
        "扣1.25分，得3.75分"
    )
    assert card.line("carryover-change").explanation == (
        "结转结余变动率 = (90 − 120) / 120 = −25%，本年结转结余90万元不高于上年结转结余"
        "120万元，得2分"
    )
    assert card.line("budget-completion-rate").explanation == (
        "预算完成率 = 2910 / 3000 = 97%（参考指标，本框架不计分）"
    )
    assert card.line("fund-compliance").explanation == (
        "资金使用合规性：发现违规问题1项，每项扣1分，共扣1分，得2分"
    )
    assert "按档下限计2.4分" in card.line("ecological-benefit").explanation


def test_the_units_own_scores_sit_beside_the_computed_ones(card: Scorecard) -> None:
    assert card.line("staff-control-rate").stated_score == 5
    assert card.line("three-public-change").stated_score == 5  # given by its level-3 name
    assert card.line("key-spending-rate").stated_score is None


def test_an_out_of_band_score_is_warned(card: Scorecard) -> None:
    [warning] = [w for w in card.warnings if w.code == "score-outside-band"]
    assert warning.indicator == "ecological-benefit"
    assert (warning.stated, warning.computed) == (Decimal("2.0"), Decimal("2.4"))


def test_another_regions_file_changes_the_total_as_it_says() -> None:
    """dept-overall-d: 三公 change on actuals with 8 points, no 重点支出安排率, 预算完成率 2.

    在职人员控制率 3.75 (same rule); 三公经费变动率 = (11.33 − 12) / 12 = −5.58% → full 8;
    重点支出安排率 not counted; 预算完成率 97% → 2 × 0.97 = 1.94; the rest as in B.
    Total = 83.6377… − 5 (B's 三公) − 3 (B's 重点支出) + 8 + 1.94 = 85.5777… → 85.58, 良.
    """
    inputs = read_inputs_file(FIXTURE)
    b = score(inputs, "dept-overall-b")
    d = score(inputs, frameworks.load("dept-overall-d"))
    assert d.line("three-public-change").score == 8
    assert d.line("three-public-change").explanation.startswith(
        "三公经费变动率 = (11.33 − 12) / 12 = −5.58%"
    )
    assert d.line("key-spending-rate").status is LineStatus.REFERENCE
    assert d.line("budget-completion-rate").score == Decimal("1.94")
    assert b.total is not None and d.total is not None
    assert d.total - b.total == Decimal("1.94")
    assert rounded(d.total) == Decimal("85.58")


def test_a_framework_file_of_ones_own_is_loaded_by_path(tmp_path: Path) -> None:
    """A city that weighs 在职人员控制率 10 and 三公经费变动率 0: a file, no code."""
    text = (ROOT / "src/jixiao/data/frameworks/dept-overall-b.yaml").read_text(encoding="utf-8")
    text = text.replace("name: dept-overall-b", "name: city-x").replace("default: true", "")
    staff = "    direction: lower\n    weight: 5\n    method: deduct_per_point\n"
    staff += "    params: {limit: 100, deduct: 0.5}\n    note: 在职"
    assert staff in text
    text = text.replace(staff, staff.replace("weight: 5", "weight: 10"))
    change = "    weight: 5\n    method: deduct_per_point\n    params: {limit: 0, deduct: 0.5}\n"
    assert change in text
    text = text.replace(change, "    weight: 0\n    method: reference\n")
    path = tmp_path / "city-x.yaml"
    path.write_text(text, encoding="utf-8")
    card = score(read_inputs_file(FIXTURE), str(path))
    assert card.framework.name == "city-x"
    # 在职人员控制率 now 10 − 1.25 = 8.75 (+5), 三公经费变动率 no longer counts (−5).
    assert card.line("staff-control-rate").score == Decimal("8.75")
    base = score(read_inputs_file(FIXTURE), "dept-overall-b")
    assert card.total is not None and base.total is not None
    assert card.total - base.total == Decimal("8.75") - Decimal("3.75") - Decimal(5)
