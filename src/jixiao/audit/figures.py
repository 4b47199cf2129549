"""Reading stated figures out of a Report: primary fields and mentions grouped by section.

The extractor fills each primary field with the first suitable statement and lists every
statement it read in ``report.mentions``. Rules check identities on the primary fields and,
where it matters, within each section ("cluster") that states a whole with its own parts,
so that a section is compared with itself and not with another section's figures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from jixiao.domain.evidence import Evidence
from jixiao.domain.money import Money
from jixiao.domain.report import Mention, Report, StatedMoney

# Scopes that name another period: their figures never stand in for the report year's.
_PERIOD_SCOPE = re.compile(r"上年|下年|去年|上一年|前年|同期|(19|20)\d{2}年")


@dataclass(frozen=True, slots=True)
class Figure:
    """One stated amount: which field, its value, where it was read and its scope."""

    path: str
    money: Money
    evidence: Evidence
    scope: str = ""


Group = dict[str, Figure]


def primary(report: Report, path: str) -> Figure | None:
    """The primary field at a dotted path ("spending.basic"), when it states an amount."""
    section_name, _, field_name = path.partition(".")
    section = getattr(report, section_name, None)
    stated = getattr(section, field_name, None) if section is not None else None
    if isinstance(stated, StatedMoney):
        return Figure(path=path, money=stated.value, evidence=stated.evidence)
    return None


def primary_group(report: Report, paths: Sequence[str]) -> Group:
    """The primary fields among ``paths`` that are stated."""
    return {p: f for p in paths if (f := primary(report, p)) is not None}


def money_of(mention: Mention) -> Money | None:
    return mention.value if isinstance(mention.value, Money) else None


def is_period_scope(scope: str) -> bool:
    return bool(_PERIOD_SCOPE.search(scope))


def cluster_groups(
    report: Report,
    paths: Sequence[str],
    *,
    aspect: str = "value",
    whole: str | None = None,
) -> list[Group]:
    """Per (cluster, scope), the one figure each of ``paths`` has there, in text order.

    A path stated twice with different values in the same cluster and scope is ambiguous and
    left out of that group. With ``whole``: a group whose scope limits the whole (一般公共预算
    基本支出) borrows the parts its cluster states without a scope ("其中：人员经费 …"), as long
    as the unscoped statements do not state that whole themselves and the scope is not
    another period.
    """
    buckets: dict[tuple[int, str], dict[str, list[Figure]]] = {}
    for mention in report.mentions:
        money = money_of(mention)
        if mention.path not in paths or mention.aspect != aspect or money is None:
            continue
        key = (mention.cluster, mention.scope)
        figure = Figure(mention.path, money, mention.evidence, mention.scope)
        buckets.setdefault(key, {}).setdefault(mention.path, []).append(figure)
    groups = {key: _unambiguous(found) for key, found in buckets.items()}
    if whole is not None:
        for (cluster, scope), group in groups.items():
            unscoped = groups.get((cluster, ""))
            if not scope or is_period_scope(scope) or unscoped is None or whole in unscoped:
                continue
            for path, figure in unscoped.items():
                group.setdefault(path, figure)
    return list(groups.values())


def _unambiguous(found: dict[str, list[Figure]]) -> Group:
    group: Group = {}
    for path, figures in found.items():
        if len({f.money.wan for f in figures}) == 1:
            group[path] = figures[0]
    return group
