"""Funds rows whose amounts and rate a conversion ran together (invented examples)."""

from __future__ import annotations

from jixiao.domain.money import Money, Rate
from jixiao.intake.run_together import run_together_rows


def _read(text: str) -> dict[str, str]:
    found = {}
    for candidate in run_together_rows(text):
        value = candidate.value
        found[candidate.path] = str(value.wan if isinstance(value, Money) else value.percent)
        assert isinstance(value, Money | Rate)
    return found


def test_two_amounts_and_a_rate() -> None:
    text = "全年预算数(A)全年执行数(B)执行率(B/A)\n年度资金总额:390390100%"
    assert _read(text) == {
        "budget.adjusted": "390",
        "budget.executed": "390",
        "budget.execution_rate": "100",
    }


def test_three_amounts_when_the_header_has_the_initial_budget_first() -> None:
    text = (
        "项目资金(万元)\n年初预算数调整预算数(A)全年执行数(B)执行率(B/A)\n"
        "年度资金总额:64.864.864.8100%"
    )
    assert _read(text) == {
        "budget.initial": "64.8",
        "budget.adjusted": "64.8",
        "budget.executed": "64.8",
        "budget.execution_rate": "100",
    }


def test_the_label_before_the_header_and_the_digits_right_after_it() -> None:
    text = (
        "项目资金(万元)年度资金总额年初预算数调整预算数(A)全年执行数(B)执行率(B/A)"
        "52.352.351.999%年度总体目标"
    )
    found = _read(text)
    assert found["budget.initial"] == "52.3"
    assert found["budget.executed"] == "51.9"
    assert found["budget.execution_rate"] == "99"


def test_a_header_without_its_letters_run_together_as_well() -> None:
    text = "项目资金(万元)年初预算数全年预算数全年执行数执行率年度资金总额:52.3052.3051.9099%"
    found = _read(text)
    assert (found["budget.initial"], found["budget.adjusted"]) == ("52.30", "52.30")
    assert found["budget.executed"] == "51.90"


def test_nothing_is_read_when_two_splits_fit() -> None:
    # 1 | 11 | 11 | 100 and 11 | 1 | 1 | 100 both make B ÷ A = 100%.
    text = "年初预算数调整预算数(A)全年执行数(B)执行率(B/A)\n年度资金总额:11111100%"
    assert _read(text) == {}


def test_nothing_is_read_when_no_split_fits() -> None:
    text = "年初预算数调整预算数(A)全年执行数(B)执行率(B/A)\n年度资金总额:12345678%"
    assert _read(text) == {}


def test_an_ocr_garbled_budget_name_with_the_row_label_just_before() -> None:
    text = (
        "项Fl资金(万兀)年度资金总额年初预匏数调整预算将,A、全年执行数(B)执行率(B/A)"
        "64.864.864.8100%年度总体r二年初设定目标"
    )
    found = _read(text)
    assert found["budget.initial"] == "64.8"
    assert found["budget.executed"] == "64.8"


def test_a_garbled_header_without_the_row_label_reads_nothing() -> None:
    text = "项目资金(万元)调整预算将,A、全年执行数(B)执行率(B/A)\n64.864.8100%"
    assert _read(text) == {}


def test_a_rate_is_printed_to_two_decimals_at_most() -> None:
    # 121.4|121.4|100% fits, and so would 121.41|2|1.4100% (2 ÷ 121.41 = 1.65%) but for
    # its four decimals: no form prints a rate so
    text = "全年预算数(A)全年执行数(B)执行率(B/A)年度资金总额121.4121.4100%其中:财政资金"
    assert _read(text) == {
        "budget.adjusted": "121.4",
        "budget.executed": "121.4",
        "budget.execution_rate": "100",
    }


def test_a_header_whose_closing_bracket_ocr_read_as_a_digit() -> None:
    text = "预算数(A)执行数(B)执行率(B/A1得分(20分*执行率)年度财政 资金总额25002500100%20"
    assert _read(text) == {
        "budget.adjusted": "2500",
        "budget.executed": "2500",
        "budget.execution_rate": "100",
    }


