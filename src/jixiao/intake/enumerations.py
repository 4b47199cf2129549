"""A count followed by the names it counts: "直属事业单位10个，即A、B、C" / "下设3个股室：…".

The 部门概况 of a report often states how many bodies, offices or projects there are and then
names them. Only wordings that announce the whole list are taken (即, 分别是/为, 具体为, a
colon right after the count); 包括 may name a few of many and is left alone, and so is a list
that ends with 等. The list runs to the first comma, full stop or semicolon; its items are the
parts between 、. An item with a figure in it (23个数量指标) is a count of its own, not a name,
and such a list is not taken.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from jixiao.domain.evidence import Evidence
from jixiao.domain.relations import Enumeration
from jixiao.intake.numerals import parse_chinese

Locate = Callable[[int, int], Evidence]

_CHINESE_COUNT = "一二两三四五六七八九十"
# The count opens with one character class (a digit or a numeral, the rest checked behind it)
# so that the regex engine skips in C to where a match may start: "\d{1,2}|[一…]{1,3}" as an
# alternation made it try every character of the report.
_COUNTED = re.compile(
    rf"(?P<count>[\d{_CHINESE_COUNT}]"
    rf"(?:(?<=\d)\d?|(?<=[{_CHINESE_COUNT}])[{_CHINESE_COUNT}]{{0,2}}))"
    r"(?P<measure>个|家|项|所|名|座|支)"
    r"(?P<noun>[\u4e00-\u9fff（）()]{0,12}?)\s*[，,]?\s*"
    r"(?:(?:即|分别是|分别为|分别有|具体为|具体是)\s*[:：]?|[:：])\s*"
    r"(?P<list>[^，,。；;：:\n]{3,400})"
)
_ITEM_MAX = 30
_MAX_COUNT = 60
_JOIN = re.compile(r"[和及与]")
_FIGURE = re.compile(r"[\d０-９]|[一二两三四五六七八九十百]+(?:个|家|项|所|名)")
_OPEN_ENDED = re.compile(r"等\s*(?:\d+|[一二两三四五六七八九十]+)?\s*(?:个|家|项|所|名)?\S{0,6}$")


def find_enumerations(text: str, locate: Locate) -> list[Enumeration]:
    found: list[Enumeration] = []
    for match in _COUNTED.finditer(text):
        count = _count(match.group("count"))
        listed = match.group("list").strip()
        if count is None or not 2 <= count <= _MAX_COUNT or _OPEN_ENDED.search(listed):
            continue
        names = tuple(item.strip() for item in listed.split("、"))
        if len(names) < 2 or any(not n or len(n) > _ITEM_MAX for n in names):
            continue
        if any(_FIGURE.search(name) for name in names):
            continue
        joined = sum(1 for name in names if _JOIN.search(name))
        evidence = locate(match.start(), match.start("list") + len(match.group("list").rstrip()))
        found.append(Enumeration(count, match.group("measure"), names, joined, evidence))
    return found


def _count(written: str) -> int | None:
    if written.isdigit():
        return int(written)
    value = parse_chinese(written)
    return int(value) if value is not None else None
