"""A normalized view of a decoded report, with a map back to the original offsets.

Parsers read the normalized text (half-width digits, amounts without stray spaces, PDF line
wraps undone, page numbers gone); evidence must quote the original. Every step either
deletes characters or replaces one character by one, so each normalized character has
exactly one original character, recorded in ``origin``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate

from jixiao.intake.script import pinyin_spans, simplified_replacements
from jixiao.intake.sections import starts_with_heading


@dataclass(frozen=True)
class NormalizedText:
    """``text`` and, for each of its characters, the offset of that character in the original.

    The map is kept as runs: from ``starts[i]`` on, normalized characters come one for one from
    ``offsets[i]`` on. The last run starts at ``len(text)`` and holds ``len(original)``.
    ``origin`` spells the map out, one entry a character plus that last one.
    """

    text: str
    starts: tuple[int, ...]
    offsets: tuple[int, ...]

    @cached_property
    def origin(self) -> tuple[int, ...]:
        """The original offset of each normalized character, then ``len(original)``."""
        origin: list[int] = []
        for start, end, first in zip(self.starts, self.starts[1:], self.offsets, strict=False):
            origin.extend(range(first, first + end - start))
        origin.append(self.offsets[-1])
        return tuple(origin)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span holding the normalized span ``text[start:end]``."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside 0:{len(self.text)}")
        if start == end:
            return self._offset(start), self._offset(start)
        # The end maps through the last character, not origin[end]: characters deleted
        # after the span (spaces, a dropped page number) are not part of the quote.
        return self._offset(start), self._offset(end - 1) + 1

    def _offset(self, position: int) -> int:
        run = bisect_right(self.starts, position) - 1
        return self.offsets[run] + position - self.starts[run]


def normalize(original: str) -> NormalizedText:
    """Normalize a decoded report; see the module docstring for what changes."""
    draft = _Draft(original)
    _undo_script(draft)
    _drop_page_markers(draft)
    _join_wrapped_lines(draft)
    _map_characters(draft)
    _tighten_spaces(draft)
    return NormalizedText(
        text=draft.text,
        starts=(*draft.starts, len(draft.text)),
        offsets=(*draft.offsets, len(original)),
    )


class _Draft:
    """The text being normalized and the runs mapping it back to the original.

    Only deletions move characters, and a report has a few dozen of them: runs cost per
    deletion, where a per-character offset array cost more to build than all the steps.
    """

    def __init__(self, original: str) -> None:
        self.text = original
        self.starts = [0] if original else []
        self.offsets = [0] if original else []

    def delete(self, spans: list[tuple[int, int]]) -> None:
        """Remove the given sorted, non-overlapping ``[start, end)`` spans."""
        if not spans:
            return
        text, starts, offsets = self.text, self.starts, self.offsets
        pieces: list[str] = []
        new_starts: list[int] = []
        new_offsets: list[int] = []
        kept = removed = run = 0
        # Each kept piece [kept, start) keeps the runs it overlaps, moved left by what was
        # removed before it; ``run`` is the run holding ``kept``.
        for start, end in [*spans, (len(text), len(text))]:
            if start > kept:
                pieces.append(text[kept:start])
                while run + 1 < len(starts) and starts[run + 1] <= kept:
                    run += 1
                new_starts.append(kept - removed)
                new_offsets.append(offsets[run] + kept - starts[run])
                later = run + 1
                while later < len(starts) and starts[later] < start:
                    new_starts.append(starts[later] - removed)
                    new_offsets.append(offsets[later])
                    later += 1
            removed += end - start
            kept = end
        self.text = "".join(pieces)
        self.starts = new_starts
        self.offsets = new_offsets

    def replace(self, replacements: dict[int, str]) -> None:
        """Replace single characters by single characters (the offset map is unchanged)."""
        if not replacements:
            return
        chars = list(self.text)
        for position, char in replacements.items():
            chars[position] = char
        self.text = "".join(chars)


_SPACE = "[ \t\u3000\u00a0]"


def _undo_script(draft: _Draft) -> None:
    """Inline pinyin out, traditional characters to simplified (script.py)."""
    draft.delete(pinyin_spans(draft.text))
    draft.replace(simplified_replacements(draft.text))


# ---------------------------------------------------------------------------- page markers

_S = "[ \t\u3000\u00a0]*"
_PAGE_MARKER = re.compile(
    rf"{_S}(?:"
    rf"[-—–－‐―]+{_S}\d{{1,4}}{_S}[-—–－‐―]+"  # —5—  - 5 -
    rf"|第{_S}\d{{1,4}}{_S}页(?:{_S}[,，/、]?{_S}共{_S}\d{{1,4}}{_S}页)?"  # 第5页 (共7页)
    rf"|共{_S}\d{{1,4}}{_S}页{_S}[,，/、]?{_S}第{_S}\d{{1,4}}{_S}页"  # 共7页 第5页
    rf"){_S}"
)


def _drop_page_markers(draft: _Draft) -> None:
    """Drop page-number lines; a line that is only a number stays (it may be a table cell)."""
    spans: list[tuple[int, int]] = []
    for start, end in _line_spans(draft.text):
        if _PAGE_MARKER.fullmatch(draft.text, start, end):
            spans.append((start, min(end + 1, len(draft.text))))
    draft.delete(spans)


def _line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, the newline excluded."""
    spans: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


