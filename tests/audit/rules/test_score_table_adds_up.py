"""The 自评表's own arithmetic, read from invented tables."""

from __future__ import annotations

from jixiao.audit.rules import score_table_adds_up as rule
from jixiao.domain.findings import Severity
from jixiao.intake.parse import parse_text
from tests.audit.builders import run_rule

HEAD = (
    "2024年度项目支出绩效自评表\n"
    "| 资金 | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
)
INDICATORS = (
    "| 一级指标 | 二级指标 | 三级指标 | 指标值 | 完成值 | 分值 | 得分 |\n"
    "| 产出指标 | 数量指标 | 完成道路建设 | ≥ | 5公里 | 5公里 | 50 | {a} |\n"
    "| 效益指标 | 社会效益 | 群众出行改善 | 有效 | 有效 | 40 | {b} |\n"
)


def _findings(funds: str, a: str = "50", b: str = "40", total: str = "") -> list[Severity]:
    text = HEAD + funds + INDICATORS.format(a=a, b=b) + total
    return [f.severity for f in run_rule(rule, parse_text(text, source="t"))]


def test_a_table_that_adds_up() -> None:
    funds = "| 年度资金总额 | 50 | 48 | 45.6 | 10 | 95% | 9.5 |\n"
    assert _findings(funds, total="| 总分 | 100 | 99.5 |\n") == []


def test_a_score_above_its_weight() -> None:
    funds = "| 年度资金总额 | 50 | 48 | 45.6 | 10 | 95% | 9.5 |\n"
    assert _findings(funds, a="55") == [Severity.ERROR]


def test_a_funds_row_scored_in_steps_is_only_doubted() -> None:
    # 92 % may earn 8 of 10 points where a province scores in steps: not proportional, not wrong
    stepped = "| 年度资金总额 | 50 | 50 | 46 | 10 | 92% | 8 |\n"
    assert _findings(stepped) == [Severity.WARNING]


def test_a_fully_executed_budget_scored_below_its_weight() -> None:
    # every scheme gives full marks at 100 %: 10 of 100 points is a mistake, not a scheme
    wrong = "| 年度资金总额 | 620.82 | 620.82 | 620.82 | 100 | 100% | 10 |\n"
    assert _findings(wrong) == [Severity.ERROR]


def test_a_score_header_flattened_after_the_funds_row() -> None:
    # a spreadsheet's 得分 header merged over two rows comes out after the first row
    text = (
        "项目支出绩效自评表\n年初预算数 全年预算数 全年执行数 分值 执行率 年度资金总额: "
        "80万元 80万元 80万元 10 100% 6 其中:当年财政拨款 80万元 80万元 80万元 10 100% 6 得分\n"
    )
    report = parse_text(text, source="t")
    assert report.budget.score is not None
    assert str(report.budget.score.value.percent) == "6"
    assert [f.severity for f in run_rule(rule, report)] == [Severity.ERROR]


def test_a_total_that_is_not_the_sum() -> None:
    funds = "| 年度资金总额 | 50 | 48 | 45.6 | 10 | 95% | 9.5 |\n"
    assert _findings(funds, total="| 总分 | 100 | 97 |\n") == [Severity.ERROR]
