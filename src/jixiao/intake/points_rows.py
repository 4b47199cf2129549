"""A run-together funds row of the form that scores the execution line out of a fixed points.

Some provinces' 项目自评表 head the funds line "预算数(A) 执行数(B) 执行率(B/A) 得分(20分*执行率)"
and print the rate as a plain number, a ratio ("1") or a percentage without its sign ("90").
A conversion that runs the row together ("年度财政资金总额1.561.56120") leaves digits that the
header still explains: budget A, executed B, rate B/A and the score, which is the points times
the rate. Only one cut of the digits may satisfy both; nothing is read otherwise.
"""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import combinations

from jixiao.domain.money import Money, MoneyUnit, Rate
from jixiao.intake.candidates import Candidate
from jixiao.intake.numerals import is_printed_decimal

_HEADER = re.compile(
    r"预算数\s*[(（]A[)）]\s*执行数\s*[(（]B[)）]\s*执行率\s*[(（]B/A[)）]\s*"
    r"得分\s*[(（]\s*(?P<points>\d{1,2})\s*分\s*[*×xX]\s*执行率\s*[)）]"
)
_ROW = re.compile(r"\s*(?:年度)?(?:财政)?资金总额[:：]?\s*(?P<digits>\d[\d.]{3,30})(?![\d.%％])")
_REACH = 20  # the row's label follows the header
_RATE_GAP = Decimal("0.005")  # a printed ratio of two places
_SCORE_GAP = Decimal("0.5")  # a score rounded to a whole point


def points_rows(text: str) -> list[Candidate]:
    found: list[Candidate] = []
    for header in _HEADER.finditer(text):
        row = _ROW.match(text, header.end())
        if row is None or row.start("digits") - header.end() > _REACH:
            continue
        cut = _only_cut(row.group("digits"), Decimal(header.group("points")))
        if cut is None:
            continue
        budget, executed, ratio = cut
        start, end = row.start(), row.end()
        found += [
            Candidate("budget.adjusted", Money.parse(budget, MoneyUnit.WAN), start, end),
            Candidate("budget.executed", Money.parse(executed, MoneyUnit.WAN), start, end),
            Candidate("budget.execution_rate", Rate.parse(_percent(ratio)), start, end),
        ]
    return found


def _only_cut(digits: str, points: Decimal) -> tuple[str, str, Decimal] | None:
    """Budget, executed and rate (as a ratio) of the one cut into four numbers that adds up."""
    fits = []
    for a, b, c in combinations(range(1, len(digits)), 3):
        pieces = digits[:a], digits[a:b], digits[b:c], digits[c:]
        if not all(is_printed_decimal(p) for p in pieces):
            continue
        budget, executed, rate, score = (Decimal(p) for p in pieces)
        if budget <= 0:
            continue
        ratio = rate if rate <= 2 else rate / 100  # "1" or "90": a ratio or a percentage
        if abs(executed / budget - ratio) > _RATE_GAP:
            continue
        if abs(points * ratio - score) > _SCORE_GAP:
            continue
        fits.append((pieces[0], pieces[1], ratio))
    return fits[0] if len(fits) == 1 else None


def _percent(ratio: Decimal) -> str:
    return format((ratio * 100).normalize(), "f")
