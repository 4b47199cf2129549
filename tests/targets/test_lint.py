"""The target linter: each defect kind in a table written for it, and nothing on a good one."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.targets.lint import CODES, TargetIssue, has_errors, lint_table
from jixiao.targets.model import TableKind, TargetTable, table_from_mapping

Row = tuple[str, str, str, str, str, str, str]  # 一级, 二级, 三级, 类型, 性质, 指标值, 单位

GOOD: list[Row] = [
    ("产出指标", "数量指标", "农技培训人次", "定量", "≥", "1200", "人次"),
    ("产出指标", "质量指标", "培训合格率", "定量", "≥", "95", "%"),
    ("产出指标", "时效指标", "项目完成时间", "定性", "", "12月底前完成并验收", ""),
    ("产出指标", "成本指标", "人均培训成本", "定量", "≤", "500", "元"),
    ("效益指标", "经济效益指标", "带动农户增收", "定量", "≥", "800", "元/户"),
    ("效益指标", "可持续影响指标", "长效培训机制", "定性", "", "建立年度培训制度并执行", ""),
    ("满意度指标", "服务对象满意度指标", "参训农户满意度", "定量", "≥", "90", "%"),
]


def _table(rows: list[Row], goal: str = "完成农技培训1200人次，带动农户增收") -> TargetTable:
    keys = ("level1", "level2", "level3", "value_type", "direction", "value", "unit")
    return table_from_mapping(
        kind="project",
        goal=goal,
        rows=[dict(zip(keys, row, strict=True)) for row in rows],
        title="农技推广培训项目",
    )


def _codes(issues: tuple[TargetIssue, ...]) -> list[str]:
    return [issue.code for issue in issues]


def _with(index: int, row: Row) -> list[Row]:
    rows = list(GOOD)
    rows[index] = row
    return rows


def test_a_well_formed_table_has_no_issue() -> None:
    assert lint_table(_table(GOOD)) == ()


def test_an_overall_table_reads_the_same_way() -> None:
    table = _table(GOOD)
    overall = TargetTable(TableKind.OVERALL, table.goal, table.rows)
    assert lint_table(overall) == ()


@pytest.mark.parametrize(
    ("rows", "code", "row", "field", "words"),
    [
        # no number: vague words on a quantitative indicator
        (_with(0, ("产出指标", "数量指标", "农技培训人次", "定量", "≥", "有效提升", "人次")),
         "target-no-value", 0, "value", "笼统用语"),
        (_with(0, ("产出指标", "数量指标", "农技培训人次", "定量", "≥", "", "人次")),
         "target-no-value", 0, "value", "请填写指标值"),
        (_with(2, ("产出指标", "时效指标", "项目完成时间", "定性", "", "", "")),
         "target-no-value", 2, "value", "定性指标也要写明"),
        # no unit
        (_with(0, ("产出指标", "数量指标", "农技培训人次", "定量", "≥", "1200", "")),
         "target-no-unit", 0, "unit", "没有计量单位"),
        # input-type indicators presented as outputs
        (_with(0, ("产出指标", "数量指标", "资金到位率", "定量", "≥", "100", "%")),
         "target-input-as-output", 0, "level3", "不是产出指标"),
        (_with(1, ("产出指标", "时效指标", "支出进度", "定量", "≥", "90", "%")),
         "target-input-as-output", 1, "level3", "资金投入或预算执行类"),
        (_with(0, ("产出指标", "数量指标", "发放培训补贴", "定量", "≥", "60", "万元")),
         "target-input-as-output", 0, "unit", "以金额（万元）计量"),
        # duplicates (spacing and quotes do not hide one)
        ([*GOOD, ("产出指标", "数量指标", "农技 培训人次", "定量", "≥", "1000", "人次")],
         "target-duplicate", 7, "level3", "与第1行重复"),
        # values that cannot be compared with what will be measured
        (_with(1, ("产出指标", "质量指标", "培训合格率", "定量", "≥", "95", "人")),
         "target-incomparable", 1, "unit", "计量单位应为%"),
        (_with(6, ("满意度指标", "服务对象满意度指标", "参训农户满意度", "定量", "≥", "120", "%")),
         "target-incomparable", 6, "value", "不可能超过100%"),
        (_with(0, ("产出指标", "数量指标", "农技培训人次", "定量", "", "1200", "人次")),
         "target-incomparable", 0, "direction", "未选择指标性质"),
        (_with(3, ("产出指标", "成本指标", "人均培训成本", "定量", "≤", "≥500", "元")),
         "target-incomparable", 3, "direction", "相反"),
        (_with(0, ("产出指标", "数量指标", "农技培训人次", "定量", "≥", "12万人次", "人次")),
         "target-incomparable", 0, "unit", "不一致"),
        (_with(5, ("效益指标", "可持续影响指标", "长效培训机制", "定性", "", "95%", "")),
         "target-incomparable", 5, "value", "定性指标的指标值是数字"),
        (_with(1, ("产出指标", "质量指标", "培训合格率", "定性", "", "较高", "")),
         "target-incomparable", 1, "value", "是比率"),
        # an incomplete row
        (_with(0, ("产出指标", "数量指标", "", "定量", "≥", "1200", "人次")),
         "target-row-incomplete", 0, "level3", "请填写三级指标"),
    ],
)  # fmt: skip
def test_each_defect_is_flagged_on_its_row_and_cell(
    rows: list[Row], code: str, row: int, field: str, words: str
) -> None:
    issues = lint_table(_table(rows))
    assert _codes(issues) == [code], issues
    issue = issues[0]
    assert (issue.row, issue.field) == (row, field)
    assert words in issue.message and f"第{row + 1}行" in issue.message
    assert issue.title == CODES[code]


def test_no_benefit_indicator() -> None:
    rows = [r for r in GOOD if r[0] != "效益指标"]
    issues = lint_table(_table(rows))
    assert _codes(issues) == ["target-no-benefit"]
    assert issues[0].row is None and issues[0].severity == "warning"
    assert not has_errors(issues)


def test_no_satisfaction_indicator() -> None:
    rows = [r for r in GOOD if r[0] != "满意度指标"]
    issues = lint_table(_table(rows))
    assert _codes(issues) == ["target-no-satisfaction"]


def test_a_satisfaction_row_under_benefits_counts() -> None:
    rows = [r for r in GOOD if r[0] != "满意度指标"]
    rows.append(("效益指标", "满意度指标", "参训农户满意度", "定量", "≥", "90", "%"))
    assert lint_table(_table(rows)) == ()


def test_no_goal_and_no_rows() -> None:
    assert _codes(lint_table(_table(GOOD, goal=" "))) == ["target-no-goal"]
    issues = lint_table(_table([]))
    assert _codes(issues) == ["target-no-indicators"] and has_errors(issues)


def test_a_table_with_many_defects_reports_them_all_in_order() -> None:
    rows: list[Row] = [
        ("产出指标", "数量指标", "资金到位率", "定量", "≥", "100", "%"),
        ("产出指标", "数量指标", "培训人次", "定量", "≥", "显著提高", ""),
        ("产出指标", "数量指标", "培训人次", "定量", "≥", "1000", ""),
    ]
    issues = lint_table(_table(rows))
    assert _codes(issues) == [
        "target-no-benefit",
        "target-no-satisfaction",
        "target-input-as-output",
        "target-no-value",
        "target-no-unit",
        "target-duplicate",
    ]
    assert has_errors(issues)


def test_weights_are_kept_exact() -> None:
    table = table_from_mapping(
        kind="overall",
        goal="目标",
        rows=[{"level1": "产出指标", "level3": "人次", "direction": ">=", "value": "5",
               "unit": "人次", "weight": "12.5"}],
    )  # fmt: skip
    row = table.rows[0]
    assert row.weight == Decimal("12.5") and row.quantitative and row.direction is not None
