"""A whole and the parts a text lists after 其中, whatever the figure is.

    下达中央水利发展资金2263万元。其中：中小河流治理工程1435万元，小型水库维修养护25万元，…
    共建设和安装设备16954套，其中：总平台558套；综治分平台1488套；…

The whole is the figure right before 其中 (across a comma or a full stop at most); each part is
a clause after it holding exactly one figure of the same kind (amounts with amounts, counts with
counts of the same measure word). A count may name its other measure words in brackets
("16954套(台、块、项)", "14666台(套)"): the brackets are read as part of its unit, and two
counts are of the same kind when they share a measure word. A clause that states a change
(比上年增加…), a parenthesis (a part's own breakdown) and a clause with a share (占…%) are
passed over; anything else ends the list. An amount's part may give its count beside it
("评为优的项目6个资金320万元"), and "，分别是：" after a part ends the list (the last part's items
follow). Fewer than two parts is no breakdown: "其中：中央资金X" names one part, not all.

A part's share right after it ("，占收入预算总额的90.3%") is kept with the part; a list that
gives shares is kept even when the text leaves it unfinished (``closed`` False), since each
share holds on its own. A share that names its whole is tied to the amount so named before
其中 when the figure right before 其中 is another (a reason clause's figure).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from decimal import Decimal

from jixiao.domain.evidence import Evidence
from jixiao.domain.money import printed_ulp
from jixiao.domain.relations import Breakdown, PartShare, StatedQuantity
from jixiao.intake.quantities import Quantity

Locate = Callable[[int, int], Evidence]

_OPENING = re.compile(r"其中\s*(?:包括|包含|有)?\s*[:：]?\s*")
_BEFORE_OPENING = re.compile(r"^\s*[，,。；;]?\s*[(（]?\s*$")
_SHARE_BETWEEN = re.compile(r"\s*[，,]\s*占[^，,。；;\n\d]{0,20}\d+(?:\.\d+)?%\s*[。，,；;]?\s*")
_CLAUSE_END = re.compile(r"[，,；;、。\n]")
_CHANGE = re.compile(r"增加|减少|增长|下降|降低|比上年|较上年|同比|与上年|持平|节约|超支")
_THEN_ITEMS = re.compile(r"[，,]\s*(?:分别是|分别为|具体是|具体为|包括)\s*[:：]")
_STOP = re.compile(r"主要用于|用于|主要是|主要原因|原因是|其中")
_LABEL_BACK = 30
_ENUMERATED = re.compile(
    r"[ \t]*(?:\d{1,2}[、.]|[(（]\d{1,2}[)）]|[①-⑳]|[一二三四五六七八九十]{1,2}、)"
)
_MAX_PARTS = 20
_HEADING = re.compile(
    r"\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|第.{1,3}[部章节])"
)
_OPENED = re.compile(r"\s*[(（]")
_CLOSED = re.compile(r"[)）]")
_MAX_PARENTHESIS = 200


class _Figures:
    """The text's amounts and counts in order, found by position with bisection."""

    def __init__(self, quantities: list[Quantity]) -> None:
        self.items = [q for q in quantities if q.kind in ("amount", "count")]
        self.starts = [q.start for q in self.items]
        self.ends = [q.end for q in self.items]

    def ending_by(self, position: int) -> Quantity | None:
        """The last figure that ends at or before ``position``."""
        at = bisect_right(self.ends, position) - 1
        return self.items[at] if at >= 0 else None

    def within(self, start: int, end: int) -> list[Quantity]:
        # Bounded on both sides by bisection: a slice self.items[first:] copied the rest of
        # the list on every call, which made a long text quadratic.
        first, last = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return [q for q in self.items[first:last] if q.end <= end]


def find_breakdowns(text: str, quantities: list[Quantity], locate: Locate) -> list[Breakdown]:
    figures = _Figures(quantities)
    found: list[Breakdown] = []
    units: dict[int, frozenset[str]] = {}
    if _ALTERNATIVES.search(text):
        text, units = _alternatives_blanked(text, figures.items)
    for opening in _OPENING.finditer(text):
        whole = _whole_before(text, figures, opening.start())
        if whole is None:
            continue
        per_line = "\n" in opening.group(0)  # "其中：\n…\n…": one part a line
        shares: list[tuple[int, re.Match[str]]] = []
        parts, closed = _parts_after(
            text, figures, opening.end(), whole, units, per_line=per_line, shares=shares
        )
        if (closed and len(parts) >= 2) or (parts and shares and whole.kind == "amount"):
            stated = [stated_quantity(text, p, locate) for p in parts]
            whole_stated = stated_quantity(text, whole, locate)
            named = _named_wholes(
                text, figures, opening.start(), whole_stated, shares, locate=locate
            )
            found.append(
                Breakdown(
                    whole=whole_stated,
                    parts=tuple(stated),
                    closed=closed and len(parts) >= 2,
                    shares=tuple(
                        _share(stated[i], match, locate, named.get(match.group("of").strip()))
                        for i, match in shares
                    ),
                )
            )
    return found


