"""Spaces between figures taken from the page's ink, and the printed area the detector sees.

The ink masks are drawn by Pillow with the Noto fonts the project ships (not by jixiao);
the recogniser's character boxes are given as RapidOCR gives them, at its steps: touching
or overlapping, with no sign of the space between two figures.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from jixiao.intake.readers import ocr
from jixiao.intake.readers.ocr_spacing import INK_SPACE, spaced

Box = tuple[int, int, int, int]


def _font(size: int) -> object:
    import pylopdf_fonts_zh_cn
    from PIL import ImageFont

    fonts = sorted(Path(pylopdf_fonts_zh_cn.__file__).parent.rglob("*Serif*.otf"))
    return ImageFont.truetype(str(fonts[0]), size)


def _drawn(line: str, size: int = 30) -> tuple[np.ndarray, list[tuple[str, float, Box]]]:
    """The line's ink mask, and each non-space character's box the way RapidOCR spreads
    them: the drawn characters' advances, shifted so neighbours touch (no gap shows)."""
    from PIL import Image, ImageDraw

    font = _font(size)
    picture = Image.new("L", (40 + size * len(line), size * 3), 255)
    draw = ImageDraw.Draw(picture)
    draw.text((20, size), line, font=font, fill=0)
    dark = np.asarray(picture) < 140
    chars: list[tuple[str, float, Box]] = []
    x = 20.0
    top, bottom = int(size * 0.7), int(size * 2.3)
    for char in line:
        advance = float(draw.textlength(char, font=font))  # type: ignore[arg-type]
        if char != " ":
            chars.append((char, 1.0, (round(x), top, round(x + advance), bottom)))
        x += advance
    return dark, chars


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("公务用车购置和维护经费11.86 41.46 39.30", "公务用车购置和维护经费11.86 41.46 39.30"),
        ("政府采购金额16.14 30.66 30.66部门", "政府采购金额16.14 30.66 30.66部门"),
        ("2018年决算数 合计 4459.21 5252.64", "2018年决算数合计4459.21 5252.64"),
        ("共计1234567.89万元，占比98.31%", "共计1234567.89万元，占比98.31%"),
        ("支出 111.11 11.1 1.11", "支出111.11 11.1 1.11"),
        ("全年执行数 479638.26 元", "全年执行数479638.26元"),  # integers run on
    ],
)
def test_a_space_the_page_shows_between_two_figures_comes_back(printed: str, expected: str) -> None:
    dark, chars = _drawn(printed)
    run_together = "".join(c for c, _, _ in chars)  # what the recogniser read
    assert spaced(chars, run_together, dark).replace(INK_SPACE, " ") == expected


def test_spaces_the_recogniser_kept_stay_and_none_are_doubled() -> None:
    dark, chars = _drawn("合计 4459.21 5252.64")
    assert spaced(chars, "合计4459.21 5252.64", dark) == "合计4459.21 5252.64"
    assert INK_SPACE in spaced(chars, "合计4459.215252.64", dark)


def test_the_detector_sees_the_printed_area_with_a_margin() -> None:
    dark = np.zeros((2339, 1654), dtype=bool)
    dark[300:1900, 200:1450] = np.random.default_rng(1).random((1600, 1250)) < 0.2  # print
    left, top, right, bottom = ocr._content(dark)
    assert 150 < left < 200 and 1450 < right < 1500 and 250 < top < 300 and 1900 < bottom < 1950


def test_a_scanned_page_loses_margin_and_keeps_every_printed_line() -> None:
    """A page as scans.py scans it (speckled): the cut-out holds every line the page
    prints, and is smaller than the page."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    from tests.intake.readers.makers import typst_pdf_from_text
    from tests.intake.readers.scans import scanned_pdf

    text = "一、部门基本情况\n" + "本部门2022年度预算收入合计5252.64万元。\n" * 30 + "合计 = 100"
    clean = pdfium.PdfDocument(typst_pdf_from_text(text))
    scan = pdfium.PdfDocument(scanned_pdf(text, seed=3))
    printed = next(ocr.page_images(clean, [0])).pixels.min(axis=2) < 140
    scanned = next(ocr.page_images(scan, [0])).pixels.min(axis=2) < 140
    rows, columns = np.flatnonzero(printed.any(axis=1)), np.flatnonzero(printed.any(axis=0))
    left, top, right, bottom = ocr._content(scanned)
    height, width = scanned.shape
    assert (right - left) * (bottom - top) < 0.9 * width * height
    slack = 0.02 * height  # the scan is rotated by up to 1°
    assert left <= columns[0] + slack and right >= columns[-1] - slack
    assert top <= rows[0] + slack and bottom >= rows[-1] - slack


def test_a_photograph_filling_its_frame_is_not_cut() -> None:
    dark = np.random.default_rng(3).random((1200, 900)) < 0.3
    assert ocr._content(dark) == (0, 0, 900, 1200)
