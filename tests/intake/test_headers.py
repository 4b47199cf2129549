"""Column headers, the cells a column-wise flattening mixed into them (invented examples)."""

from __future__ import annotations

from jixiao.domain.money import MoneyUnit
from jixiao.intake.cells import Cell, cell_stream
from jixiao.intake.headers import Column, Header, first_row_length, header_run


def _header_at(text: str, first: str) -> tuple[list[Cell], Header]:
    cells = cell_stream(text)
    index = next(i for i, c in enumerate(cells) if c.text == first)
    return cells, header_run(cells, index)


def test_labels_and_a_unit_note_are_stepped_over() -> None:
    cells, header = _header_at(
        "项目资金 年初预算数 (万元) 年度资金总额 其中:当年财政拨款 实施单位 全年预算数 全年执行数 "
        "分值 执行率 得分 48.2 48.2 47.9 10 99% 9",
        "年初预算数",
    )
    kinds = [c.kind for c in header.columns]
    assert kinds == ["initial", "adjusted", "executed", "weight", "rate", "score"]
    assert header.row is not None and header.row.text == "年度资金总额"
    assert header.unit is MoneyUnit.WAN
    assert cells[1 + header.taken].text == "48.2"  # index of 年初预算数 is 1


def test_a_label_not_followed_by_a_column_closes_the_header() -> None:
    _, header = _header_at("年初预算数 全年预算数 全年执行数 年度资金总额 50 48 45", "年初预算数")
    assert [c.kind for c in header.columns] == ["initial", "adjusted", "executed"]
    assert header.row is None
    assert header.taken == 3


def test_a_form_label_alone_is_not_stepped_over() -> None:
    _, header = _header_at("年初预算数 实施单位 全年预算数", "年初预算数")
    assert header.taken == 0


def test_change_columns_are_columns() -> None:
    _, header = _header_at(
        "经费项目 | 2022年度支出 (万元) | 较上年增减(万元) | 增减率 |", "2022年度支出 (万元)"
    )
    assert header.columns == [Column("actual", 2022), Column("change"), Column("change_rate")]


def test_the_first_row_ends_where_its_rate_column_does() -> None:
    columns = [Column(k) for k in ("initial", "adjusted", "executed", "weight", "rate", "score")]
    assert first_row_length(columns, 12, [4, 10]) == 6
    assert first_row_length(columns, 10, [3, 8]) == 5
    assert first_row_length(columns, 4, [3]) == 4
    assert first_row_length(columns, 9, []) == 6


def test_a_decrease_and_its_rate_are_change_columns() -> None:
    _, header = _header_at(
        "经费项目 |\n2020年度支出 (万元) |\n支出减少情况(万元) |\n支出减少率 |\n"
        "因公出国(境)费 |\n0 |",
        "2020年度支出 (万元)",
    )
    assert header.columns == [Column("actual", 2020), Column("change"), Column("change_rate")]
    assert header.taken == 3