# ------------------------------------------------------------------------- wrapped lines

_TERMINAL = frozenset("。！？；：:!?;|")
_WIDE = frozenset("WFA")  # ambiguous-width characters (“” — …) are full-width in Chinese text
_MIN_WRAP = 30  # display columns: a narrower "page" is a table column, not a text block
_MAX_WRAP = 400
_SLACK = 2  # a wrapped line may overshoot the estimated width a little
_MAX_LONGER = 0.10  # in wrapped text almost no line is wider than the wrap width
_MIN_CLUSTER = 0.40  # …and many lines (all but the paragraphs' last) sit just below it
_TABLE_ROW = re.compile(
    r"[^\n]*[|\t][^\n]*|[ \u3000]*[-+]?\d[\d,.]*%?(?:[ \u3000]+[-+]?\d[\d,.]*%?)*"
)
_ASCII_WORD = re.compile(r"[0-9A-Za-z]")
_SPACED_ROW = re.compile(r"\S(?: {2,}|\u3000+)\S(?:.*\S)?(?: {2,}|\u3000+)\S")
_HEADING_END = re.compile(r"(?:说明|情况|概况|分析|问题|措施|建议|结论|目标|表)[)）]?$")


# The East Asian wide and full-width ranges (what unicodedata.east_asian_width calls W/F),
# as one class: counting them with a regex is much faster than a per-character call, and
# matching runs of them builds a few strings a line where single characters built hundreds.
_WIDE_RUNS = re.compile(
    "[\u1100-\u115f\u231a\u231b\u2329\u232a\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf"
    "\u4e00-\u9fff\ua000-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19"
    "\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]+"
)


def _display_width(text: str) -> int:
    if text.isascii():
        return len(text)
    return len(text) + sum(map(len, _WIDE_RUNS.findall(text)))


def _tolerance(width: int) -> int:
    # PDF justification and half-width digits make wrapped lines differ by a few columns.
    return max(4, round(width * 0.18))


# Where the cluster below each candidate wrap width begins, worked out once, not per text.
_CLUSTER_FLOOR = tuple(max(0, width - _tolerance(width) - 1) for width in range(_MAX_WRAP + 1))


def _wrap_width(widths: list[int]) -> int | None:
    """The width at which the document's lines were wrapped, or None if they were not.

    Lines of a wrapped text block cluster just below the wrap width and never exceed it;
    a document with one paragraph per line has no such cluster (its lines run far longer).
    """
    lines = [w for w in widths if w > 0]
    if len(lines) < 4:
        return None
    cap = _MAX_WRAP + _SLACK + 1
    counts = [0] * (cap + 1)
    for width in lines:
        counts[min(width, cap)] += 1
    at_most = list(accumulate(counts))  # at_most[w] = number of lines of width <= w
    # Fewer lines are longer than a wider wrap, so the widths that allow so few longer lines
    # are the ones from the first such width up: find it by bisection, not width by width.
    low, high = _MIN_WRAP, _MAX_WRAP + 1  # the first allowed width is in [low, high]
    while low < high:
        middle = (low + high) // 2
        if len(lines) - at_most[middle + _SLACK] > _MAX_LONGER * len(lines):
            low = middle + 1
        else:
            high = middle
    best: tuple[int, int] | None = None
    for width in range(low, _MAX_WRAP + 1):
        cluster = at_most[width + _SLACK] - at_most[_CLUSTER_FLOOR[width]]
        if best is None or cluster >= best[0]:
            best = (cluster, width)
    if best is None or best[0] < max(3, _MIN_CLUSTER * len(lines)):
        return None
    return best[1]


