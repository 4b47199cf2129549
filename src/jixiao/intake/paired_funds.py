"""A funds line that names each amount right before it: "预算数 6.5 到位数 6.5 执行数 6.2 95.38".

Some provinces' 预算项目绩效自评表 lay the funds block out as pairs of a label and its cell
under the headings 预算安排情况(调整后) / 资金到位情况 / 资金执行情况 / 预算执行进度(%),
and the amounts carry no unit: the form says it once, "金额单位：万元". The budget is the
adjusted one (the heading says so), what was spent is 执行数, and the number after it is the
execution rate when B ÷ A gives it. Nothing is read without a stated unit.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.domain.money import Money, MoneyUnit, Rate
from jixiao.intake.candidates import Candidate
from jixiao.intake.numerals import rate_fits

_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_GAP = r"[\s|:：]*"
# The look-behind comes after the literal so the engine can skip ahead to each 预算数.
_ROW = re.compile(
    rf"预算数(?<![\u4e00-\u9fff]预算数){_GAP}(?P<budget>{_NUMBER}){_GAP}"
    rf"(?:到位数{_GAP}(?P<received>{_NUMBER}){_GAP})?"
    rf"执行数{_GAP}(?P<executed>{_NUMBER})(?![\d.])"
    rf"(?:[\s|]*(?P<rate>\d{{1,3}}(?:\.\d{{1,2}})?)\s*[%％]?(?![\d.]))?"
)
_UNIT = re.compile(r"(?:金额)?单位[:：]\s*(?P<unit>万元|元)")
_UNIT_REACH = 800  # the form's unit line, a few lines above its funds line


def paired_funds_rows(text: str) -> list[Candidate]:
    if "执行数" not in text:
        return []
    found: list[Candidate] = []
    for row in _ROW.finditer(text):
        units = list(_UNIT.finditer(text, max(0, row.start() - _UNIT_REACH), row.start()))
        if not units:
            continue
        unit = MoneyUnit.WAN if units[-1].group("unit") == "万元" else MoneyUnit.YUAN
        budget = Money.parse(row.group("budget").replace(",", ""), unit)
        executed = Money.parse(row.group("executed").replace(",", ""), unit)
        start = row.start()
        found += [
            Candidate("budget.adjusted", budget, start, row.end("budget")),
            Candidate("budget.executed", executed, start, row.end("executed")),
        ]
        rate = row.group("rate")
        if rate is not None and rate_fits(Decimal(rate), executed.wan, budget.wan):
            found.append(Candidate("budget.execution_rate", Rate.parse(rate), start, row.end()))
    return found
