"""The 功能分类 breakdown: "一般公共服务支出379.62万元，科学技术支出720.38万元 …".

A list is the run of "<类名>支出<amount>" items in one paragraph. An item whose name is not
a 类 of the year is kept (with no code) when it sits inside a list of real classes: the
audit must see it, both for the sum and for the name. What the list is a breakdown of is
read from the words just before it: 项目支出 (the seed), an amount stated just before
("一般公共预算财政拨款支出1264.92万元，主要用于以下方面：…"), or the total.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from jixiao.domain.classification import Classification
from jixiao.domain.money import Money
from jixiao.intake.quantities import Quantity, find_quantities

_NAME_BEFORE = re.compile(
    r"(?P<name>[\u4e00-\u9fff()（）]{2,20}?支出)(?:\(类\))?(?:[:：]|决算数?为?|为)?$"
)
_NOT_FUNCTIONAL = re.compile(
    r"基本|项目|本年|合计|总计|总|人员|公用|经费|财政拨款|预算|决算|工资福利|商品和服务|资本性|"
    r"对个人和家庭|对企业补助|上缴|经营|附属单位|其中|用于|主要|以下|费|的|收入|资金|安排"
)
_SPLIT_NAME = re.compile(r".*[，,；;:：、。.\d]")
_PROJECT_WORDS = re.compile(r"项目(?:资金)?支出")
_TOTAL_WORDS = re.compile(r"总支出|支出合计|本年支出")
_LINK_WORDS = re.compile(r"用于|其中|如下|以下|构成")
_ITEM_LEAD = 6  # how far into a line a continuing list item may start ("（12）" and spaces)
_OPENING_WHOLE = re.compile(
    r"(?P<whole>[\u4e00-\u9fff]{2,16}?支出(?:预算|决算)?)(?:主要)?(?:用于|如下|构成|情况如下)"
)
_BREAKDOWN_WORDS = re.compile(r"功能分类|用于以下|如下")
# A whole a breakdown may be of: a total, or the money of one source (财政拨款 …).
_WHOLE_NAME = re.compile(
    r"(?:合计|总计|总额|财政拨款支出|一般公共预算支出|政府性基金[^，。]*支出)$"
)
_PART_NAMES = ("基本支出", "项目支出", "人员经费", "公用经费")
_BULLET_DIGITS = re.compile(r"\d+")
_BULLET_NUMERALS = re.compile(r"[一二三四五六七八九十]+")
_CATCH_ALL = "其他支出"  # a class (229), and also the last item of any kind of breakdown


@dataclass(frozen=True, slots=True)
class FunctionalLine:
    stated_name: str
    code: str | None
    name: str | None
    amount: Money
    start: int  # quote: the name
    end: int  # quote end: the amount


@dataclass(frozen=True, slots=True)
class FunctionalList:
    lines: tuple[FunctionalLine, ...]
    basis: str  # "total" | "project" | "stated" | "unknown" | "partial"
    whole: tuple[Money, int, int] | None  # the stated whole and its quote span


def find_functional(
    text: str, classification: Classification, quantities: list[Quantity] | None = None
) -> FunctionalList | None:
    """The first paragraph that lists functional classes with amounts, or None.

    ``quantities`` are the text's, in order, when the caller has them already.
    """
    every = find_quantities(text) if quantities is None else quantities
    amounts = [q for q in every if q.kind == "amount"]
    found: FunctionalList | None = None
    bullet = ""  # how the list's first item is marked ("——", "1、"), numbers made alike
    offset = 0
    previous = (0, "")  # the last non-empty paragraph before this one, with its offset
    taken = 0  # amounts before this paragraph: walked past once, not tested for every one
    for paragraph in text.split("\n"):
        end = offset + len(paragraph)
        while taken < len(amounts) and amounts[taken].start < offset:
            taken += 1
        inside = []
        following = taken
        while following < len(amounts) and amounts[following].start <= end:
            if amounts[following].end <= end:  # not one that runs on into the next line
                inside.append(_shifted(amounts[following], -offset))
            following += 1
        listed = None
        if inside and "支出" in paragraph and found is None:
            listed = _paragraph_list(paragraph, offset, inside, classification, previous)
        elif inside and "支出" in paragraph:
            listed = _paragraph_list(
                paragraph, offset, inside, classification, (0, ""), continuing=True
            )
        if found is None:
            found = listed
            if found is not None:
                bullet = _bullet(paragraph[: found.lines[0].start - offset])
        elif paragraph.strip():
            # "1.一般公共服务支出…\n2.社会保障和就业支出…": a list may go on, one item a line.
            if listed is None or listed.lines[0].start - offset > _ITEM_LEAD:
                return found
            if not any(line.code for line in listed.lines) and bullet != _bullet(
                paragraph[: listed.lines[0].start - offset]
            ):
                return found  # "一、…支出\n1、…事务支出": a 款 under the class, not the next class
            known = {line.stated_name for line in found.lines}
            extra = tuple(line for line in listed.lines if line.stated_name not in known)
            found = replace(found, lines=found.lines + extra)
        if paragraph.strip():
            previous = (offset, paragraph)
        offset = end + 1
    return found


def _bullet(lead: str) -> str:
    # "一、" and "二、" mark items alike; "1、" marks another level
    return _BULLET_NUMERALS.sub("一", _BULLET_DIGITS.sub("0", "".join(lead.split())))


def _shifted(quantity: Quantity, delta: int) -> Quantity:
    return replace(quantity, start=quantity.start + delta, end=quantity.end + delta)


def _paragraph_list(
    paragraph: str,
    offset: int,
    amounts: list[Quantity],
    classification: Classification,
    previous: tuple[int, str],
    *,
    continuing: bool = False,
) -> FunctionalList | None:
    """The list in one paragraph. A paragraph that only ``continues`` a list (one item a
    line) may hold an item whose name is no class: the list it is in has real ones."""
    lines: list[FunctionalLine] = []
    before_first: list[Quantity] = []
    for quantity in amounts:
        if quantity.kind != "amount":
            continue
        line = _line_for(paragraph, quantity, offset, classification)
        if line is None:
            if not lines:
                before_first.append(quantity)
            continue
        if any(existing.stated_name == line.stated_name for existing in lines):
            continue
        lines.append(line)
    if not lines or (
        not continuing and not any(line.code and line.name != _CATCH_ALL for line in lines)
    ):
        return None  # "基本支出中医疗业务支出…，其他支出…": 其他支出 alone is any list's rest
    head = paragraph[: lines[0].start - offset]
    if before_first and head[before_first[-1].end :].strip() == "、":
        # "…1154610.5元、社会保障和就业支出…": the list's first name is on the page before
        return FunctionalList(tuple(lines), "partial", None)
    basis, whole = _basis(head, before_first, offset, previous)
    return FunctionalList(tuple(lines), basis, whole)


def _line_for(
    paragraph: str, quantity: Quantity, offset: int, classification: Classification
) -> FunctionalLine | None:
    window = paragraph[max(0, quantity.start - 30) : quantity.start]
    match = _NAME_BEFORE.search(window)
    if match is None:
        return None
    name = _SPLIT_NAME.sub("", match.group("name"))
    if len(name) < 3 or _NOT_FUNCTIONAL.search(name.removesuffix("支出")):
        return None
    money = quantity.money()
    if money is None:
        return None
    matched = classification.match(name.replace("(类)", ""))
    start = (
        offset
        + quantity.start
        - len(window)
        + match.start()
        + (len(match.group("name")) - len(name))
    )
    return FunctionalLine(
        stated_name=name,
        code=matched.code if matched else None,
        name=matched.name if matched else None,
        amount=money,
        start=start,
        end=offset + quantity.end,
    )


def _stated_whole(whole: str, places: list[tuple[int, str]]) -> tuple[Money, int, int] | None:
    """The amount stated right after ``whole`` in one of the places (offset, text)."""
    for offset, text in places:
        for quantity in find_quantities(text):
            money = quantity.money() if quantity.kind == "amount" else None
            if money and text[: quantity.start].rstrip("为是:： ").endswith(whole):
                return money, offset + quantity.start, offset + quantity.end
    return None


def _first_amount(sentence: str) -> tuple[Money, int, int] | None:
    """The sentence's first amount when a 支出/合计 phrase names it."""
    for quantity in find_quantities(sentence):
        if quantity.kind != "amount":
            continue
        money = quantity.money()
        named = sentence[: quantity.start].rstrip("为是:： ")[-16:]
        if money and _WHOLE_NAME.search(named) and not named.endswith(_PART_NAMES):
            return money, quantity.start, quantity.end
        return None
    return None