_NAMED_BACK = 400  # characters before 其中 where the whole a share names may be stated


def _named_wholes(
    text: str,
    figures: _Figures,
    opening: int,
    whole: StatedQuantity,
    shares: list[tuple[int, re.Match[str]]],
    *,
    locate: Locate,
) -> dict[str, StatedQuantity]:
    """The whole each share names ("占收入预算总额的…") when the figure before 其中 is not
    it: the nearest amount before that, in reach, whose words contain the name."""
    found: dict[str, StatedQuantity] = {}
    for name in {match.group("of").strip() for _, match in shares} - {""}:
        if name in whole.label:
            continue
        before = figures.within(max(0, opening - _NAMED_BACK), opening)
        for candidate in reversed([q for q in before if q.kind == "amount"]):
            stated = stated_quantity(text, candidate, locate)
            if name in stated.label and not _CHANGE.search(stated.label):
                found[name] = stated  # "比上年收入预算总额增加…" is a change, not the whole
                break
    return found


# "，占收入预算总额的90.3%" after a part: its share of the whole ("占59.2%" names none).
_PART_SHARE = re.compile(
    r"\s*占(?P<of>[^，,。；;\n\d%％]{0,20}?)的?\s*(?P<rate>\d{1,3}(?:\.\d+)?)\s*[%％]\s*$"
)


def _share(
    part: StatedQuantity, match: re.Match[str], locate: Locate, named: StatedQuantity | None
) -> PartShare:
    digits = match.group("rate")
    return PartShare(
        part=part,
        percent=Decimal(digits),
        ulp=printed_ulp(digits),
        of=match.group("of").strip(),
        evidence=locate(match.start("of") - 1, match.end("rate") + 1),
        named=named,
    )


def _whole_before(text: str, figures: _Figures, position: int) -> Quantity | None:
    last = figures.ending_by(position)
    if last is None:
        return None
    between = text[last.end : position]
    if _SHARE_BETWEEN.fullmatch(between):
        return last  # "基本支出700000元，占支出的87.5%。其中：…": the whole's own share first
    if len(between.replace(" ", "")) > 4:
        return None
    return last if _BEFORE_OPENING.match(between) else None


def _parts_after(
    text: str,
    figures: _Figures,
    start: int,
    whole: Quantity,
    units: dict[int, frozenset[str]],
    *,
    per_line: bool = False,
    shares: list[tuple[int, re.Match[str]]] | None = None,
) -> tuple[list[Quantity], bool]:
    """The parts, and whether the list closed as lists do (at the end of its sentence or line):
    a list cut off by other words, or by the end of an excerpt, may hold only some parts.
    A share stated right after a part (占…的X%) is added to ``shares`` by the part's index."""
    parts: list[Quantity] = []
    position = start
    while len(parts) < _MAX_PARTS and position < len(text):
        position = _skip_parenthesis(text, position)
        numbered = _ENUMERATED.match(text, position)
        if numbered:
            position = numbered.end()
        end_match = _CLAUSE_END.search(text, position)
        end = end_match.start() if end_match else len(text)
        clause = text[position:end]
        inside = _part_figures(text, figures.within(position, end), whole, units, position)
        if _STOP.search(clause) or len(inside) > 1:
            return parts, False
        if inside and not _CHANGE.search(text, position, inside[0].start):
            if not _same_kind(inside[0], whole, units):
                return parts, True  # another kind of figure begins another statement
            parts.append(inside[0])
        elif not inside and "占" not in clause and not _CHANGE.search(clause) and clause.strip():
            return parts, False  # words, not a figure: the list is over
        elif not inside and parts and shares is not None:
            share = _PART_SHARE.match(text, position, end)
            if share and not any(i == len(parts) - 1 for i, _ in shares):
                shares.append((len(parts) - 1, share))
        if end_match is None:
            return parts, False
        if parts and _THEN_ITEMS.match(text, end):
            return parts, True  # "…，分别是：" names the last part's items: the parts are done
        if end_match.group(0) == "\n" and _ENUMERATED.match(text, end + 1):
            position = end + 1  # "其中：\n1、财政拨款…；\n2、事业收入…": one item a line
            continue
        if end_match.group(0) == "\n" and not text[end:].strip():
            return parts, False  # the text ends on an unfinished line: the list may go on
        if end_match.group(0) in "。\n":
            following = _next_item_line(text, end) if per_line and parts else None
            if following is not None:
                position = following  # the next part, on a line of its own
                continue
            return parts, not clause.rstrip().endswith("等")
        position = end + 1
    return parts, False


