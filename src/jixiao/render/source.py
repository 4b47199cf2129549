"""The report's own text, cut into the parts of a document: title, opening, sections, 落款.

A rendered report carries the unit's own words (issue 13): each level-1 section of the source
(found by the parser, whose heading evidence gives its offsets in ``report.text``) keeps its
paragraphs as written. This module only cuts; ``jixiao.render.kept`` maps the cut sections onto
the outline template.

A paragraph is a line of the source. Lines that a PDF wrapped (a long line that does not end a
sentence, followed directly by one that starts no heading) are joined again, so that a printed
paragraph is one paragraph here too; the joined text still holds every source line verbatim.
Page-number lines ("— 3 —") are dropped: they belong to the old pages, not to the text. A run
of pipe rows ("| 年初预算数 | 全年预算数 |") is a table and stays one, row by row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from jixiao.domain.report import Report

_SPACES = " \t\r\u3000\u00a0\ufeff"
# "— 3 —", "-3-", "第3页": a number alone is a table cell, not a page number.
_PAGE_NUMBER = re.compile(r"^(?:[—\-－–~～]+\s*\d{1,3}\s*[—\-－–~～]+|第\s*\d{1,3}\s*页)$")
_SENTENCE_END = "。！？；：:!?;…"
_MARKER = re.compile(
    r"^(?:[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]|[一二三四五六七八九十]{1,3}[、.．]"
    r"|\d{1,2}[、.．](?!\d)|[①-⑳])"
)
_WRAP_MIN = 15  # a line this long that does not end a sentence was wrapped by a PDF
_TITLE_MAX = 60
_DOCUMENT_WORDS = ("报告", "说明", "自评表", "材料", "情况", "评价")
_DATE = re.compile(
    r"^(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月"
    r"[一二三四五六七八九十]{1,3}日|\d{4}[-./]\d{1,2}[-./]\d{1,2})$"
)
_SIGNATURE_MAX = 40
_SENTENCE_MARKS = re.compile(r"[。；，,;！？]")


@dataclass(frozen=True, slots=True)
class Line:
    """A paragraph as written (surrounding spaces removed); ``start`` is its offset in the
    report's text. ``heading`` holds (marker, title) when the whole line is a level-2 heading."""

    text: str
    start: int
    end: int
    heading: tuple[str, str] | None = None
    after_blank: bool = False  # a blank line comes before it: it starts a paragraph

    @property
    def is_table_row(self) -> bool:
        return (
            self.text.startswith("|")
            and self.text.endswith("|")
            and len(self.text) > 1
            and any(cell.strip(_SPACES) for cell in self.text[1:-1].split("|"))
        )


@dataclass(frozen=True, slots=True)
class SourceSection:
    """One level-1 section of the source: its heading's title as written, and its body."""

    marker: str
    title: str
    start: int  # where the heading starts
    lines: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class SourceText:
    title: tuple[Line, ...]
    opening: tuple[Line, ...]
    sections: tuple[SourceSection, ...]
    signature: tuple[Line, ...]

    def lines(self) -> list[Line]:
        """Every paragraph kept, in order."""
        out = [*self.title, *self.opening]
        for section in self.sections:
            out.extend(section.lines)
        return out + list(self.signature)


def source_paragraphs(text: str) -> list[str]:
    """The source's paragraphs as the measure of issue 13 counts them: every non-empty line,
    spaces around it removed, page numbers left out."""
    return [line.text for line in _raw_lines(text) if not _PAGE_NUMBER.match(line.text)]


def read_source(report: Report) -> SourceText | None:
    """The report's text cut into its parts; None when the report has no text of its own
    (a report built from a data file)."""
    text = report.text
    if not text.strip():
        return None
    level1 = sorted((h for h in report.headings if h.level == 1), key=lambda h: h.evidence.start)
    heading_starts = {h.evidence.start for h in report.headings}
    whole = _whole_line_headings(report)
    lines = [ln for ln in _raw_lines(text) if not _PAGE_NUMBER.match(ln.text)]
    first_heading = level1[0].evidence.start if level1 else len(text)
    head = [ln for ln in lines if ln.end <= first_heading]
    title = _title(head)
    before = [ln for ln in head if ln not in title]
    sections: list[SourceSection] = []
    for index, heading in enumerate(level1):
        end = level1[index + 1].evidence.start if index + 1 < len(level1) else len(text)
        body = _body(text, heading.evidence.end, end, lines)
        original = text[heading.evidence.start : heading.evidence.end]
        marker, title_text = _split_marker(original, heading.marker)
        sections.append(SourceSection(marker, title_text, heading.evidence.start, tuple(body)))
    signature: list[Line] = []
    if sections:
        last = sections[-1]
        kept, signature = _signature(list(last.lines), report)
        sections[-1] = SourceSection(last.marker, last.title, last.start, tuple(kept))
    else:
        before, signature = _signature(before, report)
    return SourceText(
        title=tuple(title),
        opening=tuple(_joined(before, heading_starts, whole)),
        sections=tuple(
            replace(s, lines=tuple(_joined(s.lines, heading_starts, whole))) for s in sections
        ),
        signature=tuple(signature),
    )


