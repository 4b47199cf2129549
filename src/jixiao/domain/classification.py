"""政府收支分类科目 · 支出功能分类 类级科目, by year, read from ``jixiao/data/classification``.

Each data file is one edition and says which report years it covers. ``match`` accepts the
exact standard name and wordings that are clearly the same class (a missing trailing 支出,
spacing, 和/与/及, a leading code), never a name that lacks or changes a word: 灾害防治应急管理支出
is not 灾害防治及应急管理支出, and the audit must flag it.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import Any

_DATA_PACKAGE = "jixiao.data"
_DATA_DIR = "classification"

# How close a stated name must be to a standard one before a message suggests it:
# 灾害防治应急管理支出 vs 灾害防治及应急管理支出 scores 0.95,
# 应急物资储备支出 vs 粮油物资储备支出 only 0.75.
_SUGGEST_CUTOFF = 0.8

_CODE_PREFIX = re.compile(r"^(\d{3})(?!\d)")
# Conjunctions that reports use interchangeably inside a class name.
_CONJUNCTIONS = str.maketrans({"与": "和", "及": "和", "、": "和"})


@dataclass(frozen=True, slots=True)
class FunctionClass:
    code: str
    name: str
    former: tuple[str, ...] = ()  # names of earlier editions, not valid in this one


@dataclass(frozen=True, slots=True)
class ClassMatch:
    """A stated name recognised as a class; ``exact`` when it is the standard name verbatim."""

    code: str
    name: str
    exact: bool


@dataclass(frozen=True)
class Classification:
    """The 类 of one edition, as used for one report year."""

    edition: int
    first_year: int
    last_year: int
    classes: tuple[FunctionClass, ...]
    year: int | None = None  # the report year asked for (None: unknown, latest edition used)

    @property
    def covers_year(self) -> bool:
        """True when the edition's data covers the requested report year."""
        return self.year is not None and self.first_year <= self.year <= self.last_year

    def by_code(self, code: str) -> str | None:
        """The standard name of a 类 code ("206" -> 科学技术支出), None when not a 类 this year."""
        return self._names_by_code.get(code.strip())

    def match(self, stated_name: str) -> ClassMatch | None:
        """The class a stated name means, or None when it is not clearly one of this year's."""
        stripped = stated_name.strip()
        exact = self._codes_by_name.get(stripped)
        if exact is not None:
            return ClassMatch(code=exact, name=stripped, exact=True)
        code, rest = _split_code(_normalise(stripped))
        if code is not None and code not in self._names_by_code:
            return None
        if not rest:
            return None if code is None else ClassMatch(code, self._names_by_code[code], False)
        found = self._codes_by_key.get(rest) or self._codes_by_key.get(rest + "支出")
        if found is None or (code is not None and code != found):
            return None
        return ClassMatch(code=found, name=self._names_by_code[found], exact=False)

    @functools.lru_cache(maxsize=1024)  # noqa: B019 (editions are loaded once and live forever)
    def suggest(self, stated_name: str) -> str | None:
        """A standard name the stated one obviously means, for a message; None when unclear."""
        key = _normalise(stated_name)
        for cls in self.classes:
            if key in {_normalise(name) for name in cls.former}:
                return cls.name
        candidates = {_normalise(cls.name): cls.name for cls in self.classes}
        close = difflib.get_close_matches(key, list(candidates), n=1, cutoff=_SUGGEST_CUTOFF)
        if not close:
            close = difflib.get_close_matches(
                key + "支出", list(candidates), n=1, cutoff=_SUGGEST_CUTOFF
            )
        return candidates[close[0]] if close else None

    @functools.cached_property
    def _names_by_code(self) -> dict[str, str]:
        return {cls.code: cls.name for cls in self.classes}

    @functools.cached_property
    def _codes_by_name(self) -> dict[str, str]:
        return {cls.name: cls.code for cls in self.classes}

    @functools.cached_property
    def _codes_by_key(self) -> dict[str, str]:
        return {_normalise(cls.name): cls.code for cls in self.classes}


def load_classification(year: int | None) -> Classification:
    """The classification for a report year (cached).

    A year outside every edition's range gets the nearest edition (``covers_year`` is then
    False, so the audit can soften what it says); an unknown year gets the latest edition.
    """
    return _load_for_year(year)


@functools.cache
def _load_for_year(year: int | None) -> Classification:
    editions = load_editions()
    if year is None:
        chosen = editions[-1]
    elif year < editions[0].first_year:
        chosen = editions[0]
    else:
        chosen = next((e for e in editions if e.first_year <= year <= e.last_year), editions[-1])
    return Classification(
        edition=chosen.edition,
        first_year=chosen.first_year,
        last_year=chosen.last_year,
        classes=chosen.classes,
        year=year,
    )


@functools.cache
def load_editions() -> tuple[Classification, ...]:
    """Every edition in the data folder, oldest first; checks that year ranges do not overlap."""
    folder = resources.files(_DATA_PACKAGE) / _DATA_DIR
    editions = sorted(
        (
            _parse_edition(entry.name, tomllib.loads(entry.read_text(encoding="utf-8")))
            for entry in folder.iterdir()
            if entry.name.endswith(".toml")
        ),
        key=lambda e: e.first_year,
    )
    if not editions:
        raise ValueError("no classification data files found")
    for before, after in itertools.pairwise(editions):
        if after.first_year <= before.last_year:
            raise ValueError(
                f"classification editions {before.edition} and {after.edition} overlap"
            )
    return tuple(editions)


def _parse_edition(filename: str, data: dict[str, Any]) -> Classification:
    try:
        first, last = int(data["first_year"]), int(data["last_year"])
        classes = tuple(
            FunctionClass(
                code=str(item["code"]),
                name=str(item["name"]),
                former=tuple(str(n) for n in item.get("former", ())),
            )
            for item in data["classes"]
        )
        edition = int(data["edition"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"classification file {filename} is malformed: {exc!r}") from exc
    if first > last:
        raise ValueError(f"classification file {filename}: first_year after last_year")
    codes = [cls.code for cls in classes]
    if len(set(codes)) != len(codes) or not all(re.fullmatch(r"\d{3}", c) for c in codes):
        raise ValueError(f"classification file {filename}: codes must be unique 3-digit strings")
    return Classification(edition=edition, first_year=first, last_year=last, classes=classes)


@functools.lru_cache(maxsize=2048)
def _normalise(name: str) -> str:
    """Width, spaces, punctuation and conjunctions folded, so wording variants compare equal."""
    folded = unicodedata.normalize("NFKC", name)
    kept = "".join(ch for ch in folded if not _is_noise(ch))
    return kept.translate(_CONJUNCTIONS)


def _is_noise(ch: str) -> bool:
    if ch == "、":  # a conjunction here, folded rather than dropped
        return False
    return ch.isspace() or unicodedata.category(ch)[0] in ("P", "S", "Z")


def _split_code(key: str) -> tuple[str | None, str]:
    found = _CODE_PREFIX.match(key)
    if found is None:
        return None, key
    return found.group(1), key[found.end() :]
