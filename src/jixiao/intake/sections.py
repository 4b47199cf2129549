"""The heading ladder of Chinese official reports, and the outline titles jixiao knows.

Reports number their sections 一、 → （一） → 1、/1. → （1） → ①. Headings normally start a
line; text copied from web pages often loses its line breaks, so a sequence 一、二、三、…
inside one paragraph also counts when its titles are the known outline titles (a lone 一、 in
prose, such as "主要做法：一、加强领导", does not).

Offsets are into the text given; markers and titles are quoted exactly as written there.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

# Outline titles by kind of report (wording of the model outlines; matching is tolerant).
KNOWN_TITLES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        # 部门整体支出绩效情况说明 (the seed's outline).
        "performance_statement": (
            "部门概况",
            "单位基本情况",
            "部门职责",
            "整体支出基本情况",
            "评价过程及绩效分析",
            "存在的问题及建议",
            "评价结论",
        ),
        # Hunan's 部门整体支出绩效自评报告.
        "overall_self_evaluation": (
            "部门基本情况",
            "一般公共预算支出情况",
            "政府性基金预算支出情况",
            "国有资本经营预算支出情况",
            "社会保险基金预算支出情况",
            "部门整体支出绩效情况",
            "存在的问题及原因分析",
            "下一步改进措施",
            "部门整体支出绩效自评结果拟应用和公开情况",
            "其他需要说明的情况",
        ),
        # 项目支出绩效自评报告.
        "project_self_evaluation": (
            "基本情况",
            "绩效目标",
            "项目资金使用及管理情况",
            "存在的问题及原因分析",
            "有关建议",
            "其他需要说明的问题",
        ),
    }
)


@dataclass(frozen=True, slots=True)
class HeadingMatch:
    """A numbered heading: ``text[start:end]`` is the marker followed by the title."""

    level: int  # 1 一、  2 (一)/（一）  3 1、/1.  4 (1)/（1）  5 ①
    marker: str  # as written: "一、", "（一）", "1、", "1.", "(1)", "①"
    title: str
    start: int
    end: int


_CN_NUMERAL = "[一二三四五六七八九十]{1,3}"
_LEVEL_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"({_CN_NUMERAL})(?:、|[.．](?!\d))")),
    (2, re.compile(rf"[(（][ \u3000]?({_CN_NUMERAL})[ \u3000]?[)）]")),
    # "1.5万元" and "2021." are amounts and years, not markers.
    (3, re.compile(r"(\d{1,2})(?:、|[.．](?![\d.．]))")),
    (4, re.compile(r"[(（][ \u3000]?(\d{1,2})[ \u3000]?[)）]")),
    (5, re.compile(r"([①-⑳])")),
)
_LEADING_SPACE = re.compile(r"[ \t\u3000\u00a0]*")
# The characters a marker of _LEVEL_PATTERNS can begin with: one test rules out most lines
# before the five patterns are tried.
_MARKER_START = re.compile(r"[一二三四五六七八九十(（\d①-⑳]")
# A title ends at the first sentence mark when its paragraph continues on the same line;
# a comma between digits is a thousands separator, not the end of the title.
_TITLE_END = re.compile(r"[。，；;！？!?]|,(?!\d)")
# A numeral not preceded by another, then 、. The check on the character before comes after
# the first numeral so that the pattern opens with a character set: the regex engine then
# skips in C to the numerals instead of trying a match at every character.
_INLINE_L1 = re.compile(
    r"([一二三四五六七八九十](?<![一二三四五六七八九十].)[一二三四五六七八九十]{0,2})、"
)
_INLINE_L2 = re.compile(rf"[(（]({_CN_NUMERAL})[)）]")
# Words that close a section title in run-on text, where no punctuation marks its end.
_TITLE_FINAL = re.compile(r"情况|概况|问题|建议|分析|措施|结论|目标|结果|成效")
_RUN_ON_TITLE_MAX = 30


def find_headings(text: str) -> list[HeadingMatch]:
    """All headings in ``text``, in order: those at line starts and run-on outline sequences."""
    headings: list[HeadingMatch] = []
    last_top = 0  # number of the last level-1 heading, so a run-on sequence may continue it
    # One scan of the whole text for run-on markers (they never span a line), shared out
    # to the lines in order, instead of one scan a line.
    inline = list(_INLINE_L1.finditer(text))
    taken = 0
    for line_start, line_end in _lines(text):
        if line_start == line_end:
            continue  # a blank line: no heading starts or runs on there
        first = taken
        while taken < len(inline) and inline[taken].start() < line_end:
            taken += 1
        found = _headings_in_line(text, line_start, line_end, last_top, inline[first:taken])
        headings.extend(found)
        tops = [_numeral_value(h.marker[:-1]) for h in found if h.level == 1]
        last_top = tops[-1] if tops else last_top
    return headings


def _headings_in_line(
    text: str, start: int, end: int, last_top: int, inline: list[re.Match[str]]
) -> list[HeadingMatch]:
    """``inline`` are the _INLINE_L1 matches inside the line."""
    heading = _heading_at_line_start(text, start, end)
    run_on = _run_on_headings(text, end, last_top, inline)
    if heading is None:
        return run_on
    if not run_on:
        return [heading]
    if run_on[0].start == heading.start:
        # "一、基本情况（一）项目概况我校…二、…": the run-on reading knows where titles end.
        return run_on
    if heading.end > run_on[0].start:
        title_end = run_on[0].start
        while title_end > heading.start and text[title_end - 1] in " \t\u3000\u00a0":
            title_end -= 1
        title_start = _skip_spaces(text, heading.start + len(heading.marker), end)
        heading = HeadingMatch(
            level=heading.level,
            marker=heading.marker,
            title=text[title_start:title_end],
            start=heading.start,
            end=max(title_end, title_start),
        )
    return [heading, *run_on]


def section_spans(text: str, headings: list[HeadingMatch]) -> list[tuple[int, int, int]]:
    """(heading index, start, end) of each section's body: from the end of its heading to the
    next heading of the same or a higher level (or the end of the text)."""
    ends = [len(text)] * len(headings)
    open_sections: list[int] = []  # a stack: levels strictly increase from bottom to top
    for index, heading in enumerate(headings):
        while open_sections and headings[open_sections[-1]].level >= heading.level:
            ends[open_sections.pop()] = heading.start
        open_sections.append(index)
    return [
        (index, min(heading.end, end), end)
        for index, (heading, end) in enumerate(zip(headings, ends, strict=True))
    ]


def starts_with_heading(line: str) -> bool:
    """Does this line begin with a heading marker (after optional spaces)?"""
    start = _LEADING_SPACE.match(line)
    offset = start.end() if start else 0
    return any(pattern.match(line, offset) for _, pattern in _LEVEL_PATTERNS)


def known_title(title: str) -> str | None:
    """The outline title (as spelled in ``KNOWN_TITLES``) that a heading's title matches."""
    cleaned = title.strip(" \t\u3000。：:；;，,.")
    if cleaned in _KNOWN_SET:
        return cleaned
    for canonical, pattern in _KNOWN_PATTERNS:
        if pattern.fullmatch(cleaned):
            return canonical
    return None