def _join_wrapped_lines(draft: _Draft) -> None:
    """Undo the line breaks a PDF's layout put inside sentences ("本年收\\n入390.55万元")."""
    text = draft.text
    rows = text.split("\n")
    widths = [_display_width(row.rstrip()) for row in rows]
    wrap = _wrap_width(widths)
    if wrap is None:
        return
    lines = _line_spans(text)
    spans: list[tuple[int, int]] = []
    for index in range(len(lines) - 1):
        (start, end), (next_start, next_end) = lines[index], lines[index + 1]
        line = text[start:end].rstrip(" \t\u3000\u00a0")
        following = text[next_start:next_end].lstrip(" \t\u3000\u00a0")
        if widths[index] >= wrap - _tolerance(wrap) and _continues(line, following):
            spans.append((start + len(line), next_end - len(following)))
    draft.delete(spans)


def _continues(line: str, following: str) -> bool:
    """Is ``following`` the rest of the sentence that ``line`` breaks off?"""
    if not line.strip() or not following:  # never join across a blank line
        return False
    if line[-1] in _TERMINAL or starts_with_heading(following):
        return False
    if starts_with_heading(line) and _HEADING_END.search(line):
        return False  # "四、…情况说明" is a whole heading, however long the line
    if _TABLE_ROW.fullmatch(line) or _TABLE_ROW.fullmatch(following):
        return False
    if _SPACED_ROW.search(line) or _SPACED_ROW.search(following):
        return False  # cells spaced by the page ("产出指标  数量指标  …  40  40  无"): a row
    # "29.08\n63.46" or "total\namount": joining would glue two words into one.
    return not (_ASCII_WORD.match(line[-1]) and _ASCII_WORD.match(following[0]))


# ---------------------------------------------------------------------- character mapping

_SIMPLE_MAP = {
    **{chr(0xFF10 + i): str(i) for i in range(10)},
    **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
    **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
    "．": ".",
    "％": "%",
    "（": "(",
    "）": ")",
    "：": ":",
    "〔": "[",
    "〕": "]",
    "［": "[",
    "］": "]",
    "\u3000": " ",
    "\u00a0": " ",
}
_SIMPLE_CHARS = re.compile("[" + "".join(re.escape(ch) for ch in _SIMPLE_MAP) + "]")
# "1，234，567.89": a full-width comma is a thousands separator only in groups of three.
_THOUSANDS = re.compile(r"(?<![\d,，.])\d{1,3}(?:[,，]\d{3})+(?!\d)(?!，\d)")
_MINUS = re.compile(r"－(?=\d)")
# Every _THOUSANDS match with a full-width comma holds this: a cheap search (it starts with a
# literal) that spares the slow scan in the many texts without one.
_FULL_WIDTH_GROUP = re.compile(r"，\d{3}")


def _map_characters(draft: _Draft) -> None:
    """Full-width ASCII to half-width, one character for one; other Chinese marks stay."""
    # One str.replace (a C pass) per distinct character present: rebuilding the text a
    # character at a time, or str.translate with a dict, costs a Python step per character.
    # The replacements are ASCII and no key is, so their order does not matter.
    text = draft.text
    for char in set(_SIMPLE_CHARS.findall(text)):
        text = text.replace(char, _SIMPLE_MAP[char])
    draft.text = text
    replacements = {m.start(): "-" for m in _MINUS.finditer(text)}
    if _FULL_WIDTH_GROUP.search(text):
        for number in _THOUSANDS.finditer(text):
            for offset, char in enumerate(number.group(0)):
                if char == "，":
                    replacements[number.start() + offset] = ","
    draft.replace(replacements)
    # OCR reads 元 after an amount as 兀: "64.63万兀" is 64.63万元 (兀 is never a unit).
    if "兀" in draft.text:
        draft.replace({m.start(1): "元" for m in _OCR_YUAN.finditer(draft.text)})


