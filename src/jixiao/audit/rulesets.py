"""Year-versioned rule sets: which rule codes run, and severity overrides.

Read from ``jixiao/data/rulesets``: ``default.toml`` and one ``<year>.toml`` per year from which
the rules changed. A report gets the latest year file not after its year, else the default.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from jixiao.audit.registry import RULES
from jixiao.domain.findings import Severity

_DATA_PACKAGE = "jixiao.data"
_DATA_DIR = "rulesets"
_DEFAULT = "default"


@dataclass(frozen=True, slots=True)
class RuleSet:
    name: str
    enabled: tuple[str, ...]  # rule codes, in the order they run
    first_year: int | None = None  # None for the default set
    severity: tuple[tuple[str, Severity], ...] = ()  # code -> severity of its real findings
    description: str = ""

    def override_for(self, code: str) -> Severity | None:
        return next((s for c, s in self.severity if c == code), None)

    @classmethod
    def of(
        cls,
        codes: tuple[str, ...] | None = None,
        *,
        severity: dict[str, Severity] | None = None,
        name: str = "custom",
    ) -> RuleSet:
        """A rule set built in code (tests, callers that run a few rules); all codes by default."""
        enabled = tuple(RULES) if codes is None else codes
        _check_codes(name, [*enabled, *(severity or {})])
        return cls(name=name, enabled=enabled, severity=tuple((severity or {}).items()))


@functools.cache
def load_rulesets() -> tuple[RuleSet, ...]:
    """Every rule set in the data folder: the default first, then the year files by year."""
    folder = resources.files(_DATA_PACKAGE) / _DATA_DIR
    sets = [
        _parse(entry.name, tomllib.loads(entry.read_text(encoding="utf-8")))
        for entry in folder.iterdir()
        if entry.name.endswith(".toml")
    ]
    defaults = [s for s in sets if s.first_year is None]
    if len(defaults) != 1:
        raise ValueError("the rule sets need exactly one default (a file without first_year)")
    years = sorted((s for s in sets if s.first_year is not None), key=_year)
    if len({s.first_year for s in years}) != len(years):
        raise ValueError("two rule set files start in the same year")
    return (defaults[0], *years)


def default_ruleset() -> RuleSet:
    return load_rulesets()[0]


def ruleset_for_year(year: int | None) -> RuleSet:
    """The latest year file whose first year is not after ``year``; the default otherwise."""
    chosen = default_ruleset()
    if year is None:
        return chosen
    for ruleset in load_rulesets()[1:]:
        if _year(ruleset) <= year:
            chosen = ruleset
    return chosen


def _year(ruleset: RuleSet) -> int:
    return ruleset.first_year if ruleset.first_year is not None else 0


def _parse(filename: str, data: dict[str, Any]) -> RuleSet:
    try:
        first_year = data.get("first_year")
        name = str(data.get("name", filename.removesuffix(".toml")))
        enabled = tuple(str(code) for code in data["enabled"])
        severity = tuple(
            (str(code), Severity(str(level))) for code, level in data.get("severity", {}).items()
        )
        ruleset = RuleSet(
            name=name,
            enabled=enabled,
            first_year=None if first_year is None else int(first_year),
            severity=severity,
            description=str(data.get("description", "")),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ValueError(f"rule set file {filename} is malformed: {exc!r}") from exc
    _check_codes(filename, [*enabled, *(code for code, _ in severity)])
    return ruleset


def _check_codes(where: str, codes: list[str]) -> None:
    unknown = sorted(set(codes) - set(RULES))
    if unknown:
        raise ValueError(f"rule set {where} names unknown rule codes: {', '.join(unknown)}")