def match_known_title(text: str, pos: int) -> tuple[str, int] | None:
    """The longest known title starting at ``text[pos]``: (canonical title, end offset)."""
    best: tuple[str, int] | None = None
    for canonical, pattern in _KNOWN_PREFIX_PATTERNS:
        found = pattern.match(text, pos)
        if found and (best is None or found.end() > best[1]):
            best = (canonical, found.end())
    return best


def _title_regex(title: str) -> str:
    """A tolerant pattern for an outline title: 部门/单位, 情况/概况, 及/和/与, optional 的."""
    pattern = re.escape(title)
    for words, alternative in (
        (("部门", "单位"), "(?:部门|单位)"),
        (("情况", "概况"), "(?:情况|概况)"),
    ):
        for word in words:
            pattern = pattern.replace(word, "\0")
        pattern = pattern.replace("\0", alternative)
    pattern = pattern.replace("及", "(?:及|和|与)").replace("的", "的?")
    pattern = pattern.replace("有关建议", "(?:有关|相关|几点|主要|改进)?建议")
    # A unit may prefix its own kind ("部门整体支出…", "项目基本情况").
    return "(?:部门|单位|项目)?" + pattern


def _build_patterns(suffix: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    titles = dict.fromkeys(title for group in KNOWN_TITLES.values() for title in group)
    return tuple((title, re.compile(_title_regex(title) + suffix)) for title in titles)


# "（二）部门职责包括" is the outline's 部门职责 followed by a lead-in word.
_KNOWN_PATTERNS = _build_patterns("(?:包括|如下|说明)?")
_KNOWN_PREFIX_PATTERNS = _build_patterns("")
_KNOWN_SET = frozenset(title for group in KNOWN_TITLES.values() for title in group)


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, the newline excluded."""
    spans: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _heading_at_line_start(text: str, line_start: int, line_end: int) -> HeadingMatch | None:
    spaces = _LEADING_SPACE.match(text, line_start, line_end)
    start = spaces.end() if spaces else line_start
    if not _MARKER_START.match(text, start, line_end):
        return None
    for level, pattern in _LEVEL_PATTERNS:
        found = pattern.match(text, start, line_end)
        if found is None:
            continue
        title_start = _skip_spaces(text, found.end(), line_end)
        title_end = _title_end(text, title_start, line_end)
        if title_start == title_end:
            # "三、" alone on its line, its title on the next (a PDF layout break).
            next_start = line_end + 1
            next_end = text.find("\n", next_start)
            next_end = len(text) if next_end < 0 else next_end
            next_line = text[next_start:next_end]
            if next_line.strip() and not starts_with_heading(next_line):
                title_start = _skip_spaces(text, next_start, next_end)
                title_end = _title_end(text, title_start, next_end)
        return HeadingMatch(
            level=level,
            marker=found.group(0),
            title=text[title_start:title_end],
            start=start,
            end=title_end if title_end > title_start else found.end(),
        )
    return None


def _skip_spaces(text: str, pos: int, limit: int) -> int:
    found = _LEADING_SPACE.match(text, pos, limit)
    return found.end() if found else pos


def _title_end(text: str, start: int, limit: int) -> int:
    found = _TITLE_END.search(text, start, limit)
    end = found.start() if found else limit
    while end > start and text[end - 1] in " \t\u3000\u00a0:：":  # "（一）部门职责：" → 部门职责
        end -= 1
    return end


def _run_on_headings(
    text: str, end: int, last_top: int, candidates: list[re.Match[str]]
) -> list[HeadingMatch]:
    """A 一、二、三、… sequence inside one paragraph whose titles are outline titles;
    ``candidates`` are the paragraph's _INLINE_L1 matches, ``end`` is where it ends."""
    if len(candidates) < 2:
        return []  # a chain needs two
    chain: list[re.Match[str]] = []
    for candidate in candidates:
        value = _numeral_value(candidate.group(1))
        expected = _numeral_value(chain[-1].group(1)) + 1 if chain else None
        if (expected is None and value in {1, last_top + 1}) or value == expected:
            chain.append(candidate)
    if len(chain) < 2:
        return []
    bounds = [m.start() for m in chain[1:]] + [end]
    tops = [_run_on_heading(text, m, 1, limit) for m, limit in zip(chain, bounds, strict=True)]
    known = sum(1 for heading in tops if known_title(heading.title))
    if known < 2 or 2 * known < len(tops):
        return []
    headings: list[HeadingMatch] = []
    for heading, limit in zip(tops, bounds, strict=True):
        headings.append(heading)
        headings.extend(_run_on_subheadings(text, heading.end, limit))
    return headings


def _run_on_subheadings(text: str, start: int, end: int) -> list[HeadingMatch]:
    """（一）（二）… counting up inside a run-on level-1 section."""
    chain: list[re.Match[str]] = []
    for candidate in _INLINE_L2.finditer(text, start, end):
        if _numeral_value(candidate.group(1)) == len(chain) + 1:
            chain.append(candidate)
    if not chain:
        return []
    bounds = [m.start() for m in chain[1:]] + [end]
    return [_run_on_heading(text, m, 2, b) for m, b in zip(chain, bounds, strict=True)]


def _run_on_heading(text: str, marker: re.Match[str], level: int, limit: int) -> HeadingMatch:
    """Where a run-on title ends: a known title, a title-final word, or punctuation."""
    title_start = marker.end()
    sub = _INLINE_L2.search(text, title_start, limit)
    limit = sub.start() if sub and sub.start() > title_start else limit
    known = match_known_title(text, title_start)
    if known is not None and known[1] <= limit:
        title_end = known[1]
    else:
        window_end = min(limit, title_start + _RUN_ON_TITLE_MAX)
        final = _TITLE_FINAL.search(text, title_start, window_end)
        stop = _TITLE_END.search(text, title_start, window_end)
        if final and (stop is None or final.end() <= stop.start()):
            title_end = final.end()
        else:
            title_end = stop.start() if stop else window_end
    return HeadingMatch(
        level=level,
        marker=marker.group(0),
        title=text[title_start:title_end],
        start=marker.start(),
        end=title_end,
    )


_DIGITS = {ch: value for value, ch in enumerate("一二三四五六七八九", start=1)}


def _numeral_value(numeral: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23; 0 for anything else."""
    if not numeral or any(ch not in _DIGITS and ch != "十" for ch in numeral):
        return 0
    if "十" not in numeral:
        return _DIGITS[numeral] if len(numeral) == 1 else 0
    tens, _, units = numeral.partition("十")
    tens_value = _DIGITS.get(tens, 0) if tens else 1
    units_value = _DIGITS.get(units, 0) if units else 0
    return tens_value * 10 + units_value
