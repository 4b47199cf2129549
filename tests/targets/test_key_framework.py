"""A key project's indicators: the framework's 决策/过程, then its approved targets with the
产出/效益 weight shared out, adding up to the full points exactly."""

from __future__ import annotations

from decimal import Decimal

from jixiao.scoring.key_rules import load_key_rules
from jixiao.targets.key_framework import key_indicators, target_figures
from jixiao.targets.model import table_from_mapping

D = Decimal
FRAMEWORK = load_key_rules().framework


def _table(*rows: dict[str, str]) -> object:
    return table_from_mapping(kind="project", goal="全年培训1200人次", rows=list(rows))


def row(key: str, level1: str, level3: str, **more: str) -> dict[str, str]:
    return {"key": key, "level1": level1, "level2": "", "level3": level3, **more}


def test_three_outputs_share_35_to_the_cent_and_add_up() -> None:
    table = _table(
        row(
            "1", "产出指标", "培训人次", value_type="定量", direction="≥", value="1200", unit="人次"
        ),
        row("2", "产出指标", "培训期数", value_type="定量", direction="≥", value="10", unit="期"),
        row("3", "产出指标", "完成时间", value_type="定性", value="11月底前"),
        row(
            "4", "满意度指标", "参训满意度", value_type="定量", direction="≥", value="90", unit="%"
        ),
    )
    built = key_indicators(table, FRAMEWORK)  # type: ignore[arg-type]
    assert built.usable
    targets = [i for i in built.indicators if i.row_key]
    assert [(i.key, i.level1, i.weight) for i in targets] == [
        ("t-1", "产出", D("11.67")),
        ("t-2", "产出", D("11.67")),
        ("t-3", "产出", D("11.66")),
        ("t-4", "效益", D(30)),  # 满意度 counts as 效益 (10号文 附件1)
    ]
    assert targets[0].target == "≥1200人次" and targets[2].target == "11月底前"
    assert sum((i.weight for i in built.indicators), D(0)) == FRAMEWORK.full_points
    assert built.indicators[0].key == "c-basis"
    assert [i.key for i in built.indicators if i.formula] == ["c-execution"]


def test_the_tables_own_points_set_the_shares() -> None:
    table = _table(
        row("1", "产出指标", "培训人次", weight="30", value_type="定量", direction="≥", value="1"),
        row("2", "产出指标", "培训期数", weight="10", value_type="定量", direction="≥", value="1"),
        row("3", "效益指标", "增收", weight="20", value_type="定量", direction="≥", value="1"),
    )
    built = key_indicators(table, FRAMEWORK)  # type: ignore[arg-type]
    weights = {i.key: i.weight for i in built.indicators}
    assert weights["t-1"] == D("26.25") and weights["t-2"] == D("8.75") and weights["t-3"] == 30


def test_a_missing_category_and_a_stray_row_are_reported() -> None:
    table = _table(
        row("1", "产出指标", "培训人次", value_type="定量", direction="≥", value="1200"),
        row("2", "成本指标", "人均成本", value_type="定量", direction="≤", value="300"),
    )
    built = key_indicators(table, FRAMEWORK)  # type: ignore[arg-type]
    assert not built.usable
    assert built.problems == (
        "绩效目标“人均成本”的一级指标“成本指标”不属于产出、效益，无法计分",
        "批复的绩效目标中没有效益指标，效益的30分无法分配",
    )


def test_target_figures_carry_the_verified_actual() -> None:
    table = _table(
        row(
            "1", "产出指标", "培训人次", value_type="定量", direction="≥", value="1200", unit="人次"
        ),
        row("2", "效益指标", "增收", value_type="定性", value="明显"),
    )
    figures = target_figures(table, {"1": "1000", "2": " "})  # type: ignore[arg-type]
    assert [(f.key, f.indicator.target, f.indicator.actual) for f in figures] == [
        ("t-1", "1200", "1000"),
        ("t-2", "明显", None),
    ]
