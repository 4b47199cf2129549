"""A whole split into 基本支出 and 项目支出 belongs to whoever it is stated for.

    本单位支出为560.3万元。其中：基本支出500.1万元，项目支出60.2万元。
    事业运行60万元，其中：基本支出60万元，项目支出0元。

The first is the unit's 支出合计, whatever word states it: what the unit spends splits into
基本支出 and 项目支出 and nothing else does. The second is one functional class's money: its
基本支出 and 项目支出 are the class's parts, never the unit's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from jixiao.intake.candidates import Candidate
from jixiao.intake.lexicon import Lexicon
from jixiao.intake.quantities import Quantity
from jixiao.intake.scopes import effective_scope, other_year_scope

# The unit itself as the subject of 支出: "本单位支出为", "2021年我局支出决算", "支出总额为".
_SELF = r"(?:本|我|该)(?:单位|部门|局|院|校|园|站|所|中心|委|办|馆|队|会|处|室|镇|乡|街道)"
# Or by its name: "某镇卫生院单位支出为", "某县文化馆支出为" (a name ending in a kind of body).
_NAMED = (
    r"[\u4e00-\u9fff]{1,14}(?:院|局|校|园|站|所|中心|委员会|委|办|馆|队|会|处|室|镇|乡|街道|政府|办事处)"
    r"(?:单位|部门|本级)?"
)
_UNIT_SPENDING = re.compile(
    rf"(?:\d{{4}}\s*年度?)?(?:{_SELF}|{_NAMED}|单位|部门)?(?:全年|本年|年度|当年)?(?:实际)?"
    r"(?:总)?支出(?:决算|预算)?(?:数|总额|合计|总计)?(?:为|是|共计|合计|计|达)?"
)
_CLAUSE_MARK = re.compile(r".*[，,。；;：:\n]", re.S)
_THEN_PARTS = re.compile(r"[。，,；;]?\s*其中\s*[:：]?")
_PARTS_END = re.compile(r"[。\n]")
_LINE_BREAK = re.compile(r"[ \t\u3000]*\n")
_PART_LINES = 3
# A whole just before 其中 that the parts after it may belong to (see class_part).
_WHOLE_BEFORE = re.compile(
    r"(?P<name>[\u4e00-\u9fff]{2,14})\s*[\d,]+(?:\.\d+)?\s*(?:万元|元)[,，]?\s*其中[:：]?"
    r"[^。；;]{0,40}$"
)
# A line that opens with a bare amount and goes on to a part: the class's name and its
# 基本支出 were on the page before.
_ORPHAN_AMOUNT = re.compile(r"\s*[\d,]+(?:\.\d+)?\s*(?:万元|元)\s*[,，]\s*(?:其中\s*[:：]?\s*)?")
_PAGE_NUMBER = re.compile(r"[-—–－]*\s*\d{1,3}\s*[-—–－]*")
_UNIT_WHOLE = re.compile(
    rf"本年|合计|总|全年|年度|一般公共预算|财政拨款|基本支出|项目支出|{_SELF}|^(?:单位|部门)?支出"
)


def split_totals(
    text: str,
    quantities: Iterable[Quantity],
    stated: list[Candidate],
    *,
    kind: str,
    year: int | None,
    lexicon: Lexicon,
) -> list[Candidate]:
    """The unit's 支出合计 stated with no label of its own, before its 基本支出/项目支出 split.

    ``stated`` are the figures already read: an amount one of them holds is not read again.
    """
    held = {c.end for c in stated if c.aspect == "value"}
    found = []
    for quantity in quantities:
        if quantity.kind != "amount" or quantity.end in held:
            continue
        then = _THEN_PARTS.match(text, quantity.end)
        if then is None or not _splits_into_basic_and_project(text, then.end()):
            continue
        mark = _CLAUSE_MARK.match(text, max(0, quantity.start - 40), quantity.start)
        start = mark.end() if mark else max(0, quantity.start - 40)
        clause = text[start : quantity.start].strip()
        money = quantity.money()
        if money is None or not _UNIT_SPENDING.fullmatch(clause):
            continue
        start = text.index(clause, start)
        sentence_from = max(text.rfind("。", 0, start), text.rfind("\n", 0, start)) + 1
        scope = other_year_scope(text[sentence_from:start] + clause, year) or effective_scope(
            lexicon.scopes_in(clause), path="spending.total", kind=kind
        )
        found.append(Candidate("spending.total", money, start, quantity.end, scope=scope, rank=1))
    return found


def _splits_into_basic_and_project(text: str, position: int) -> bool:
    if _LINE_BREAK.match(text, position):
        # "其中：" closing its line: the parts are the lines after it, one part a line
        lines = text[position:].lstrip().split("\n")[:_PART_LINES]
        return {"基本支出", "项目支出"} <= {line.strip()[:4] for line in lines}
    stop = _PARTS_END.search(text, position)
    parts = text[position : stop.start() if stop else len(text)]
    return "基本支出" in parts and "项目支出" in parts


def class_part(text: str, position: int, unit_wholes: set[int]) -> bool:
    """Is the figure at ``position`` one of the parts ("其中：基本支出…") of a whole that is
    not the unit's: a functional class ("事业运行60万元，其中：…")?

    ``unit_wholes`` are the ends of the amounts read as the unit's own wholes.
    """
    if _continues_a_cut_class(text, position):
        return True
    whole = _WHOLE_BEFORE.search(text, max(0, position - 90), position)
    if whole is None:
        return False
    amount_end = text.rfind("元", whole.start(), text.find("其中", whole.start())) + 1
    return amount_end not in unit_wholes and not _UNIT_WHOLE.search(whole.group("name"))


def _continues_a_cut_class(text: str, position: int) -> bool:
    """ "7\n19816.81元，项目支出0元": the first line of a page (after the text's start or a
    bare page number) opens with an amount and goes on to a part. The class's name and its
    基本支出 were on the page before; a line broken inside a sentence is no such line."""
    line_start = text.rfind("\n", 0, position) + 1
    if not _ORPHAN_AMOUNT.fullmatch(text, line_start, position):
        return False
    before = text[:line_start].rstrip().rsplit("\n", 1)[-1].strip()
    return not before or _PAGE_NUMBER.fullmatch(before) is not None
