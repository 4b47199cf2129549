"""The shortcuts that spare whole-text scans find exactly what the plain scans find.

Each fast path (a pattern regrouped so the regex engine can skip ahead, a test that rules
out most lines, a walk over the events instead of every sentence) is checked against the
plain reading it replaced, on texts built from the characters that matter to it.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.intake import cells, headers, normalize, prose, sections
from jixiao.intake.lexicon import LabelMatch, _canonical_wording, _wording_pattern, load_lexicon


def _texts(tokens: list[str], max_size: int = 60) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(tokens), max_size=max_size).map("".join)


# ------------------------------------------------------------------------------- lexicon

_LEXICON = load_lexicon()
_WORDINGS = sorted(_LEXICON.senses, key=len, reverse=True)
_PLAIN = re.compile("|".join(_wording_pattern(w) for w in _WORDINGS))
_LABEL_TOKENS = [*_WORDINGS, *(w[:2] for w in _WORDINGS), *"“”‘’\"'「」三公经费支出，。 1"]


def _plain_find(text: str) -> list[tuple[int, int, str]]:
    found = []
    for match in _PLAIN.finditer(text):
        wording = _canonical_wording(match.group(0))
        if _LEXICON.senses.get(wording):
            found.append((match.start(), match.end(), wording))
    return found


@settings(max_examples=300, deadline=None)
@given(_texts(_LABEL_TOKENS, 30))
def test_lexicon_finds_what_the_plain_longest_first_alternation_finds(text: str) -> None:
    assert [(m.start, m.end, m.wording) for m in _LEXICON.find(text)] == _plain_find(text)


def test_quoted_three_public_is_found_under_its_plain_wording() -> None:
    text = "其中“三公”经费支出12万元，‘三公’经费8万元"
    assert [(m.wording, text[m.start : m.end]) for m in _LEXICON.find(text)] == [
        ("三公经费支出", "“三公”经费支出"),
        ("三公经费", "‘三公’经费"),
    ]


# ------------------------------------------------------------------------------ sentences


def _plain_sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for mark in re.finditer(r"[。；;！？!?\n]", text):
        if mark.start() > start:
            spans.append((start, mark.start()))
        start = mark.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


@settings(max_examples=300, deadline=None)
@given(_texts(list("。；;！？!?\n\n甲乙丙1"), 50), st.data())
def test_sentences_with_events_are_those_of_a_walk_over_every_sentence(
    text: str, data: st.DataObject
) -> None:
    starts = sorted(data.draw(st.lists(st.integers(0, max(0, len(text) - 1)), max_size=8)))
    events: list[LabelMatch | prose.Quantity] = [
        LabelMatch(at, at + 1, "x", ()) for at in starts if text
    ]
    expected = []
    previous, paragraph = 0, False
    for start, end in _plain_sentences(text):
        paragraph = paragraph or (start > 0 and text[start - 1] == "\n")
        group = [e for e in events if start <= e.start < end]
        if group:
            expected.append((start, end, group, paragraph and start > previous))
            previous, paragraph = start, False
    found = list(prose._sentences_with_events(text, events))
    assert [(s, e, g) for s, e, g, _ in found] == [(s, e, g) for s, e, g, _ in expected]
    # A paragraph break before the first sentence resets nothing yet: compare the others.
    assert [p for *_, p in found][1:] == [p for *_, p in expected][1:]


def test_a_new_paragraph_is_seen_across_sentences_without_events() -> None:
    text = "支出5万元。无数字。\n另起一段。收入3万元"
    events = [LabelMatch(0, 2, "x", ()), LabelMatch(text.index("收入"), len(text), "y", ())]
    found = list(prose._sentences_with_events(text, events))
    assert [(text[s:e], new) for s, e, _, new in found] == [
        ("支出5万元", False),
        ("收入3万元", True),
    ]


# -------------------------------------------------------------------------- normalize


def _plain_wrap_width(widths: list[int]) -> int | None:
    lines = [w for w in widths if w > 0]
    if len(lines) < 4:
        return None
    at_most = [sum(1 for w in lines if min(w, 403) <= width) for width in range(404)]
    best: tuple[int, int] | None = None
    for width in range(30, 401):
        if len(lines) - at_most[width + 2] > 0.10 * len(lines):
            continue
        floor = max(0, width - max(4, round(width * 0.18)) - 1)
        cluster = at_most[width + 2] - at_most[floor]
        if best is None or cluster >= best[0]:
            best = (cluster, width)
    if best is None or best[0] < max(3, 0.40 * len(lines)):
        return None
    return best[1]


@settings(max_examples=300, deadline=None)
@given(
    st.integers(20, 420).flatmap(
        lambda wrap: st.lists(
            st.one_of(st.integers(max(0, wrap - 12), wrap + 1), st.integers(0, 900)), max_size=40
        )
    )
)
def test_wrap_width_found_by_bisection_is_the_one_a_scan_of_every_width_finds(
    widths: list[int],
) -> None:
    assert normalize._wrap_width(widths) == _plain_wrap_width(widths)


@settings(max_examples=300, deadline=None)
@given(_texts(list("甲1 \t\u3000\u00a0\n\n"), 40))
def test_lines_with_space_are_the_lines_holding_one(text: str) -> None:
    plain = re.compile(r"^[^\n]*?[ \t\u3000\u00a0][^\n]*$", re.MULTILINE)
    assert normalize._lines_with_space(text) == [m.span() for m in plain.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(_texts(list("甲乙1２．，。 \u3000\n—－第页共5"), 60))
def test_each_character_maps_through_its_run_to_its_original(text: str) -> None:
    result = normalize.normalize(text)
    for index in range(len(result.text)):
        assert result.to_original(index, index + 1) == (
            result.origin[index],
            result.origin[index] + 1,
        )


# ------------------------------------------------------------------ lines, cells, headings


@settings(max_examples=300, deadline=None)
@given(_texts(list("0123456789.,-%甲| \t\u3000"), 30))
def test_spaced_numbers_shortcut_agrees_with_the_search(line: str) -> None:
    assert cells._spaced_numbers(line) == (cells._SPACED_NUMBERS.search(line) is not None)


@settings(max_examples=300, deadline=None)
@given(_texts(list("一二三十、甲\n"), 40))
def test_run_on_markers_are_numerals_not_preceded_by_a_numeral(text: str) -> None:
    plain = re.compile(r"(?<![一二三四五六七八九十])([一二三四五六七八九十]{1,3})、")
    assert [m.span(1) for m in sections._INLINE_L1.finditer(text)] == [
        m.span(1) for m in plain.finditer(text)
    ]


_COLUMN_TOKENS = ["年初预算", "数", "全年", "执行", "率", "得分", "2023年", "度", "决算"]
_COLUMN_TOKENS += ["（万元）", "甲", " "]


@settings(max_examples=300, deadline=None)
@given(_texts(_COLUMN_TOKENS, 5))
def test_column_names_read_the_same_with_the_quick_refusal(text: str) -> None:
    cleaned = re.sub(r"[(（][^)）]*[)）]?$", "", text.replace(" ", ""))
    plain = next(
        (
            headers.Column(kind, int(year) if (year := m.groupdict().get("year")) else None)
            for pattern, kind in headers.COLUMNS
            if (m := pattern.fullmatch(cleaned))
        ),
        None,
    )
    assert headers.column_of(text) == plain
