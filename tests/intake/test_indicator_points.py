"""分值 and 得分 are points: a percentage is never read as one (invented examples)."""

from __future__ import annotations

from jixiao.intake.cells import Cell, cell_stream
from jixiao.intake.indicators import qualitative_at, undirected_at


def _index(cells: list[Cell], text: str) -> int:
    return next(i for i, c in enumerate(cells) if c.text == text)


def test_words_then_a_weight_and_a_rate_are_not_an_indicator_row() -> None:
    # A page flattened out of order: "年度 总体 目标" are the form's words, 10 the 分值 of the
    # funds row and 62.5% its 执行率.
    cells = cell_stream("7,500 预期目标 年度 总体 目标 10 62.5% 实际完成情况\n")
    assert qualitative_at(cells, _index(cells, "年度"), ["产出指标", ""]) is None


def test_a_qualitative_row_with_points_is_still_read() -> None:
    cells = cell_stream("场馆开放 正常 正常 10 9\n")
    row = qualitative_at(cells, _index(cells, "场馆开放"), ["产出指标", "质量指标"])
    assert row is not None
    assert row.indicator.score is not None and str(row.indicator.score) == "9"


def test_an_undirected_row_whose_score_is_a_rate_is_not_read() -> None:
    cells = cell_stream("巡查次数 12 次 12 10 100%\n")
    assert undirected_at(cells, _index(cells, "巡查次数"), ["产出指标", "数量指标"]) is None
