"""The year's expenditure stated right after its income, the shared 本年 written once.

    2023年度上年结转资金为98.45万元，本年收入1095.76万元，支出1193.35万元，年末结转…

"支出" alone is no label (it ends too many longer nouns), but after "本年收入…万元，" it
is the same year's 支出合计: the 本年 before 收入 holds for both halves of the pair.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from jixiao.domain.money import Money, MoneyUnit
from jixiao.intake.candidates import Candidate

_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_PAIR = re.compile(
    rf"本年(?:度)?收入(?:合计)?(?:为|是)?{_NUMBER}(?:万元|元)[，,]\s*"
    rf"(?P<label>支出(?:合计)?(?:为|是)?)(?P<value>{_NUMBER})(?P<unit>万元|元)"
)


def elided_totals(text: str, kind: str) -> Iterable[Candidate]:
    if kind == "project":
        return
    for match in _PAIR.finditer(text):
        unit = MoneyUnit.YUAN if match.group("unit") == "元" else MoneyUnit.WAN
        yield Candidate(
            path="spending.total",
            value=Money.parse(match.group("value"), unit),
            start=match.start("label"),
            end=match.end(),
            rank=1,
        )
