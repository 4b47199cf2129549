"""A funds row whose cells a conversion ran together: "年度资金总额:390390100%".

A docx or web conversion can join a 自评表's row, header words and values alike, with no
separator: 全年预算数(A) 全年执行数(B) 执行率(B/A) and "21182118100%". The digits alone cannot
be split, but the header says the row holds A, B and B/A, and only one split makes the rate
B ÷ A (to within half a percentage point, so that a table whose own rate is a little off still
reads, and the audit then says so). Nothing is read when no split, or more than one, fits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from jixiao.domain.money import Money, MoneyUnit, Rate
from jixiao.intake.candidates import Candidate

_HEADER = re.compile(
    r"(?:全年)?预算数\s*\(A\)\s*(?:全年)?执行数\s*\(B\)\s*(?:预算)?执行率\s*\(B/A[^)]{0,8}\)"
)
_ROW = re.compile(r"(?:年度资金总额|资金总额|合计)[:：]?\s*(?P<digits>\d[\d.]{2,30})%")
_REACH = 200  # the row follows its header closely
_TOLERANCE = Decimal("0.5")  # percentage points


@dataclass(frozen=True, slots=True)
class _Split:
    budget: str
    executed: str
    rate: str
    error: Decimal


def run_together_rows(text: str) -> list[Candidate]:
    found: list[Candidate] = []
    for header in _HEADER.finditer(text):
        row = _ROW.search(text, header.end(), header.end() + _REACH)
        if row is None:
            continue
        split = _only_split(row.group("digits"))
        if split is None:
            continue
        start = row.start("digits")
        spans = (
            (start, start + len(split.budget)),
            (start + len(split.budget), start + len(split.budget) + len(split.executed)),
        )
        label = row.start()
        found.append(
            Candidate(
                "budget.adjusted", Money.parse(split.budget, MoneyUnit.WAN), label, spans[0][1]
            )
        )
        found.append(
            Candidate(
                "budget.executed", Money.parse(split.executed, MoneyUnit.WAN), label, spans[1][1]
            )
        )
        found.append(Candidate("budget.execution_rate", Rate.parse(split.rate), label, row.end()))
    return found


def _only_split(digits: str) -> _Split | None:
    """The one reading of ``digits`` as budget, executed and rate that adds up, if unique."""
    fits = sorted(_splits(digits), key=lambda s: s.error)
    if not fits or fits[0].error > _TOLERANCE:
        return None
    if len(fits) > 1 and fits[1].error <= _TOLERANCE:
        return None  # two readings add up: the digits do not say which
    return fits[0]


def _splits(digits: str) -> list[_Split]:
    found = []
    for rate_start in range(2, len(digits)):
        rate = digits[rate_start:]
        amounts = digits[:rate_start]
        if not _number(rate) or "." in amounts[-1:]:
            continue
        for cut in range(1, len(amounts)):
            budget, executed = amounts[:cut], amounts[cut:]
            if not (_number(budget) and _number(executed)):
                continue
            value_a, value_b, value_r = Decimal(budget), Decimal(executed), Decimal(rate)
            if value_a <= 0 or value_r <= 0 or value_r > 200:
                continue
            error = abs(value_b / value_a * 100 - value_r)
            found.append(_Split(budget, executed, rate, error))
    return found


def _number(text: str) -> bool:
    """A plain decimal as a table prints it: no leading zero before digits, one point at most."""
    if not text or text.startswith(".") or text.endswith(".") or text.count(".") > 1:
        return False
    if len(text) > 1 and text[0] == "0" and text[1] != ".":
        return False
    try:
        Decimal(text)
    except InvalidOperation:
        return False
    return True
