"""Funds rows that lost a blank cell in the middle, not at either end (invented examples)."""

from __future__ import annotations

from jixiao.intake.parse import parse_text
from tests.intake.budget_figures import budget_figures

_HEADER = "    年初预算数 全年预算数(A) 全年执行数(B) 分值 执行率(B/A) 得分\n"


def test_an_empty_rate_cell_inside_a_spaced_row_keeps_the_points_in_place() -> None:
    text = (
        "项目支出绩效自评表\n(2023年度)\n项目名称 河道保洁经费\n项目资金\n(万元)\n"
        + _HEADER
        + "    年度资金总额: 460 460 460 10 10\n"
        "     其中:本年财政拨款 460 460 460 - -\n"
    )
    report = parse_text(text, source="t.txt")
    figures = budget_figures(report)
    assert figures["initial"] == "460"
    assert figures["adjusted"] == "460"
    assert figures["executed"] == "460"
    # The rate cell was blank: no rate is made up from the 分值 or the 得分.
    assert figures.get("execution_rate") in (None, "100")


def test_a_row_short_at_the_right_stays_left_aligned() -> None:
    text = (
        "项目支出绩效自评表\n(2023年度)\n项目资金\n(万元)\n"
        + _HEADER
        + "    年度资金总额: 75 80 76 10 95%\n"
    )
    figures = budget_figures(parse_text(text, source="t.txt"))
    assert figures["initial"] == "75"
    assert figures["adjusted"] == "80"
    assert figures["executed"] == "76"
    assert figures["execution_rate"] == "95"


def test_alignment_prefers_a_gap_inside_only_on_evidence() -> None:
    from jixiao.intake.cells import Cell
    from jixiao.intake.headers import Column
    from jixiao.intake.quantities import Quantity
    from jixiao.intake.row_alignment import align

    columns = [Column(k) for k in ("initial", "adjusted", "executed", "weight", "rate", "score")]

    def row(*texts: str) -> list[tuple[Cell, Quantity | None]]:
        cells = [Cell(t, i * 10, i * 10 + len(t), 0) for i, t in enumerate(texts)]
        return [(c, c.number) for c in cells]

    # 分值 and 得分 beside a blank 执行率: the gap is inside the row.
    kinds = [c.kind for c, _ in align(columns, row("12", "12", "12", "10", "10"))]
    assert kinds == ["initial", "adjusted", "executed", "weight", "score"]
    # A rate that is 执行数 ÷ 预算数 places the row: the blank is the 得分 at the right.
    kinds = [c.kind for c, _ in align(columns, row("12", "12", "9", "10", "75%"))]
    assert kinds == ["initial", "adjusted", "executed", "weight", "rate"]
