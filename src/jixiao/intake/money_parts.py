"""Amounts of a project report that are parts of another: listed items and shares.

"下达慈善会项目40万元；…项目2.75万元。共计下达…3580.69万元": the items before a total that
they add up to; "支出9000万元。其中，中央资金支出7000万元，省级资金支出2000万元": the shares of
each level of government after a 其中. Neither is the project's own figure.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.domain.money import Money
from jixiao.intake.candidates import Candidate
from jixiao.intake.quantities import Quantity

# The level of government a share comes from, at the start of its lead: "中央下达…",
# "自治区匹配下拨…", "省级财政…", "乌海市财政匹配…" (a place name only before 市/县/区财政).
_LEVEL = re.compile(
    r"^(?:\d{4}年度?)?(?:(中央|自治区|省|市|州|县|区)(?:级|本级)?(?:财政)?(?=下达|下拨|安排|匹配|配套|拨付|补助|资金|财政)"
    r"|[\u4e00-\u9fff]{1,4}?(市|州|县|区)(?:级|本级)?财政)"
)


def level(lead: str) -> str:
    """The level of government at the start of a lead ("中央", "省", "乌海市" → "市"), or ""."""
    match = _LEVEL.match(lead)
    return (match.group(1) or match.group(2)) if match else ""


# 其中 cut off from its lead by a comma: "支出9000万元。其中，中央资金支出7000万元".
_PARTS_BEFORE = re.compile(r"其中\s*[，,]\s*$")


def a_listed_share(text: str, lead_start: int, lead: str) -> bool:
    """ "支出9000万元。其中，中央资金支出7000万元，省级资金支出2000万元": after a 其中 that a
    comma cut from the leads, the clause right after it and each clause of the sentence that
    opens with a level of government are shares of the figure before, not the project's."""
    if _PARTS_BEFORE.search(text, max(0, lead_start - 6), lead_start):
        return True
    sentence_start = max(text.rfind(mark, 0, lead_start) for mark in "。；;\n") + 1
    sentence = text[sentence_start:lead_start]
    at = sentence.rfind("其中")
    if at < 0 or not level(lead):
        return False
    # the 其中 of an amount ("…2000万元，其中…") or of the sentence before ("。其中，…"), not of
    # a count ("项目3个，其中新建2个，中央下达…")
    return not sentence[:at].strip(" ，,") or "元" in sentence[:at]


# A clause that sums the amounts listed before it: "…项目2.75万元。共计下达…3580.69万元".
_TOTAL_LEAD = re.compile(r"^\s*(?:共计|合计|总计)")


def without_parts_before_total(
    text: str, quantities: list[Quantity], found: list[Candidate], leads: list[str]
) -> tuple[list[Candidate], list[str]]:
    """ "下达慈善会项目40万元；…项目2.75万元；…。共计下达…3580.69万元": when a budget whose
    clause opens with 共计/合计/总计 equals the sum of the amounts listed just before it (in
    its paragraph), a budget among those amounts is one item of the list, not the project's."""
    amounts = [q for q in quantities if q.kind == "amount" and q.money() is not None]
    dropped: set[int] = set()
    for whole, lead in zip(found, leads, strict=True):
        if whole.path != "budget.adjusted" or not isinstance(whole.value, Money):
            continue
        if _TOTAL_LEAD.match(lead) is None:
            continue
        paragraph = text.rfind("\n", 0, whole.start) + 1
        before = [q for q in amounts if paragraph <= q.start and q.end <= whole.start]
        total = Decimal(0)
        for count, quantity in enumerate(reversed(before), start=1):
            money = quantity.money()
            assert money is not None
            total += money.wan
            if total > whole.value.wan + Decimal("0.011") * count:
                break
            if count >= 2 and abs(total - whole.value.wan) <= Decimal("0.011") * count:
                dropped.update(
                    i
                    for i, c in enumerate(found)
                    if c.path == "budget.adjusted"
                    and c is not whole
                    and quantity.start < c.end <= whole.start
                )
                break
    if not dropped:
        return found, leads
    kept = [
        (c, lead) for i, (c, lead) in enumerate(zip(found, leads, strict=True)) if i not in dropped
    ]
    return [c for c, _ in kept], [lead for _, lead in kept]
