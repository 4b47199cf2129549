"""Charts drawn with matplotlib (Agg, no display): PNG for Word, SVG (vector) for PDF and HTML.

Labels are set in Noto Sans SC, added to matplotlib from the font file jixiao ships with, so
that every Chinese glyph is present on any machine; ``axes.unicode_minus`` is off because CJK
fonts lack U+2212. SVG text is drawn as paths, so an SVG needs no font to display. Bar lengths
are floats (a drawing needs no exact money); the printed labels come from the exact Decimals.
"""

from __future__ import annotations

import functools
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

from matplotlib import font_manager, rc_context
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from jixiao.render.chartdata import ChartSpec
from jixiao.render.fonts import sans_font_file

_COLOURS = ("#2f5597", "#c0504d", "#7f7f7f")
# The text width of an A4 公文 page (156 mm): a chart is drawn at the size it is printed, so
# its 10 pt labels print at 10 pt; heights are kept low so that a chart fits below its text.
_WIDTH_INCHES = 156 / 25.4
# rcParams are global to the process: one chart at a time.
_LOCK = threading.Lock()


@functools.cache
def chart_font_family() -> str:
    """Add Noto Sans SC to matplotlib's font manager (once); its family name."""
    path = str(sans_font_file())
    font_manager.fontManager.addfont(path)
    return font_manager.FontProperties(fname=path).get_name()


@functools.lru_cache(maxsize=64)
def chart_png(spec: ChartSpec, dpi: int = 200) -> bytes:
    """A PNG of the chart (cached: the same figures give the same image)."""
    with _drawing(spec) as figure:
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


@functools.lru_cache(maxsize=64)
def chart_svg(spec: ChartSpec) -> str:
    """A standalone SVG document, text as paths (cached like ``chart_png``)."""
    with _drawing(spec) as figure:
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


@contextmanager
def _drawing(spec: ChartSpec) -> Iterator[Figure]:
    family = chart_font_family()
    settings: dict[str, Any] = {
        "font.family": "sans-serif",
        "font.sans-serif": [family],
        "font.size": 10,
        "axes.unicode_minus": False,
        "svg.fonttype": "path",
        "svg.hashsalt": spec.key,  # stable, distinct ids when several SVGs share a page
    }
    with _LOCK, rc_context(cast(Any, settings)):
        figure = Figure(figsize=_size(spec), layout="constrained")
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        if spec.horizontal:
            _horizontal(axes, spec)
        else:
            _vertical(axes, spec)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        yield figure


def _size(spec: ChartSpec) -> tuple[float, float]:
    if spec.horizontal:
        return _WIDTH_INCHES, max(1.8, 0.3 * len(spec.categories) + 0.8)
    return _WIDTH_INCHES, 2.6


def _horizontal(axes: Axes, spec: ChartSpec) -> None:
    values = spec.series[0].values
    positions = list(range(len(spec.categories)))[::-1]  # the first item on top
    bars = axes.barh(positions, [float(v) for v in values], color=_COLOURS[0], height=0.6)
    axes.set_yticks(positions, labels=list(spec.categories))
    axes.bar_label(bars, labels=list(spec.series[0].labels), padding=3)
    axes.set_xlabel(f"单位：{spec.unit}")
    axes.margins(x=0.18)


def _vertical(axes: Axes, spec: ChartSpec) -> None:
    count = len(spec.series)
    width = 0.7 / count
    for index, series in enumerate(spec.series):
        offset = (index - (count - 1) / 2) * width
        positions = [p + offset for p in range(len(spec.categories))]
        bars = axes.bar(
            positions,
            [float(v) for v in series.values],
            width=width,
            color=_COLOURS[index % len(_COLOURS)],
            label=series.name,
        )
        axes.bar_label(bars, labels=list(series.labels), padding=2)
    axes.set_xticks(range(len(spec.categories)), labels=list(spec.categories))
    axes.set_ylabel(f"单位：{spec.unit}")
    axes.margins(y=0.15)
    if count > 1:
        axes.legend(frameon=False)
