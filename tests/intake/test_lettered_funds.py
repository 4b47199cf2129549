"""Funds tables whose columns are letters and formulas of letters (invented examples)."""

from __future__ import annotations

from jixiao.domain.money import Money, Rate
from jixiao.intake.lettered_funds import lettered_funds_rows

HEADER = (
    "资金投入情况\n(万元)\n\n行次 全年预算数\n(A)\n统筹整合资金数\n(B)\n"
    "扣除统筹整合资金后预算金额\n(C)\n全年到位资金\n(D)\n预算到位\n(D/C×100%)\n"
    "全年执行资金\n(E)\n预算执行\n(E/C×100%)\n佐证材料\n列次 0 1 2 3 4 5 6 7\n"
)


def _read(text: str) -> dict[str, str]:
    found = {}
    for candidate in lettered_funds_rows(text):
        value = candidate.value
        assert isinstance(value, Money | Rate)
        found[candidate.path] = str(value.wan if isinstance(value, Money) else value.percent)
    return found


def test_a_row_with_its_row_number_and_a_blank_cell() -> None:
    text = HEADER + "年度资金总额(万元): 1 40.000000\n40.000000 36.000000 90.00% 30.000000 75.00%\n"
    assert _read(text) == {
        "budget.adjusted": "40.000000",
        "budget.executed": "30.000000",
        "budget.execution_rate": "75.00",
    }


def test_the_budget_is_the_one_the_rate_divides_by() -> None:
    text = HEADER + "年度资金总额(万元): 1 50 10 40 40 100% 30 75%\n"
    assert _read(text) == {
        "budget.adjusted": "40",
        "budget.executed": "30",
        "budget.execution_rate": "75",
    }


def test_nothing_is_read_when_a_rate_is_not_its_quotient() -> None:
    text = HEADER + "年度资金总额(万元): 1 40 40 40 100% 27 80%\n"
    assert _read(text) == {}


def test_a_three_letter_header_is_left_to_the_table_reader() -> None:
    text = "预算数(A) 执行数(B) 执行率(B/A) 得分\n年度资金总额 80 60 75% 15\n"
    assert _read(text) == {}
