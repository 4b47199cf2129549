"""年末结转和结余 = 上年结转和结余 + 本年收入 (+ 使用结余) − 本年支出 − 结余分配.

A 决算 text often states the year's whole money flow in one paragraph:

    上年结转和结余资金为12.30万元，本年收入856.20万元，支出860.05万元，
    用事业基金弥补收支差额0万元，结余分配0万元，年末结转和结余资金为8.45万元。

Checked within every section and fund scope that states the opening and closing balances with
the year's income and expenditure. When the text does not state 使用结余 or 结余分配, a gap
may be theirs: a mismatch is then a warning, not an error.
"""

from __future__ import annotations

from collections.abc import Iterable

from jixiao.audit import messages
from jixiao.audit.context import RuleContext
from jixiao.audit.figures import Figure, cluster_groups
from jixiao.audit.sums import evidence_of, finding, join_terms, term
from jixiao.audit.tolerance import Outcome, compare_sum
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.money import Money
from jixiao.domain.report import Report, ReportKind

CODE = "carryover-balance"

_OPENING = "accounts.carryover_opening"
_INCOME = "accounts.income_current"
_EXPENDITURE = "spending.total"
_USED = "accounts.balance_used"
_DISTRIBUTED = "accounts.surplus_distribution"
_CLOSING = "accounts.carryover_closing"
_PATHS = (_OPENING, _INCOME, _EXPENDITURE, _USED, _DISTRIBUTED, _CLOSING)


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    if report.kind is not ReportKind.FINAL_ACCOUNTS:
        return
    seen: set[tuple[object, ...]] = set()
    for group in cluster_groups(report, _PATHS):
        needed = [group.get(p) for p in (_OPENING, _INCOME, _EXPENDITURE, _CLOSING)]
        if any(f is None for f in needed):
            continue
        opening, income, expenditure, closing = (f for f in needed if f is not None)
        inflows = [opening, income, *_stated(group, _USED)]
        outflows = [expenditure, *_stated(group, _DISTRIBUTED)]
        key = tuple(f.money.wan for f in (*inflows, *outflows, closing))
        if key in seen:
            continue
        seen.add(key)
        found = _finding(closing, inflows, outflows, complete=len(inflows) + len(outflows) == 5)
        if found is not None:
            yield found


def _stated(group: dict[str, Figure], path: str) -> list[Figure]:
    figure = group.get(path)
    return [] if figure is None else [figure]


def _finding(
    closing: Figure, inflows: list[Figure], outflows: list[Figure], *, complete: bool
) -> Finding | None:
    signed = [f.money for f in inflows] + [_negated(f.money) for f in outflows]
    comparison = compare_sum(closing.money, signed)
    if comparison.outcome is Outcome.EQUAL:
        return None
    like = [closing.money, *signed]
    fields = {
        "closing": term(closing),
        "inflows": join_terms([term(f, within=closing.scope) for f in inflows]),
        "outflows": join_terms([term(f, within=closing.scope) for f in outflows]),
        "computed": messages.derived_text(comparison.computed, like),
        "difference": messages.derived_text(abs(comparison.difference), like),
        "note": "" if complete else messages.render(f"{CODE}:unstated"),
    }
    evidence = evidence_of([*inflows, *outflows, closing])
    if comparison.outcome is Outcome.ROUNDING:
        message = messages.render(f"{CODE}:rounding", **fields)
        return finding(CODE, Severity.INFO, message, comparison, evidence)
    severity = Severity.ERROR if complete else Severity.WARNING
    return finding(CODE, severity, messages.render(CODE, **fields), comparison, evidence)


def _negated(money: Money) -> Money:
    return Money(wan=-money.wan, ulp=money.ulp, stated_unit=money.stated_unit)
