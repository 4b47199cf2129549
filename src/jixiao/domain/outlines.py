"""Report outlines (提纲) as data: which level-1 sections a kind of report must have.

The outlines live in ``jixiao/data/outlines/*.toml`` so that a finance bureau can adapt them
without touching code. A heading fills a section when, once spaces and punctuation are
removed, it contains the section's title or one of its accepted variants.
"""

from __future__ import annotations

import functools
import tomllib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from jixiao.domain.report import ReportKind

_DATA_PACKAGE = "jixiao.data"
_DATA_DIR = "outlines"

# detect_outline: the share of an outline's required sections the headings must fill, and the
# least number of filled sections, before the outline counts as recognised.
_MIN_RECALL = 0.5
_MIN_MATCHED = 2


@dataclass(frozen=True, slots=True)
class RequiredSection:
    title: str
    variants: tuple[str, ...] = ()
    required: bool = True
    subsections: tuple[str, ...] = ()  # descriptive only; not checked
    position: int = 0  # 1-based place in the outline (一、 is 1)

    def matches(self, heading_title: str) -> bool:
        key = _normalise(heading_title)
        return any(_normalise(v) in key for v in (self.title, *self.variants))


@dataclass(frozen=True, slots=True)
class Outline:
    name: str
    title: str
    kinds: tuple[ReportKind, ...]
    sections: tuple[RequiredSection, ...]
    source: str = ""

    @property
    def required_sections(self) -> tuple[RequiredSection, ...]:
        return tuple(s for s in self.sections if s.required)

    def missing(self, titles: Sequence[str]) -> list[RequiredSection]:
        """The required sections that none of the given level-1 heading titles fills."""
        return [s for s in self.required_sections if not any(s.matches(t) for t in titles)]

    def applies_to(self, kind: ReportKind) -> bool:
        return kind in self.kinds


@functools.cache
def load_outlines() -> tuple[Outline, ...]:
    """Every outline in the data folder, sorted by name (cached)."""
    folder = resources.files(_DATA_PACKAGE) / _DATA_DIR
    outlines = [
        _parse_outline(entry.name, tomllib.loads(entry.read_text(encoding="utf-8")))
        for entry in folder.iterdir()
        if entry.name.endswith(".toml")
    ]
    names = [o.name for o in outlines]
    if len(set(names)) != len(names):
        raise ValueError("two outline files use the same name")
    return tuple(sorted(outlines, key=lambda o: o.name))


def outline_by_name(name: str) -> Outline | None:
    return next((o for o in load_outlines() if o.name == name), None)


def detect_outline(titles: Sequence[str], *, kind: ReportKind | None = None) -> Outline | None:
    """The outline whose required sections the level-1 heading titles fill best.

    With ``kind`` (other than UNKNOWN), only outlines for that kind are considered. None when
    no outline has at least half of its required sections (and two of them) filled.
    """
    best: tuple[float, int, float] | None = None
    chosen: Outline | None = None
    for outline in load_outlines():
        if kind is not None and kind is not ReportKind.UNKNOWN and not outline.applies_to(kind):
            continue
        required = outline.required_sections
        matched = len(required) - len(outline.missing(titles))
        if not required or matched < _MIN_MATCHED or matched / len(required) < _MIN_RECALL:
            continue
        # Precision breaks ties: the share of headings that belong to the outline at all.
        used = sum(1 for t in titles if any(s.matches(t) for s in outline.sections))
        score = (matched / len(required), matched, used / len(titles))
        if best is None or score > best:
            best, chosen = score, outline
    return chosen


def _parse_outline(filename: str, data: dict[str, Any]) -> Outline:
    try:
        sections = tuple(
            RequiredSection(
                title=str(item["title"]),
                variants=tuple(str(v) for v in item.get("variants", ())),
                required=bool(item.get("required", True)),
                subsections=tuple(str(s) for s in item.get("subsections", ())),
                position=index,
            )
            for index, item in enumerate(data["sections"], start=1)
        )
        return Outline(
            name=str(data["name"]),
            title=str(data["title"]),
            kinds=tuple(ReportKind(k) for k in data["kinds"]),
            sections=sections,
            source=str(data.get("source", "")),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"outline file {filename} is malformed: {exc!r}") from exc


@functools.lru_cache(maxsize=4096)
def _normalise(text: str) -> str:
    # Cached: every heading title is compared with every outline's sections.
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if not _is_noise(ch))


def _is_noise(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch)[0] in ("P", "S", "Z")
