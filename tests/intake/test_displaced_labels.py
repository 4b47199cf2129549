"""Funds rows whose label a column-wise flattening printed away from the values (invented)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.intake.parse import parse_text
from tests.intake.budget_figures import budget_figures


def test_label_before_a_header_whose_notes_the_page_spaced_off() -> None:
    text = (
        "2021年度专项资金项目自评表 单位名称:区文化馆 项目名称 2021年群众文艺补助 "
        "预算执行 情况(万元) 一级指标 年度财政 资金总额 项目实施单位 文化馆 □ "
        "预算数 (A) 执行数(B) 执行率(B/A) 得分 (20 分*执行率) 64.5 58.05 90% 18 "
        "三级指标 年初目标值 (A) 实际完成值 (B) 得分\n"
    )
    figures = budget_figures(parse_text(text, source="t.txt"))
    assert figures["adjusted"] == "64.5"
    assert figures["executed"] == "58.05"
    assert figures["execution_rate"] == "90"


def test_label_and_unit_after_the_values_and_a_blank_rate_cell() -> None:
    text = (
        "项目支出绩效自评表 (2023 年度) 场馆保洁服务 项目名称 主管部门 某区文化局 "
        "年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
        "80000.00 80000.00 72,000 10 9 80000.00 80000.00 72000 — "
        "上年结转资金 0 0 — 其他资金 0 0 — 年度资金总额 项目资金 (元) 某区文化馆 实施单位\n"
    )
    figures = budget_figures(parse_text(text, source="t.txt"))
    # In 元, as the note beside the label says: 8 and 7.2 万元.
    assert Decimal(figures["initial"]) == Decimal("8")
    assert Decimal(figures["adjusted"]) == Decimal("8")
    assert Decimal(figures["executed"]) == Decimal("7.2")


def test_values_that_contradict_their_columns_are_not_given_a_distant_label() -> None:
    text = (
        "项目支出绩效自评表 年度资金总额 实施单位 全年预算数 全年执行数 分值 执行率 得分 "
        "0 36.5 10 100% 10 36.5 — 100% —\n"
    )
    figures = budget_figures(parse_text(text, source="t.txt"))
    assert "adjusted" not in figures or figures["adjusted"] != "0"


def test_label_after_several_rows_of_funds_sources() -> None:
    # A spreadsheet flattened column by column: the values right after the header, then each
    # source of funds with its two figures, and only then the row's label.
    text = (
        "困难群众救助补助资金绩效目标自评表 (2023年度) 转移支付(项目)名称 救助补助资金 "
        "全年预算数(A) 全年执行数(B) 520.40 498.10 其中:中央财政资金 300.00 300.00 "
        "省级财政资金 120.00 118.50 市级财政资金 60.40 52.00 县级财政资金 40.00 27.60 "
        "其他资金 (包括以前年度结转资 金) 0 0 年度资金总额 资金投入情况 (万元) 分配科学性\n"
    )
    figures = budget_figures(parse_text(text, source="t.txt"))
    assert figures["adjusted"] == "520.40"
    assert figures["executed"] == "498.10"


def test_no_label_after_running_text_past_the_sources() -> None:
    text = (
        "困难群众救助补助资金绩效目标自评表 (2023年度) 全年预算数(A) 全年执行数(B) "
        "520.40 498.10 其中:中央财政资金 300.00 300.00 "
        "资金按规定用于城乡低保、特困人员救助供养和临时救助等支出项目 年度资金总额\n"
    )
    assert budget_figures(parse_text(text, source="t.txt")) == {}
