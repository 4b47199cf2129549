"""Charts: every Chinese glyph present (a missing one fails the test), PNG and vector SVG."""

from __future__ import annotations

import warnings
from decimal import Decimal

import pytest

from jixiao.datafile import data_to_report
from jixiao.domain.report import Report
from jixiao.render import charts
from jixiao.render.chartdata import CHART_NAMES, ChartSpec, Series, chart_for


def _fresh() -> None:
    charts.chart_png.cache_clear()
    charts.chart_svg.cache_clear()


def _three_public_with_changes() -> Report:
    return data_to_report(
        {
            "schema": "jixiao-report/1",
            "kind": "final_accounts",
            "profile": {"year": 2023},
            "three_public": {
                "overseas": {"value": "0万元", "change": "-1.50万元"},
                "vehicle": {"value": "12.40万元", "change": "2.10万元"},
                "reception": {"value": "6.85万元", "change": "-0.35万元"},
            },
        },
        source="t",
    )


@pytest.mark.parametrize("name", CHART_NAMES)
def test_no_glyph_is_missing(overall_report: Report, name: str) -> None:
    spec = chart_for(overall_report, name)
    assert spec is not None
    _fresh()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph … missing from font(s)"
        png = charts.chart_png(spec)
        svg = charts.chart_svg(spec)
    assert png.startswith(b"\x89PNG")
    assert "<svg" in svg and "<path" in svg


def test_a_missing_glyph_would_fail() -> None:
    spec = ChartSpec(
        "probe", ("\U0001f600", "支出"), (Series("s", (Decimal(1), Decimal(2)), ("1", "2")),)
    )
    _fresh()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(UserWarning, match="missing from font"):
            charts.chart_png(spec)


def test_svg_is_vector_with_text_as_paths(overall_report: Report) -> None:
    spec = chart_for(overall_report, "功能分类")
    assert spec is not None
    svg = charts.chart_svg(spec)
    assert "<image" not in svg  # nothing rasterised
    assert "<text" not in svg  # no font needed to show it


def test_three_public_by_year_where_the_change_is_stated() -> None:
    spec = chart_for(_three_public_with_changes(), "三公经费")
    assert spec is not None
    assert [s.name for s in spec.series] == ["2022年", "2023年"]
    assert spec.series[0].labels == ("1.50", "10.30", "7.20")  # this year less the change
    assert spec.series[1].labels == ("0", "12.40", "6.85")


def test_minus_signs_are_ascii_hyphens() -> None:
    spec = ChartSpec("minus", ("甲", "乙"), (Series("s", (Decimal(-5), Decimal(3)), ("-5", "3")),))
    with charts._drawing(spec) as figure:
        figure.canvas.draw()
        ticks = [label.get_text() for label in figure.axes[0].get_yticklabels()]
    negative = [t for t in ticks if t.startswith(("-", "\u2212"))]
    assert negative and all(t.startswith("-") for t in negative)


def test_charts_are_left_out_when_the_report_lacks_their_figures() -> None:
    empty = data_to_report({"schema": "jixiao-report/1"}, source="t")
    assert all(chart_for(empty, name) is None for name in CHART_NAMES)
