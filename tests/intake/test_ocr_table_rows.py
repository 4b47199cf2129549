"""Flattened tables as the recogniser gives them: the page spaces the cells, the text does not
(invented examples)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.domain.report import Direction, Report
from jixiao.intake.cells import cell_stream
from jixiao.intake.parse import parse_text


def _wan(report: Report, path: str) -> str | None:
    section, _, name = path.partition(".")
    stated = getattr(getattr(report, section), name)
    return None if stated is None else str(stated.value.wan)


BASIC_DATA = (
    "部门整体支出绩效评价基础数据表 单位：万元\n"
    "经费控制情况{gap}2020年决算数{gap}2021年预算数{gap}2021年决算数"
    "{gap}三公经费{gap}18.40 52.00 36.75\n"
    "1、公务用车购置及运行维护费 6.10 30.00 28.25\n"
    "3、公务接待{gap}5.35\n"
    "12.5 8.50\n"
)


def test_year_columns_run_together_are_cut_apart() -> None:
    texts = [
        c.text
        for c in cell_stream("经费控制情况2020年决算数2021年预算数2021年决算数三公经费18.40 52.00")
    ]
    assert texts == [
        "经费控制情况",
        "2020年决算数",
        "2021年预算数",
        "2021年决算数",
        "三公经费",
        "18.40",
        "52.00",
    ]


def test_a_header_without_spaces_reads_like_the_spaced_one() -> None:
    spaced = parse_text(BASIC_DATA.format(gap=" "), source="t.txt")
    joined = parse_text(BASIC_DATA.format(gap=""), source="scan.txt")
    for report in (spaced, joined):
        assert _wan(report, "three_public.total") == "36.75"
        assert _wan(report, "three_public.vehicle") == "28.25"
        assert _wan(report, "three_public.reception") == "8.50"


def test_one_year_heading_in_prose_is_left_whole() -> None:
    line = "2021年决算数与2020年决算数相比有所下降 12.00 10.00"
    assert "2021年决算数与2020年决算数相比有所下降" in [c.text for c in cell_stream(line)]


def test_a_label_glued_to_its_value_counts_only_under_year_columns() -> None:
    # Without the year columns above it, "公务接待5.35" is a phrase, not a row.
    report = parse_text("接待情况说明：公务接待5.35\n", source="t.txt")
    assert _wan(report, "three_public.reception") is None


INDICATORS = (
    "项目支出绩效自评表\n"
    "| 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 实际完成值 | 分值 | 得分 |\n"
    "| 产出指标 | 数量指标 | 培训教师人次 | {sign} | 120 | 人次 | 126 | 20 | 20 |\n"
)


def test_an_indicator_whose_direction_cell_is_empty_is_still_read() -> None:
    report = parse_text(INDICATORS.format(sign=""), source="scan.txt")
    (row,) = [i for i in report.performance.indicators if i.level3 == "培训教师人次"]
    assert (row.direction, row.target, row.unit, row.actual) == (None, "120", "人次", "126")
    assert (row.weight, row.score) == (Decimal("20"), Decimal("20"))


def test_small_form_signs_are_directions() -> None:
    report = parse_text(INDICATORS.format(sign="﹦"), source="t.txt")
    (row,) = [i for i in report.performance.indicators if i.level3 == "培训教师人次"]
    assert row.direction is Direction.EQUAL


def test_a_total_row_in_the_indicator_block_is_no_indicator() -> None:
    text = INDICATORS.format(sign="≥") + "| 合计 | 120.5 | 万元 | 118.2 | 100 | 96 |\n"
    report = parse_text(text, source="t.txt")
    assert [i.level3 for i in report.performance.indicators] == ["培训教师人次"]
