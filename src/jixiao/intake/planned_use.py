"""The older project form's money block: 计划投资额, 实际到位资金, 实际使用情况.

Provincial project forms of the 财政支出项目绩效评价 family open with a 项目基本信息 block
whose money cells carry their unit in the label, not after the value:

    计划投资额 | (万元) | 570 | 实际到位资金 | (万元) | 398.88 | 实际使用情况(万元) | 395.86

flattened one cell per line or run together ("计划投资额(万元)144实际到位资金(万元)144").
The planned amount is the project's budget and 实际使用情况 what it spent; 实际到位资金 (the
money received) is neither and is not read. The unit note "(万元)" between label and value is
required: it is what marks the form, and it gives the bare value its unit.
"""

from __future__ import annotations

import re

from jixiao.domain.money import Money, MoneyUnit
from jixiao.intake.candidates import Candidate

_RANK = 2  # below the 自评表's own 全年预算数 / 全年执行数 when a text has both
_SEPARATOR = r"[\s|｜]*"
_FORM = re.compile(
    r"(?P<label>计划投资(?:金)?额|实际使用(?:情况|金额|资金))"
    rf"{_SEPARATOR}[(（]\s*(?P<unit>万元|元)\s*[)）]{_SEPARATOR}"
    r"(?P<value>\d[\d,]*(?:\.\d+)?)(?![\d.,%％万亿元])"
)
_PATHS = {"计划": "budget.adjusted", "实际": "budget.executed"}
_UNITS = {"万元": MoneyUnit.WAN, "元": MoneyUnit.YUAN}


def planned_and_used(text: str) -> list[Candidate]:
    """The budget (计划投资额) and the spending (实际使用情况) of the form's money block."""
    found = []
    for match in _FORM.finditer(text):
        money = Money.parse(match.group("value").replace(",", ""), _UNITS[match.group("unit")])
        path = _PATHS[match.group("label")[:2]]
        found.append(Candidate(path, money, match.start(), match.end(), rank=_RANK))
    return found