def _part_figures(
    text: str, inside: list[Quantity], whole: Quantity, units: dict[int, frozenset[str]], at: int
) -> list[Quantity]:
    """The figures of a clause that may make it a part. Figures in a parenthesis within the
    clause are the part's own detail; an amount's part may give its count beside it ("评为优的
    项目79个，资金3038.38万元" is one part, its amount), so counts beside one amount drop out."""
    if len(inside) < 2:
        return inside
    inside = [q for q in inside if not _in_parenthesis(text, at, q.start)]
    if whole.kind == "amount" and len(inside) > 1:
        amounts = [q for q in inside if q.kind == "amount"]
        if len(amounts) == 1 and all(
            _same_kind(q, whole, units) or q.kind == "count" for q in inside
        ):
            return amounts
    return inside


def _in_parenthesis(text: str, start: int, position: int) -> bool:
    before = text[start:position]
    return before.count("(") + before.count("（") > before.count(")") + before.count("）")


def _next_item_line(text: str, end: int) -> int | None:
    """Where the next line starts when this line ends here and the next line may be one more
    part of a list set out one part a line: not blank, not numbered (a numbered line is the
    next item of the list the whole belongs to, "2.项目支出…")."""
    line_end = text.find("\n", end)
    if line_end < 0 or text[end:line_end].strip(" 。"):
        return None
    start = line_end + 1
    following = text[start : text.find("\n", start) if "\n" in text[start:] else len(text)]
    if not following.strip() or _ENUMERATED.match(following) or _HEADING.match(following):
        return None
    return start


def _skip_parenthesis(text: str, position: int) -> int:
    """Past a parenthesis that opens here: a part's own breakdown is not a part."""
    opened = _OPENED.match(text, position)
    if opened is None:
        return position
    close = _CLOSED.search(text, position, position + _MAX_PARENTHESIS)
    return close.end() if close else position


def _same_kind(part: Quantity, whole: Quantity, units: dict[int, frozenset[str]]) -> bool:
    if whole.kind == "amount":
        return part.kind == "amount"
    if part.kind != "count":
        return False
    ours = units.get(part.start, frozenset((part.unit,)))
    return not ours.isdisjoint(units.get(whole.start, frozenset((whole.unit,))))


_MEASURE = "个台套块项件次人名家所处座条辆张册份本篇场期批户"
_ALTERNATIVES = re.compile(rf"[(（]([{_MEASURE}](?:[、/，,][{_MEASURE}])*)[)）]")


def _alternatives_blanked(
    text: str, figures: list[Quantity]
) -> tuple[str, dict[int, frozenset[str]]]:
    """The text with each count's bracketed measure words blanked out (the same length, so
    every position holds), and each such count's measure words by its start."""
    chars = list(text)
    units: dict[int, frozenset[str]] = {}
    for figure in figures:
        if figure.kind != "count":
            continue
        bracket = _ALTERNATIVES.match(text, figure.end)
        if bracket is None:
            continue
        chars[bracket.start() : bracket.end()] = " " * (bracket.end() - bracket.start())
        others = set(re.split(r"[、/，,]", bracket.group(1)))
        units[figure.start] = frozenset({figure.unit, *others})
    return "".join(chars), units


def stated_quantity(text: str, quantity: Quantity, locate: Locate) -> StatedQuantity:
    """The figure with the words before it back to the previous clause mark."""
    start = quantity.start
    window = max(0, start - _LABEL_BACK)
    mark = max(text.rfind(ch, window, start) for ch in "，,。；;：:\n、)）")
    label_start = max(mark + 1, window)
    label = _OPENING.sub("", text[label_start:start]).strip()
    if quantity.kind == "amount":
        money = quantity.money()
        assert money is not None
        value, ulp, unit = money.wan, money.ulp, "万元"
    else:  # a whole count is exact; "4.52万人" is rounded like an amount
        exact = "." not in quantity.digits and not quantity.unit.startswith(("万", "亿"))
        ulp = Decimal(0) if exact else printed_ulp(quantity.digits)
        value, unit = quantity.value, quantity.unit
    return StatedQuantity(
        label=label,
        value=value,
        ulp=ulp,
        unit=unit,
        evidence=locate(label_start if label else start, quantity.end),
    )
