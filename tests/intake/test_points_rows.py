"""Run-together funds rows of the form that scores execution out of fixed points (invented)."""

from __future__ import annotations

from jixiao.intake.parse import parse_text
from jixiao.intake.points_rows import points_rows
from tests.intake.budget_figures import budget_figures

_HEAD = (
    "2021年度河道清淤项目自评表预算执行情况(万元)(20分)"
    "预算数(A)执行数(B)执行率(B/A)得分(20分*执行率)"
)


def test_a_ratio_printed_as_one_and_the_full_score() -> None:
    text = _HEAD + "年度财政资金总额2.482.48120年度绩效目标(80分)\n"
    figures = budget_figures(parse_text(text, source="t.txt"))
    assert figures == {"adjusted": "2.48", "executed": "2.48", "execution_rate": "100"}


def test_a_rate_printed_as_a_percentage_without_its_sign() -> None:
    text = _HEAD + "年度财政资金总额40369018年度绩效目标\n"
    found = {c.path: str(c.value) for c in points_rows(text)}
    assert found["budget.adjusted"] == "40"
    assert found["budget.executed"] == "36"
    assert found["budget.execution_rate"] == "90"


def test_digits_that_do_not_add_up_are_not_read() -> None:
    text = _HEAD + "年度财政资金总额5.003.00120\n"  # 3 of 5 spent, yet a rate of 1
    assert points_rows(text) == []