_OCR_YUAN = re.compile(r"(?<=[\d万亿])\s?(兀)")

# ------------------------------------------------------------------------------- spaces

_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
# Units and measure words that follow a figure. Words that often begin a table label are
# guarded: 人员经费, 项目支出, 家庭, 名称, 批复.
_UNIT = (
    r"(?:万亿元|亿元|万元|千元|元|%|‰|个百分点|万(?![元人户])|亿"
    r"|(?:余|多)?(?:人次|次|个|人(?![员民大力才口均])|家(?![庭长属])|辆|件|项(?!目)|台|户"
    r"|名(?![称单])|栋|座|条|份|张|篇|场|起|批(?![复准])|套|处|天|吨|公里|千米|平方米|立方米"
    r"|米|亩|公顷|㎡|倍|岁))"
)
_UNIT_SPACE = re.compile(rf"(?<![\d.,]){_NUMBER}({_SPACE}+)(?={_UNIT})")
_DATE_SPACE = re.compile(
    rf"(?<![\d.,])(?:(?:19|20)\d\d({_SPACE}+)(?=年)|\d{{1,2}}({_SPACE}+)(?=[月日]))"
    rf"|(?<=年)({_SPACE}+)(?=\d{{1,2}}{_SPACE}*月)|(?<=月)({_SPACE}+)(?=\d{{1,2}}{_SPACE}*日)"
)
# "基本支出 911000.39 元": a label glued to an amount with its unit is prose, not a table row.
# Not after a figure's own measure word: "≥500人 520人" is two cells of an indicator row.
_LABEL_SPACE = re.compile(
    rf"(?<=[\u4e00-\u9fff])(?<![\d.%][\u4e00-\u9fff])({_SPACE}+)(?={_NUMBER}{_SPACE}*{_UNIT})"
)
# OCR splits a figure in prose with a stray space: "31 2.46万元", "218. 05万元". Only a figure
# that ends in a money unit, inside a sentence (a line with Chinese sentence marks), is joined:
# table rows keep the spaces between their cells.
_OCR_GAP = re.compile(
    rf"(?<![\d.,])\d{{1,3}}\.?({_SPACE})(?=\d+(?:\.\d+)?{_SPACE}?(?:万元|亿元|元))"
)
_SENTENCE_MARKS = re.compile(r"[，。；,;]")
_DOT_SPACE = re.compile(rf"(?<=\d)({_SPACE}+)(?=\.\d)")


_SPACE_CHAR = re.compile(_SPACE)


def _lines_with_space(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line holding a space, the newline excluded.

    One search per such line, then a jump to the next line: a line-matching regex tried
    every character of the lines without one.
    """
    lines: list[tuple[int, int]] = []
    found = _SPACE_CHAR.search(text)
    while found is not None:
        start = text.rfind("\n", 0, found.start()) + 1
        end = text.find("\n", found.start())
        if end < 0:
            end = len(text)
        lines.append((start, end))
        found = _SPACE_CHAR.search(text, end)
    return lines


def _tighten_spaces(draft: _Draft) -> None:
    """Remove spaces inside amounts ("881300.39 元", "3.8 %", "2023 年"); keep the spaces
    between a label and a bare figure and between figures ("三公经费 29.08 63.46"): table
    parsing depends on them."""
    text = draft.text
    spans: set[tuple[int, int]] = set()
    # Only lines holding a space can change; scanning just those keeps this step cheap.
    for start, end in _lines_with_space(text):
        patterns = [_UNIT_SPACE, _DATE_SPACE, _LABEL_SPACE, _DOT_SPACE]
        if _SENTENCE_MARKS.search(text, start, end):
            patterns.append(_OCR_GAP)
        for pattern in patterns:
            for found in pattern.finditer(text, start, end):
                for group in range(1, (pattern.groups or 0) + 1):
                    if found.group(group) is not None:
                        spans.add(found.span(group))
    draft.delete(_merge(sorted(spans)))


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
