"""A funds table whose columns are named by letters and by formulas of those letters.

Some provinces' evaluation forms head the funds block "全年预算数(A) 统筹整合资金数(B)
扣除统筹整合资金后预算金额(C) 全年到位资金(D) 预算到位(D/C×100%) 全年执行资金(E)
预算执行(E/C×100%)", and a copied page breaks each name from its letter and prints the
row with its 行次 and without its blank cells: "年度资金总额(万元): 1 52.8 52.8 52.8 100.00%
30.8 58.33%". The formulas say which column is the budget and which the money spent: the
执行 rate's numerator is spent, its denominator the budget. Its cells are found from the
rates: the amounts just before each rate are the columns just before it (the blank and
the 行次 are at the left of the row). Nothing is read unless the row's rates are the
quotients the formulas name.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.domain.money import Money, MoneyUnit, Rate
from jixiao.intake.candidates import Candidate
from jixiao.intake.numerals import rate_fits

# "(A)" names an amount column, "(E/C×100%)" a rate column; "（" and "*" alike.
_TAG = re.compile(
    r"[(（]\s*(?P<num>[A-H])\s*(?:/\s*(?P<den>[A-H])\s*(?:[×xX*]\s*100\s*[%％])?\s*)?[)）]"
)
_SPENT = "执行"
_ROW = re.compile(r"(?:年度资金总额|资金总额)(?:\s*[(（]\s*万元\s*[)）])?\s*[:：]?")
_TOKEN = re.compile(r"\s*(?P<value>\d+(?:\.\d+)?)(?P<percent>\s*[%％])?")
_REACH = 400  # the header's first tag to its row
_MIN_AMOUNTS = 4


def lettered_funds_rows(text: str) -> list[Candidate]:
    if "(A)" not in text and "（A）" not in text:
        return []
    found: list[Candidate] = []
    for first in re.finditer(r"[(（]\s*A\s*[)）]", text):
        columns, end = _columns(text, first.start())
        row = _ROW.search(text, end, end + _REACH)
        if not columns or row is None:
            continue
        found += _read_row(text, row.end(), row.start(), columns)
    return found


def _columns(text: str, start: int) -> tuple[list[tuple[str, str, str]], int]:
    """The tags from ``start`` on, each as (letter, denominator or "", its name), while
    they follow one another closely; and where the last ends."""
    columns: list[tuple[str, str, str]] = []
    end = start
    for tag in _TAG.finditer(text, start, start + _REACH):
        if tag.start() - end > 40:
            break
        name = text[end : tag.start()]
        columns.append((tag.group("num"), tag.group("den") or "", name))
        end = tag.end()
    spent = [c for c in columns if c[1] and _SPENT in c[2]]
    amounts = [c for c in columns if not c[1]]
    # Two or three letters (预算数(A) 执行数(B) 执行率(B/A)) are the table reader's to read.
    return (columns if len(spent) == 1 and len(amounts) >= _MIN_AMOUNTS else []), end


def _read_row(
    text: str, at: int, label: int, columns: list[tuple[str, str, str]]
) -> list[Candidate]:
    tokens: list[tuple[Decimal, bool, int]] = []
    while (token := _TOKEN.match(text, at)) is not None:
        tokens.append((Decimal(token.group("value")), bool(token.group("percent")), token.end()))
        at = token.end()
    values: dict[str, Decimal] = {}
    rates: list[tuple[tuple[str, str, str], Decimal]] = []
    left = list(tokens)
    for index in range(len(columns) - 1, -1, -1):
        column = columns[index]
        if not left:
            break
        if column[1]:
            value, percent, _ = left[-1]
            if not percent:
                return []
            rates.append((column, value))
            left.pop()
            continue
        # An amount column: the cell just left of a rate or of another amount, until the
        # cells run out or the next rate to the left is reached.
        if left[-1][1]:
            continue
        values[column[0]] = left.pop()[0]
    if not rates:
        return []
    for (num, den, _), rate in rates:
        if num not in values or den not in values:
            return []
        if not rate_fits(rate, values[num], values[den]):
            return []
    (spent, base, _), rate = next(r for r in rates if _SPENT in r[0][2])
    end = tokens[-1][2]
    return [
        Candidate("budget.adjusted", Money.parse(str(values[base]), MoneyUnit.WAN), label, end),
        Candidate("budget.executed", Money.parse(str(values[spent]), MoneyUnit.WAN), label, end),
        Candidate("budget.execution_rate", Rate.parse(str(rate)), label, end),
    ]
