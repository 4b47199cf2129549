"""支出合计 = 基本支出 + 项目支出 (or 人员经费 + 公用经费 + 项目支出 when 基本支出 is not stated).

Checked on the primary fields and within every section that states its own total with its
parts. A 决算's 本年支出合计 may also hold 上缴上级支出, 经营支出 and 对附属单位补助支出, which the
report model does not carry: there, parts that fall short of the total are only a warning.
"""

from __future__ import annotations

from collections.abc import Iterable

from jixiao.audit import messages
from jixiao.audit.context import RuleContext
from jixiao.audit.figures import Figure, Group, cluster_groups, primary_group
from jixiao.audit.sums import SumKey, sum_finding, sum_key
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.report import Report, ReportKind

CODE = "total-equals-basic-plus-project"

_TOTAL = "spending.total"
_PATHS = (_TOTAL, "spending.basic", "spending.personnel", "spending.public", "spending.project")


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    seen: set[SumKey] = set()
    groups = [primary_group(report, _PATHS), *cluster_groups(report, _PATHS, whole=_TOTAL)]
    for group in groups:
        found = _check_group(report, group, seen)
        if found is not None:
            yield found


def _check_group(report: Report, group: Group, seen: set[SumKey]) -> Finding | None:
    whole = group.get(_TOTAL)
    parts = _parts(group)
    if whole is None or parts is None:
        return None
    key = sum_key(whole, parts)
    if key in seen:
        return None
    seen.add(key)
    short = sum(p.money.wan for p in parts) < whole.money.wan
    if report.kind is ReportKind.FINAL_ACCOUNTS and short:
        note = messages.render(f"{CODE}:other-spending")
        return sum_finding(CODE, whole, parts, mismatch_severity=Severity.WARNING, note=note)
    return sum_finding(CODE, whole, parts)


def _parts(group: Group) -> list[Figure] | None:
    project = group.get("spending.project")
    if project is None:
        return None
    basic = group.get("spending.basic")
    if basic is not None:
        return [basic, project]
    personnel, public = group.get("spending.personnel"), group.get("spending.public")
    if personnel is not None and public is not None:
        return [personnel, public, project]
    return None
