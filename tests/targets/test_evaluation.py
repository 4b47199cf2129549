"""The self-evaluation scored against the original targets, computed by hand.

执行率 = 380 / 400 = 95% → 10 × 0.95 = 9.5
产出 (50, shared by 3 rows when the table gives no 分值: 50/3 each)
  培训人次 ≥ 1200, actual 600 → 50/3 × 0.5 = 8.333…
  培训合格率 ≥ 95%, actual 95 → 50/3
  项目完成时间 定性, "12月底前已完成" → 达成 band [13.33, 16.67], unit's 16 accepted
效益 (30) 带动农户增收 ≥ 800元/户, actual 400 → 15
满意度 (10) 满意度 ≥ 90%, actual 45 → 5
Total = 9.5 + 8.333… + 16.666… + 16 + 15 + 5 = 70.5 → 中
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.domain.basic_data import Level
from jixiao.domain.scorecard import Scorecard
from jixiao.targets.evaluation import (
    Actual,
    gaps_without_reason,
    indicators_with_actuals,
    score_against_targets,
)
from jixiao.targets.model import TargetTable, table_from_mapping

D = Decimal


def _table(first_target: str = "1200") -> TargetTable:
    keys = ("key", "level1", "level2", "level3", "value_type", "direction", "value", "unit")
    rows = [
        ("r1", "产出指标", "数量指标", "培训人次", "定量", "≥", first_target, "人次"),
        ("r2", "产出指标", "质量指标", "培训合格率", "定量", "≥", "95", "%"),
        ("r3", "产出指标", "时效指标", "项目完成时间", "定性", "", "12月底前完成", ""),
        ("r4", "效益指标", "经济效益指标", "带动农户增收", "定量", "≥", "800", "元/户"),
        ("r5", "满意度指标", "服务对象满意度指标", "满意度", "定量", "≥", "90", "%"),
    ]
    return table_from_mapping(
        kind="project",
        goal="培训",
        rows=[dict(zip(keys, row, strict=True)) for row in rows],
    )


ACTUALS = [
    Actual("r1", "600", "下半年培训因场地改造推迟"),
    Actual("r2", "95"),
    Actual("r3", "12月底前已完成", score=D(16), level=Level.ACHIEVED),
    Actual("r4", "400", "市场价格下跌"),
    Actual("r5", "45", "培训内容与需求不符"),
]


def _score(table: TargetTable, actuals: list[Actual] = ACTUALS) -> Scorecard:
    return score_against_targets(
        table=table,
        actuals=actuals,
        budget=D(400),
        executed=D(380),
        unit_name="甲区农业农村局",
        year=2023,
        source="农技推广培训项目绩效目标表",
    )


def test_scored_by_the_project_method_against_the_targets() -> None:
    card = _score(_table())
    assert card.total is not None and card.total.quantize(D("0.01")) == D("70.50")
    assert card.grade == "中"
    assert card.framework.name == "project-self-2020"
    lines = {line.level3: line for line in card.lines}
    assert lines["培训人次"].target == "1200" and lines["培训人次"].actual == "600"
    assert lines["预算执行率"].score == D("9.5")


def test_the_target_value_comes_from_the_table_only() -> None:
    lower = _score(_table(first_target="600"))  # had the target been set at 600 …
    original = _score(_table())
    assert lower.total is not None and original.total is not None
    assert lower.total > original.total


def test_rows_without_an_actual_are_missing_never_guessed() -> None:
    card = _score(_table(), ACTUALS[1:])
    assert card.total is None
    assert any("培训人次" in m.label for m in card.missing)


def test_unmet_targets_need_a_reason() -> None:
    actuals = [Actual("r1", "600"), Actual("r2", "96"), Actual("r4", "900"), Actual("r5", "80")]
    assert gaps_without_reason(_table(), actuals) == ("r1", "r5")
    rows = indicators_with_actuals(_table(), actuals)
    assert rows[2].actual is None and rows[0].deviation_reason is None


def test_a_qualitative_band_is_taken_as_chosen_or_read_from_words() -> None:
    chosen = Actual("r3", "12月底前已完成", level=Level.PARTLY)
    assert chosen.scored_value(qualitative=True) == "部分达成"
    assert chosen.scored_value(qualitative=False) == "12月底前已完成"
    worded = [*ACTUALS[:2], Actual("r3", "已按期完成并验收", score=D(15)), *ACTUALS[3:]]
    card = _score(_table(), worded)
    assert card.total is not None