def _raw_lines(text: str) -> list[Line]:
    out = []
    offset = 0
    blank = True
    for raw in text.split("\n"):
        stripped = raw.strip(_SPACES)
        if stripped:
            start = offset + raw.index(stripped)
            out.append(Line(stripped, start, start + len(stripped), after_blank=blank))
        blank = not stripped
        offset += len(raw) + 1
    return out


def _body(text: str, start: int, end: int, lines: Sequence[Line]) -> list[Line]:
    """The lines of ``text[start:end]``; the heading's own line contributes what follows the
    heading on it ("一、部门概况。我局……" keeps "我局……")."""
    body = []
    for line in lines:
        if line.end <= start or line.start >= end:
            continue
        if line.start < start:  # the heading's line: keep what follows the heading
            rest = text[start : min(line.end, end)].lstrip(_SPACES + "。：:，,、")
            if rest:
                offset = min(line.end, end) - len(rest)
                body.append(Line(rest, offset, offset + len(rest)))
            continue
        if line.end > end:  # a run-on heading starts inside this line
            part = text[line.start : end].rstrip(_SPACES)
            if part:
                body.append(Line(part, line.start, line.start + len(part)))
            continue
        body.append(line)
    return body


def _split_marker(original: str, marker: str) -> tuple[str, str]:
    """The heading's marker and title as written (the parser's marker may be normalised)."""
    found = _MARKER.match(original)
    if found:
        return found.group(0), original[found.end() :].strip(_SPACES)
    return marker, original[len(marker) :].strip(_SPACES)


def _whole_line_headings(report: Report) -> dict[int, tuple[str, str]]:
    """Level-2 headings that are a whole line: start offset → (marker, title) as written."""
    text = report.text
    out = {}
    for heading in report.headings:
        if heading.level != 2:
            continue
        start, end = heading.evidence.start, heading.evidence.end
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        line_start = text.rfind("\n", 0, start) + 1
        if text[line_start:start].strip(_SPACES) or text[end:line_end].strip(_SPACES + "：:"):
            continue
        out[start] = _split_marker(text[start:line_end].strip(_SPACES), heading.marker)
    return out


def _title(head: list[Line]) -> list[Line]:
    """The document's title: its first line, and the next when the first only names the unit
    ("湘川市市场监督管理局" / "2023年度部门整体支出绩效自评报告")."""
    if not head:
        return []
    first = head[0]
    if len(first.text) > _TITLE_MAX or _SENTENCE_MARKS.search(first.text) or first.is_table_row:
        return []
    if any(word in first.text for word in _DOCUMENT_WORDS) or len(head) == 1:
        return [first]
    second = head[1]
    if (
        len(second.text) <= _TITLE_MAX
        and not _SENTENCE_MARKS.search(second.text)
        and any(word in second.text for word in _DOCUMENT_WORDS)
    ):
        return [first, second]
    return [first]


def _joined(
    lines: Sequence[Line], heading_starts: set[int], whole: dict[int, tuple[str, str]]
) -> list[Line]:
    """Lines a PDF wrapped joined back into their paragraph; whole-line level-2 headings
    marked as such."""
    out: list[Line] = []
    previous: Line | None = None
    for raw in lines:
        line = replace(raw, heading=whole[raw.start]) if raw.start in whole else raw
        if previous is not None and _continues(previous, line, heading_starts):
            joined = Line(
                previous.text + line.text, previous.start, line.end, None, previous.after_blank
            )
            out[-1] = joined
            previous = joined
            continue
        out.append(line)
        previous = line
    return out


def _continues(previous: Line, line: Line, heading_starts: set[int]) -> bool:
    if previous.heading is not None or line.heading is not None:
        return False
    if "|" in previous.text or "|" in line.text:  # a table's row, however flattened
        return False
    if line.after_blank:
        return False
    if len(previous.text) < _WRAP_MIN or previous.text.endswith(tuple(_SENTENCE_END)):
        return False
    return line.start not in heading_starts and not _MARKER.match(line.text)


def _signature(lines: list[Line], report: Report) -> tuple[list[Line], list[Line]]:
    """The closing 落款 lines (the signing unit, the date) split off the last lines."""
    profile = report.profile
    names = [n for n in (profile.signing_unit, profile.name.value if profile.name else None) if n]
    cut = len(lines)
    while cut > 0 and len(lines) - cut < 3:
        text = lines[cut - 1].text
        is_date = bool(_DATE.match(text))
        is_unit = (
            len(text) <= _SIGNATURE_MAX
            and not _SENTENCE_MARKS.search(text)
            and any(name in text or text in name for name in names)
        )
        if not (is_date or is_unit):
            break
        cut -= 1
    tail = lines[cut:]
    if not any(_DATE.match(line.text) for line in tail):
        return lines, []  # a line naming the unit but no date ends a paragraph, not the text
    return lines[:cut], tail
