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
