"""Spaces the recogniser drops between figures, put back where the page shows them.

The recogniser often reads two figures of a table row as one ("11.8641.46" for "11.86
41.46"); the parser splits a flattened row's figures at its spaces. RapidOCR's character
boxes cannot tell (they are placed at the recogniser's steps, not on the ink), so the page
image is looked at: between two neighbouring digits, the widest run of columns without ink.
The line's usual gap between two digits of a figure is the baseline; a gap wider than that
by SPACE of the line's height is a space on the page. A "1" stands in more white of its
own, so a pair with one needs ONE more. Never beside a decimal point (a gap there is more
often a faint point's), and not between a 汉字 and a figure: typesetters put a quarter em
there by themselves ("2022 年"), so the page cannot tell a typed space from it.
"""

from __future__ import annotations

import re
import statistics
from typing import Any

from jixiao.domain.reading import Box

SPACE = 0.08  # in line heights: a gap this much wider than the usual one is a space
ONE = 0.1  # in line heights: more for a pair with a "1"
_USUAL = 0.1  # in line heights: the usual gap between digits, when a line has few
_INK_PIXELS = 2  # dark pixels a column needs to count as ink (one may be scanner dust)
_FIGURE_END = frozenset("0123456789%")
_FIGURELIKE = frozenset("0123456789.,%")
# A figure that is complete where it stands: with its decimals, or a percentage. Integers
# run on ("479638.26" is not "4 79638.26" however white the 4 and 7 leave between them).
_COMPLETE = re.compile(r"\.\d{1,2}$|%$")
INK_SPACE = "\u2009"  # a space put back here (a thin space, so the caller can tell it)


def spaced(chars: list[tuple[str, float, Box]], text: str, dark: Any) -> str:
    """``text`` (the recogniser's, spaces included; its other characters are ``chars``, in
    order) with INK_SPACE between two figures wherever the page ``dark`` (a boolean ink
    mask) shows a space: the layout repairs it into a space and shows both figures to the
    reviewer (a digit's own white can pass for a space)."""
    pairs = [
        index
        for index in range(1, len(chars))
        if chars[index - 1][0] in _FIGURE_END and chars[index][0].isdigit()
    ]
    candidates = [i for i in pairs if _COMPLETE.search(_run_before(chars, i))]
    if not candidates:
        return text
    height = statistics.median(box[3] - box[1] for _, _, box in chars)
    gaps = {index: _gap(dark, chars[index - 1][2], chars[index][2]) for index in pairs}
    plain = [
        gap for index, gap in gaps.items() if "1" not in (chars[index - 1][0], chars[index][0])
    ]
    usual = statistics.median(plain) if len(plain) >= 3 else _USUAL * height
    gaps = {index: gaps[index] for index in candidates}
    out: list[str] = []
    position = 0  # index into chars of the next non-space character of text
    for char in text:
        if char != " " and position in gaps and out and out[-1] != " ":
            pair = (chars[position - 1][0], char)
            allowance = SPACE * height + (ONE * height if "1" in pair else 0.0)
            if gaps[position] > usual + allowance:
                out.append(INK_SPACE)
        out.append(char)
        if char != " ":
            position += 1
    return "".join(out)


def _run_before(chars: list[tuple[str, float, Box]], index: int) -> str:
    """The figure-like characters that end just before ``index``."""
    start = index
    while start > 0 and chars[start - 1][0] in _FIGURELIKE:
        start -= 1
    return "".join(char for char, _, _ in chars[start:index])


def _gap(dark: Any, left: Box, right: Box) -> int:
    """The widest run of inkless columns between the two characters' centres, within the
    middle of their common height."""
    x0, x1 = (left[0] + left[2]) // 2, (right[0] + right[2]) // 2
    top, bottom = max(left[1], right[1]), min(left[3], right[3])
    inset = (bottom - top) // 10
    top, bottom = max(0, top + inset), bottom - inset
    if x1 - x0 < 2 or bottom - top < 2 or x0 < 0:
        return 0
    ink = dark[top:bottom, x0:x1].sum(axis=0) >= _INK_PIXELS
    widest = run = 0
    for column in ink.tolist():
        run = 0 if column else run + 1
        widest = max(widest, run)
    return widest
