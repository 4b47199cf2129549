"""Which qualifiers limit a figure, by field family and report kind.

A qualifier limits a figure when it names part of the unit's money or another year:
基本支出 of 一般公共预算 only is not the unit's 基本支出. Some qualifiers are the norm
for a kind of document (预算 in a budget, 决算 in final accounts) or for a field (三公经费
are by definition 财政拨款), and then they limit nothing.
"""

from __future__ import annotations

import re

_YEAR = re.compile(r"(?<!\d)(20\d{2}|19\d{2})年")


def effective_scope(scopes: list[str], *, path: str, kind: str) -> str:
    """The one scope that limits a figure, or "" when none does."""
    for scope in scopes:
        if _is_neutral(scope, path=path, kind=kind):
            continue
        return scope
    return ""


def _is_neutral(scope: str, *, path: str, kind: str) -> bool:
    if path.startswith("three_public.") and scope in ("财政拨款", "一般公共预算"):
        return True
    if path.startswith("budget.") and scope in ("预算", "决算", "财政拨款"):
        return True
    if scope == "决算":
        return kind != "budget"
    if scope == "预算":
        return kind == "budget"
    return False


def other_year_scope(prefix: str, year: int | None) -> str:
    """ "上年" when the text just before a label names a year other than the report's."""
    if year is None:
        return ""
    years = [int(m.group(1)) for m in _YEAR.finditer(prefix)]
    if years and years[-1] != year:
        return "上年" if years[-1] < year else "下年"
    return ""


# A government's budget or final-accounts report gives each fund a section of its own
# ("（二）政府性基金预算收支情况 … 收入总计0万元 … 支出总计0万元"): the totals in it are that
# fund's, though the sentence does not name it again.
_FUND_TITLES = (("政府性基金", "政府性基金"), ("国有资本经营", "国有资本经营"))
_OTHER_FUND_PATHS = ("spending.", "accounts.")


def fund_section_scopes(headings: list[tuple[str, int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, fund) of the sections whose title names one narrower fund, from the
    (title, body start, body end) of each section."""
    spans = []
    for title, start, end in headings:
        if "一般公共预算" in title:
            continue
        named = [scope for word, scope in _FUND_TITLES if word in title]
        if len(named) == 1:
            spans.append((start, end, named[0]))
    return spans


def fund_of(path: str, position: int, spans: list[tuple[int, int, str]]) -> str:
    """The fund a unit-level figure at ``position`` belongs to by its section, or ""."""
    if not path.startswith(_OTHER_FUND_PATHS):
        return ""
    inside = [(end - start, scope) for start, end, scope in spans if start <= position < end]
    return min(inside)[1] if inside else ""
