"""Any figure stated with its change and the change's rate, in one sentence.

    机关运行经费财政拨款预算为46.8万元，较2022年预算增加15.60万元，增长33.33%。
    社会保障和就业支出类科目116433.12元，占支出总预算10.73%，同比增加16803.36元，增长14.43%。

The fields the lexicon knows get their changes from prose.py; this reader finds the pattern
for any label, so that a rate computed on the wrong base (here the current year's value) is
caught whatever the figure is. A share between the value and its change is passed over.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from jixiao.domain.evidence import Evidence
from jixiao.domain.money import printed_ulp
from jixiao.domain.relations import StatedChange, StatedQuantity
from jixiao.intake.quantities import Quantity

Locate = Callable[[int, int], Evidence]

_UP = ("增加", "增长", "上升", "提高", "增")
_DOWN = ("减少", "下降", "降低", "节约", "减")
_VERB = "增加|增长|上升|提高|减少|下降|降低|节约|增|减"
_TO_CHANGE = re.compile(rf"^[^。；;\n%]{{0,30}}?(?P<verb>{_VERB})了?$")
_TO_RATE = re.compile(rf"^[，,]?\s*(?:同比|比上年|较上年)?(?P<verb>{_VERB})了?(?:幅度)?(?:为)?$")
# "较上年减少18.50万元(65.37%)": the rate in brackets right after the change, its direction.
_BRACKETED_RATE = re.compile(r"^\s*[（(]\s*$")
_CLOSING = re.compile(r"\s*[）)]")
_SHARE = re.compile(r"^[，,]?\s*占[^。；;\n\d%]{0,16}?$")
_LABEL_BACK = 30
# A value that is itself a change ("较上年增加1.68万元") is no value a later change is of.
_IS_A_CHANGE = re.compile(rf"(?:{_VERB})了?\s*$")
# "与2023年预算数…相比" / "较上年决算数…": the figure named is the base the change is on.
_BASE = re.compile(
    r"(?:与|较|比)\s*(?:上年|去年|同期|\d{4}\s*年|年初|预算|调整)|上年|去年|上一年|同期"
)


def find_changes(text: str, quantities: list[Quantity], locate: Locate) -> list[StatedChange]:
    figures = [q for q in quantities if q.kind in ("amount", "rate")]
    found: list[StatedChange] = []
    for index, value in enumerate(figures):
        if value.kind != "amount":
            continue
        rest = rest_all = figures[index + 1 : index + 4]
        if rest and rest[0].kind == "rate" and _SHARE.match(text[value.end : rest[0].start]):
            rest = rest[1:]  # "占支出总预算10.73%" between the value and its change
        if len(rest) < 2 or rest[0].kind != "amount" or rest[1].kind != "rate":
            continue
        change, rate = rest[0], rest[1]
        after = rest_all[0].end if rest_all[0] is not rest[0] else value.end
        to_change = _TO_CHANGE.match(text[after : change.start])
        between = text[change.end : rate.start]
        to_rate = _TO_RATE.match(between)
        bracketed = (
            to_rate is None
            and _BRACKETED_RATE.match(between) is not None
            and _CLOSING.match(text, rate.end) is not None
        )
        if to_change is None or (to_rate is None and not bracketed):
            continue
        if "其中" in to_change.group(0) or _IS_A_CHANGE.search(
            text, max(0, value.start - 4), value.start
        ):
            continue  # "…增加1.68万元，其中接待费减少0.58万元，减少4.68%": the part's change
        down = to_change.group("verb") in _DOWN
        if to_rate is not None and (to_rate.group("verb") in _DOWN) != down:
            continue  # "减少…，增长…": not one change
        stated = _quantity(text, value, locate, with_label=True)
        found.append(
            StatedChange(
                value=stated,
                change=_quantity(text, change, locate, negative=down),
                rate=_quantity(text, rate, locate, negative=down),
                value_is_base=bool(_BASE.search(stated.label)),
            )
        )
    return found


def _quantity(
    text: str,
    quantity: Quantity,
    locate: Locate,
    *,
    with_label: bool = False,
    negative: bool = False,
) -> StatedQuantity:
    if quantity.kind == "amount":
        money = quantity.money()
        assert money is not None
        value, ulp, unit = money.wan, money.ulp, "万元"
    else:
        value, ulp, unit = quantity.value, printed_ulp(quantity.digits), "%"
    start = quantity.start
    label = ""
    if with_label:
        window = max(0, start - _LABEL_BACK)
        mark = max(text.rfind(ch, window, start) for ch in "，,。；;：:\n、")
        start = max(mark + 1, window)
        label = text[start : quantity.start].strip()
    return StatedQuantity(
        label=label,
        value=-value if negative else value,
        ulp=ulp if isinstance(ulp, Decimal) else Decimal(ulp),
        unit=unit,
        evidence=locate(start, quantity.end),
    )
