"""Funds lines that name each amount right before it, "预算数 … 到位数 … 执行数 …"
(invented examples)."""

from __future__ import annotations

from jixiao.intake.parse import parse_text
from tests.intake.budget_figures import budget_figures as _budget

HEAD = (
    "某县文广局2023年度预算项目绩效自评表\n"
    "一、基本情况 项目名称: 乡村文化活动补助 实施(主管)单位 某县文广局 金额单位: {unit}\n"
    "二、预算执行情况 预算安排情况(调整后) 资金到位情况 资金执行情况 预算执行进度(%)\n"
)


def test_a_flattened_line_of_labels_and_amounts() -> None:
    text = HEAD.format(unit="万元") + (
        "预算数 12.5 到位数 12.5 执行数 11.8 94.40\n"
        "其中:财政资金 12.5 其中:财政资金 12.5 其中:财政资金 11.8\n"
    )
    assert _budget(parse_text(text, source="t")) == {
        "adjusted": "12.5",
        "executed": "11.8",
        "execution_rate": "94.40",
    }


def test_cells_one_per_line_with_bars_and_amounts_in_yuan() -> None:
    text = (
        HEAD.format(unit="元")
        + "预算数 |\n80000.00 |\n到位数 |\n80000.00 |\n执行数 |\n76000.00 |\n95.00 |\n"
    )
    assert _budget(parse_text(text, source="t")) == {
        "adjusted": "8.000000",
        "executed": "7.600000",
        "execution_rate": "95.00",
    }


def test_a_number_after_the_amounts_that_is_not_their_quotient_is_not_the_rate() -> None:
    text = HEAD.format(unit="万元") + "预算数 20 到位数 20 执行数 15 100.00\n"
    assert _budget(parse_text(text, source="t")) == {"adjusted": "20", "executed": "15"}


def test_nothing_is_read_without_a_stated_unit() -> None:
    text = "某县文广局2023年度预算项目绩效自评表\n预算数 20 到位数 20 执行数 20 100.00\n"
    assert _budget(parse_text(text, source="t")) == {}
