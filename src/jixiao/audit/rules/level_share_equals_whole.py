"""A whole split among levels of government, then called one level's money in full.

    项目总投资80万元，其中中央财政资金50万元，县财政配套资金30万元，2024年度中央下达资金80万元。

If 80 = 中央 50 + 县 30, the central money is 50, not 80: one of the two statements is wrong,
and the text cannot be right whichever it is. whole-equals-stated-parts says nothing (intake
may even read the last clause as a third part, and parts far above their whole are left
alone there), and figure-restated-differently never sees it (neither figure is a field).

Intake reads which level's money each amount names (``report.level_amounts``); this rule does
the arithmetic. The level shares are the first parts of a closed money breakdown, at least two,
each naming one level, at least two levels among them, each above zero, adding up to the whole
within the rounding of the printed figures; parts after those are not shares. Another amount
naming one of those levels that equals the whole, and not that level's share, within rounding,
is an error when neither its clause nor the split names a year but the report's. An amount
naming a level the split does not list (地方 against 中央 and 县) is never compared: 地方 may
hold several.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from jixiao.audit import messages
from jixiao.audit.context import RuleContext
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.money import canonical
from jixiao.domain.relations import Breakdown, LevelAmount, StatedQuantity
from jixiao.domain.report import Report

CODE = "level-share-equals-whole"
# How each level is named in a message, before 资金.
_NAMES = {"省": "省级", "市": "市级", "县": "县级"}


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    by_end = {a.amount.evidence.end: a for a in report.level_amounts}
    reported: set[int] = set()  # a split stated twice flags a statement once
    for breakdown in report.breakdowns:
        shares = _level_shares(breakdown, by_end)
        if shares is None or not _of_the_year(breakdown.whole, shares, report.year):
            continue
        own = {breakdown.whole.evidence.end, *(s.amount.evidence.end for s in shares)}
        for statement in report.level_amounts:
            end = statement.amount.evidence.end
            if end in own or end in reported:
                continue
            found = _finding(breakdown.whole, shares, statement, report.year)
            if found is not None:
                reported.add(end)
                yield found


def _level_shares(
    breakdown: Breakdown, by_end: dict[int, LevelAmount]
) -> tuple[LevelAmount, ...] | None:
    """The first parts of the breakdown that are level shares adding up to its whole."""
    whole = breakdown.whole
    if not (breakdown.closed and whole.is_money and whole.value > 0):
        return None
    shares: list[LevelAmount] = []
    for part in breakdown.parts:
        share = by_end.get(part.evidence.end)
        if share is None or not part.is_money or part.value <= 0:
            return None
        shares.append(share)
        if len(shares) >= 2 and len({s.level for s in shares}) >= 2:
            total = sum((s.amount.value for s in shares), Decimal(0))
            slack = whole.ulp + sum((s.amount.ulp for s in shares), Decimal(0))
            if abs(total - whole.value) <= slack:
                return tuple(shares)
            if total > whole.value + slack:
                return None
    return None


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})年")


def _of_the_year(whole: StatedQuantity, shares: tuple[LevelAmount, ...], year: int | None) -> bool:
    """Whether the split is of the report year's money: a split of 2023's investment says
    nothing about what 2024's central money was."""
    years = {int(y) for y in _YEAR.findall(whole.label)}
    years.update(y for s in shares for y in s.years)
    return all(y == year for y in years)


def _finding(
    whole: StatedQuantity,
    shares: tuple[LevelAmount, ...],
    statement: LevelAmount,
    year: int | None,
) -> Finding | None:
    said = statement.amount
    if not said.is_money or any(y != year for y in statement.years):
        return None  # another year's money (or the report's year unknown)
    own = [s.amount for s in shares if s.level == statement.level]
    if not own:
        return None  # a level the breakdown does not list
    others = [s.amount for s in shares if s.level != statement.level]
    share = sum((a.value for a in own), Decimal(0))
    share_ulp = sum((a.ulp for a in own), Decimal(0))
    if abs(said.value - whole.value) > said.ulp + whole.ulp:
        return None  # not the whole
    if abs(said.value - share) <= said.ulp + share_ulp:
        return None  # the level's own share after all
    message = messages.render(
        CODE,
        whole=messages.quote_text(whole.evidence.quote),
        level=_NAMES.get(statement.level, statement.level),
        share=_number(share),
        shares="、".join(f"{a.label}{_number(a.value)}" for a in (*own, *others)),
        statement=messages.quote_text(said.evidence.quote),
        stated=_number(said.value),
    )
    return Finding(
        code=CODE,
        severity=Severity.ERROR,
        message=message,
        stated=said.value,
        computed=share,
        difference=said.value - share,
        evidence=(
            whole.evidence,
            *(a.evidence for a in own),
            *(a.evidence for a in others),
            said.evidence,
        ),
    )


def _number(value: Decimal) -> str:
    return f"{canonical(value)}万元"
