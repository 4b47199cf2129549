"""基本支出 = 人员经费 + 公用经费.

Checked on the primary fields and within every section that states its own 基本支出 with
人员经费 and 公用经费: a budget that gives 基本支出 881300.39元 in one section and, in another,
"一般公共预算基本支出911000.39元，其中：人员经费809961.19元 … 公用经费71339.2元" fails in the
second section even though the primary fields agree. Each distinct failure is reported once.
"""

from __future__ import annotations

from collections.abc import Iterable

from jixiao.audit.context import RuleContext
from jixiao.audit.figures import cluster_groups, primary_group
from jixiao.audit.sums import SumKey, sum_finding, sum_key
from jixiao.domain.findings import Finding
from jixiao.domain.report import Report

CODE = "basic-equals-personnel-plus-public"

_BASIC = "spending.basic"
_PARTS = ("spending.personnel", "spending.public")


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    paths = (_BASIC, *_PARTS)
    seen: set[SumKey] = set()
    for group in [primary_group(report, paths), *cluster_groups(report, paths, whole=_BASIC)]:
        whole = group.get(_BASIC)
        parts = [group[p] for p in _PARTS if p in group]
        if whole is None or len(parts) != len(_PARTS):
            continue
        key = sum_key(whole, parts)
        if key in seen:
            continue
        seen.add(key)
        found = sum_finding(CODE, whole, parts)
        if found is not None:
            yield found
