"""The label lexicon: the many wordings of each figure, loaded from data/lexicon/labels.toml.

Matching is one compiled regular expression, longest wording first, tolerant of the quote
marks reports put around 三公 and of the parentheses variants in 出国(境).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class LabelSense:
    """One field a wording can mean, with its rank and the report kinds it applies to."""

    path: str
    rank: int
    kinds: frozenset[str] | None
    scope: str = ""  # a wording that names its fund itself (一般公共预算支出)


@dataclass(frozen=True, slots=True)
class LabelMatch:
    start: int
    end: int
    wording: str
    senses: tuple[LabelSense, ...]


_QUOTES = "“”\"'‘’「」『』"


def _wording_pattern(wording: str) -> str:
    """A regex for one wording: quotes around 三公 optional, spaces ignored, () fixed."""
    parts = []
    for char in wording:
        if char == "三":
            parts.append(f"[{re.escape(_QUOTES)}]?三")
        elif char == "公" and parts and parts[-1].endswith("三"):
            parts.append(f"公[{re.escape(_QUOTES)}]?")
        elif char in "()":
            parts.append(re.escape(char))
        else:
            parts.append(re.escape(char))
    return "".join(parts)


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per process
class Lexicon:
    senses: dict[str, tuple[LabelSense, ...]]
    pattern: re.Pattern[str]
    qualifiers: tuple[tuple[str, str], ...]  # (wording, scope), longest wording first

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[LabelMatch]:
        stop = len(text) if end is None else end
        found = []
        for match in self.pattern.finditer(text, start, stop):
            wording = _canonical_wording(match.group(0))
            senses = self.senses.get(wording)
            if senses:
                found.append(LabelMatch(match.start(), match.end(), wording, senses))
        return found

    def scopes_in(self, text: str) -> list[str]:
        """The qualifier scopes named in a piece of text, in order of appearance."""
        hits: list[tuple[int, str]] = []
        taken: list[tuple[int, int]] = []
        for wording, scope in self.qualifiers:
            # Most wordings are absent: a substring test (C) before any search. str.find
            # from the last end finds what re.finditer of the escaped wording would.
            position = text.find(wording)
            while position >= 0:
                span = (position, position + len(wording))
                if not any(a < span[1] and span[0] < b for a, b in taken):
                    taken.append(span)
                    hits.append((position, scope))
                position = text.find(wording, span[1])
        return [scope for _, scope in sorted(hits)]


_DROP_QUOTES = str.maketrans("", "", _QUOTES)


def _canonical_wording(matched: str) -> str:
    return matched.translate(_DROP_QUOTES)


def _grouped_pattern(ordered: list[str]) -> str:
    """One alternation of the wordings, grouped by the character a match starts with.

    Each top-level alternative opens with its own literal, so the regex engine skips in C to
    the characters a wording can start with, then tries only that character's wordings (in
    their order in ``ordered``, so the same one wins). A wording starting with 三 may start
    with a quote mark: it is filed under 三 and under each quote mark.
    """
    optional_quote = f"[{re.escape(_QUOTES)}]?"
    groups: dict[str, list[str]] = {}
    for wording in ordered:
        pattern = _wording_pattern(wording)
        if pattern.startswith(optional_quote):
            rest = pattern[len(optional_quote) :]  # 三…
            groups.setdefault("三", []).append(rest[1:])
            for quote in _QUOTES:
                groups.setdefault(quote, []).append(rest)
        else:
            first = re.escape(wording[0])
            groups.setdefault(wording[0], []).append(pattern[len(first) :])
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items())


@cache
def load_lexicon() -> Lexicon:
    raw = tomllib.loads(
        resources.files("jixiao.data.lexicon").joinpath("labels.toml").read_text("utf-8")
    )
    senses: dict[str, list[LabelSense]] = {}
    for entry in raw["label"]:
        kinds = frozenset(entry["kinds"]) if "kinds" in entry else None
        sense = LabelSense(entry["path"], int(entry.get("rank", 0)), kinds, entry.get("scope", ""))
        for wording in entry["wordings"]:
            senses.setdefault(wording, []).append(sense)
    ordered = sorted(senses, key=len, reverse=True)
    pattern = re.compile(_grouped_pattern(ordered))
    qualifiers = sorted(
        ((w, scope) for scope, words in raw["qualifiers"].items() for w in words),
        key=lambda item: len(item[0]),
        reverse=True,
    )
    return Lexicon(
        senses={w: tuple(s) for w, s in senses.items()},
        pattern=pattern,
        qualifiers=tuple(qualifiers),
    )
