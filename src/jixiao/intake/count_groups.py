"""A whole and the groups its count splits into, each with the same measure of money.

    签约项目12个，总投资8.6亿元。其中正式签约9个，总投资6.1亿元；意向签约3个，总投资2.5亿元。
    共实施项目156个，总投资608.75亿元；开工项目61个，总投资192.87亿元；竣工项目95个，总投资415.88亿元。

Investment and project summaries state a number of projects with their total investment, then
each group of them with its own. No 其中 may link them, and a group's sentence may carry
subsets of its own (亿元以上项目5个), so the groups are recognised by their counts: when the
first counts of two or more following statements add up exactly to a count of the whole's
statement, those statements split the whole, and their investments are its parts. Only one
measure is matched (总投资/总投资额/投资总额/计划总投资, the same wording throughout), within
one paragraph; statements without that measure in between (5亿元以上项目9个) are passed over.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.evidence import Evidence
from jixiao.domain.relations import Breakdown
from jixiao.intake.breakdowns import stated_quantity
from jixiao.intake.quantities import Quantity

Locate = Callable[[int, int], Evidence]

_MEASURE = re.compile(r"(计划总投资|总投资额|投资总额|总投资)\s*(?:约|为|达|共|合计)?\s*")
_STATEMENT_END = re.compile(r"[。；;\n]")
_COUNTED = ("个", "项")
_MAX_GROUPS = 6


@dataclass(frozen=True, slots=True)
class _Statement:
    paragraph: int
    counts: tuple[Quantity, ...]
    amount: Quantity
    measure: str


def find_count_groups(text: str, quantities: list[Quantity], locate: Locate) -> list[Breakdown]:
    if "投资" not in text:
        return []  # most reports state no investment: no walk over their statements
    statements = _statements(text, quantities)
    found: list[Breakdown] = []
    used: set[int] = set()
    for at, whole in enumerate(statements):
        if at in used:
            continue
        wholes = {c.value for c in whole.counts}
        total = Decimal(0)
        for last in range(at + 1, min(len(statements), at + 1 + _MAX_GROUPS)):
            group = statements[last]
            if group.paragraph != whole.paragraph or group.measure != whole.measure:
                break
            total += group.counts[0].value
            if last > at + 1 and total in wholes:
                parts = statements[at + 1 : last + 1]
                found.append(
                    Breakdown(
                        whole=stated_quantity(text, whole.amount, locate),
                        parts=tuple(stated_quantity(text, p.amount, locate) for p in parts),
                    )
                )
                used.update(range(at + 1, last + 1))
                break
            if total > max(wholes):
                break
    return found


def _statements(text: str, quantities: list[Quantity]) -> list[_Statement]:
    """Each statement (up to 。, ； or the end of the line) that holds counts of projects and
    one amount led by the measure, in order."""
    ends = {m.end(): m.group(1) for m in _MEASURE.finditer(text)}
    measured = [q for q in quantities if q.kind == "amount" and q.start in ends]
    if len(measured) < 3:
        return []  # a whole and two groups at least
    marks = [m.start() for m in _STATEMENT_END.finditer(text)]
    lines = [m for m in marks if text[m] == "\n"]
    counts = [q for q in quantities if q.kind == "count" and q.unit in _COUNTED]
    count_starts = [q.start for q in counts]
    found: list[_Statement] = []
    previous = -1  # the statement of the previous measured amount
    for amount in measured:
        at = bisect_left(marks, amount.start)
        if at == previous:
            if found and bisect_left(marks, found[-1].amount.start) == at:
                found.pop()  # two measured amounts in one statement: it is no group
            continue
        previous = at
        start = marks[at - 1] + 1 if at else 0
        inside = counts[bisect_left(count_starts, start) : bisect_left(count_starts, amount.start)]
        if inside:
            paragraph = bisect_left(lines, amount.start)
            found.append(_Statement(paragraph, tuple(inside), amount, ends[amount.start]))
    return found