def test_the_weight_column_between_the_executed_amount_and_the_rate() -> None:
    text = (
        "资金情况(万元)全年预算数(A)全年执行数(B)分值执行率(B/A)得分"
        "年度资金总额:36.535.71097.81%9.8"
    )
    assert _read(text) == {
        "budget.adjusted": "36.5",
        "budget.executed": "35.7",
        "budget.execution_rate": "97.81",
    }


def test_a_weight_header_that_states_its_points() -> None:
    # "111110": 分值 10, then 11 and 11 (1 and 111, 111 and 1 do not give 100%)
    text = "全年预算数(A)全年执行数(B)分值(10分)执行率(B/A)得分\n年度资金总额:111110100%10"
    assert _read(text) == {
        "budget.adjusted": "11",
        "budget.executed": "11",
        "budget.execution_rate": "100",
    }


def test_a_lone_rate_after_a_header_whose_amount_cells_are_empty() -> None:
    for text in (
        "支出规模全年预算数全年执行数执行率资金来源:(1)财政拨款98.6%资金结构:(1)基本支出98.6%",
        "年初预算数全年(调整)预算数全年执行数执行率(%)执行率权重执行率得分(分)O91%109.1当年目标",
    ):
        found = _read(text)
        assert set(found) == {"budget.execution_rate"}, text
        assert found["budget.execution_rate"] in ("98.6", "91"), text


def test_no_lone_rate_when_an_amount_stands_between_header_and_rate() -> None:
    for text in (
        "全年预算数全年执行数执行率财政拨款120.5万元,98.6%",
        "全年预算数全年执行数执行率经费来源2笔,98.6%",
        "全年预算数全年执行数执行率。全县完成率98.6%",
    ):
        assert "budget.execution_rate" not in _read(text), text


def test_rate_weight_and_score_run_together_split_by_the_score() -> None:
    cases = {
        # garbled amounts before the rate, the rate without its sign
        "全年执行数执行率执行率权重执行率得分年度总金额.41.08.688.45108.85": "88.45",
        # a rate over 100 earns the full weight
        "执行率执行率权重执行率得分年度总金额102.5%1515": "102.5",
        # a weight of 20
        "执行率(%)执行率权重执行率得分合计95%2019": "95",
    }
    for text, rate in cases.items():
        assert _read(text).get("budget.execution_rate") == rate, text


def test_no_rate_when_no_split_or_more_than_one_gives_the_score() -> None:
    for text in (
        "执行率执行率权重执行率得分年度总金额88.45109.9",  # 8.845 is not 9.9
        "执行率执行率权重执行率得分年度总金额100100",  # no score left after the weight
    ):
        assert "budget.execution_rate" not in _read(text), text


def test_no_rate_from_indicator_rows_far_after_a_header_left_empty() -> None:
    words = "当年绩效目标全年目标实际完成情况保障单位正常运转按时完成年度各项工作任务" * 3
    text = "执行率执行率权重执行率得分" + words + "预算完成率%100%1010是"
    assert "budget.execution_rate" not in _read(text)


def test_a_start_of_year_budget_as_column_a_is_the_initial_budget() -> None:
    # Only one cut makes B / A the rate: 208.6 and 104.3 (50%), not 208.61 and 4.3.
    text = (
        "年初预算数(A)全年执行数(B)分值(10分)执行率(B/A)得分得分计算方法"
        "年度资金总额:208.6104.31050%5执行率*该指标分值"
    )
    assert _read(text) == {
        "budget.initial": "208.6",
        "budget.executed": "104.3",
        "budget.execution_rate": "50",
    }


def test_a_budget_cell_that_kept_its_unit_sets_the_budget_apart() -> None:
    # The rate printed on the form (96.00%) is not 38.6 ÷ 40 = 96.5%: the row is read all the
    # same, and the audit says the rate is off.
    text = "项目资金(万元)全年预算数全年执行数执行率\n年度资金总额40万元38.696.00%\n"
    assert _read(text) == {
        "budget.adjusted": "40",
        "budget.executed": "38.6",
        "budget.execution_rate": "96.00",
    }


def test_no_row_when_the_digits_after_the_unit_split_no_way() -> None:
    text = "项目资金(万元)全年预算数全年执行数执行率\n年度资金总额40万元38.610.00%\n"
    assert _read(text) == {}