def _basis(
    head: str, before_first: list[Quantity], offset: int, previous: tuple[int, str]
) -> tuple[str, tuple[Money, int, int] | None]:
    """What the list breaks down, read from the sentence that opens it (and, for a whole
    named there, the paragraph before)."""
    if before_first:
        last = before_first[-1]
        money = last.money()
        link = head[last.end :]
        if money is not None and not re.search(r"[。；;]", link) and _LINK_WORDS.search(link):
            return "stated", (money, offset + last.start, offset + last.end)
    opening = re.split(r"[。]", head)[-1]
    named = _OPENING_WHOLE.search(opening)
    if named:  # "财政拨款支出主要用于：" names a whole stated earlier
        stated = _stated_whole(named.group("whole"), [(offset, head), previous])
        if stated:
            return "stated", stated
    if _PROJECT_WORDS.search(opening):
        return "project", None
    sentences = [s for s in re.split(r"。", head) if s.strip()]
    if _BREAKDOWN_WORDS.search(opening) and len(sentences) >= 2:
        # "一般公共预算财政拨款支出34,677,409.27元。按支出功能分类科目分：…"
        first = _first_amount(sentences[-2])
        if first is not None and _TOTAL_WORDS.search(sentences[-2][: first[1]][-8:]):
            return "total", None  # the sentence before states the unit's total itself
        if first is not None:
            money, start, end = first
            base = offset + head.rindex(sentences[-2])
            return "stated", (money, base + start, base + end)
    if _TOTAL_WORDS.search(opening) or "功能分类" in opening:
        return "total", None
    return "unknown", None
