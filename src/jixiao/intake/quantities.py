"""Amounts, rates and counts in normalized report text, as exact Decimals.

One pass of one precompiled pattern finds every candidate (a number followed by a money
unit, "%" or a measure word, or "百分之…"); small checks in Python then drop what only
looks like a quantity. Decisions worth knowing:

- ``value`` is the number as written, in the unit as written: "5252.64万元" is 5252.64 with
  unit "万元", "57.38万人" is 57.38 with unit "万人" (a magnitude before a measure word stays
  in the unit, never multiplied out). ``Quantity.money()`` converts amounts to 万元.
- A bare 万/亿 directly followed by punctuation, a space, the end or a word that ends a
  figure (已, 均, 用于 …) is money: "公用经费57.38万。"
  is 57.38 万元. "三百万元" is 300 万元 (a trailing 万/亿 of a Chinese numeral joins the unit).
- Years, dates, document numbers, heading markers, codes and "5G" are never quantities
  because 年/月/日/号 and letters are not units. A number right after 第 is an ordinal.
- A lone Chinese "一" before a measure word is an article, not a count ("一个", "一批",
  "一起", "一项工作"): skipped, while "1个" and "十一个" are counts. A lone magnitude ("百人",
  "千家万户", "十分", "过亿元") and a lone "零" ("零件") are words, not numbers.
- "-" is a minus sign only at the start of a line, after a space or after a table bar "|";
  elsewhere ("10-11万元") the figure stays positive. Prose says 减少/下降 instead.
- Upstream normalization removes the space between a number and its unit. One space before
  元/万元/亿元 or "%" (or one PDF line break before a money unit) is still tolerated and kept
  in the span; before a measure word it is not ("46 人员经费" is a table row).
- ``start`` is the first character of the number (or of "百分之"); a prefix such as 约 is
  not in the span but sets ``approximate``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from jixiao.domain.money import Count, Money, MoneyUnit, Rate
from jixiao.intake.numerals import (
    BIG_CHARS,
    DIGIT_CHARS,
    NUMERAL_CHARS,
    parse_chinese,
    parse_money_numeral,
    parse_number,
)

__all__ = [
    "MEASURE_WORDS",
    "Quantity",
    "QuantityKind",
    "find_bare_numbers",
    "find_quantities",
    "parse_cell",
    "parse_number",
]

QuantityKind = Literal["amount", "rate", "count", "number"]

MEASURE_WORDS: tuple[str, ...] = (
    "个百分点", "百分点", "个月", "人次", "户次", "台次", "辆次", "车次", "架次", "批次",
    "场次", "期次", "平方公里", "平方米", "立方米", "公里", "千米", "公顷", "小时", "课时",
    "学时", "分钟", "家", "个", "件", "人", "次", "栋", "幢", "名", "起", "项", "批", "户",
    "所", "台", "套", "条", "场", "期", "篇", "村", "处", "辆", "座", "亩", "吨", "米", "㎡",
    "天", "位", "张", "份", "册", "床", "只", "头", "株", "棵", "例", "宗", "块", "门", "类",
    "种", "届", "轮", "班", "倍", "岁", "分",
)  # fmt: skip
"""Measure words after a count. "分" is a score ("计8分"). 年/月/日/号 are deliberately absent."""
# A measure word that begins a longer word is a table label, not a unit: 人员经费, 项目支出,
# 家庭, 名称, 批复 (the same guards as normalize.py, which keeps the space before them).
_NOT_A_MEASURE = {
    "人": "员民大力才口均",
    "家": "庭长属",
    "项": "目",
    "名": "称单",
    "批": "复准",
}

# Characters after which a bare 万/亿 ends the figure and so means 万元/亿元.
_PUNCT = r"。，,、；;：:！!？?）)\]】」』”\"’'|\s"
# Words that cannot continue a measure noun, so a bare 万/亿 before them is money too:
# "批复资金260万已全部到位".
_ENDS_A_FIGURE = "已|均|都|全部|用于"
_AR = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN = rf"[{NUMERAL_CHARS}](?:[{NUMERAL_CHARS}]|点(?=[{DIGIT_CHARS}]))*"
_MEASURES = "|".join(
    f"{word}(?![{_NOT_A_MEASURE[word]}])" if word in _NOT_A_MEASURE else word
    for word in sorted(MEASURE_WORDS, key=len, reverse=True)
)
_SIGN = "-−"

_QUANTITY = re.compile(
    # Cheap guard first: only a digit, a numeral character or a sign can start a quantity.
    rf"(?=[{_SIGN}\d{NUMERAL_CHARS}])"
    rf"(?:百分之(?:(?P<pct_ar>\d+(?:\.\d+)?)|(?P<pct_cn>{_CN}))"
    rf"|(?:(?P<neg>[{_SIGN}])?(?<![\d.第])(?P<ar>{_AR})(?!\d)(?!\.\d)"
    rf"|(?<![第点{NUMERAL_CHARS}])(?P<cn>{_CN}))"
    r"(?P<space>[ \t\u3000\xa0]|\r?\n)?"
    r"(?P<about1>余|多)?"
    r"(?:(?P<money>(?P<money_mag>[万亿萬億])?(?P<about2>余|多)?[元圆])"
    rf"(?:(?P<jiao>[{DIGIT_CHARS}])角)?(?:零?(?P<fen>[{DIGIT_CHARS}])分)?"
    r"(?P<whole>整(?![\u4e00-\u9fff]))?"
    r"|(?P<pct>%)"
    rf"|(?:(?P<count_mag>[万亿萬億])(?P<about3>余|多)?)?(?P<measure>{_MEASURES})"
    rf"|(?P<bare_mag>[万亿萬億])(?=[{_PUNCT}]|{_ENDS_A_FIGURE}|$))"
    r"(?P<about4>左右)?)"
)
_BARE = re.compile(
    rf"(?<![^\s|])(?P<neg>[{_SIGN}])?(?P<ar>{_AR})(?P<pct>%)?(?P<dot>\.)?(?=[\s|]|$)"
)
_CELL = re.compile(rf"(?P<neg>[{_SIGN}])?(?P<ar>{_AR})(?P<pct>%)?\.?")
# Words before a figure that make it approximate, each with the characters that, written
# before the marker, make a different word instead (节约 saves, 最近 is "the last").
_APPROX_MARKERS = (
    ("约", "节制预签合契简违履公"),
    ("近", "最附临就邻靠亲"),
    ("超", ""),
    ("超过", ""),
    ("逾", ""),
)
_APPROX_LAST = frozenset(marker[-1] for marker, _ in _APPROX_MARKERS)
_TABLE_BEFORE_SIGN = frozenset("\n\r\t |\u3000")
# Chinese numerals that are words, not numbers, when they stand alone.
_WORD_NUMERALS = frozenset("十拾百佰千仟万萬亿億零〇○")
_ARTICLE = frozenset("一壹")
_BIG_SET = frozenset(BIG_CHARS)
_MAGNITUDE_NAME = {"万": "万", "萬": "万", "亿": "亿", "億": "亿"}


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity found in a text; ``start``/``end`` are offsets into that text."""

    kind: QuantityKind
    start: int
    end: int
    text: str
    value: Decimal
    digits: str
    unit: str
    approximate: bool = False

    def money(self) -> Money | None:
        """The amount in 万元 (canonical), keeping the printed precision; None if not money."""
        if self.kind != "amount":
            return None
        return Money.parse(self.digits, MoneyUnit(self.unit))

    def rate(self) -> Rate | None:
        """The percentage (97.06 for 97.06%); None if not a rate."""
        return Rate.parse(self.digits) if self.kind == "rate" else None

    def count(self) -> Count | None:
        """The count with its measure word (18 家, 57.38 万人); None if not a count."""
        return Count(value=self.value, measure=self.unit) if self.kind == "count" else None


def find_quantities(text: str) -> list[Quantity]:
    """Every amount, rate and count in ``text``, in order and without overlap.

    Bare numbers are not returned: in prose they are too ambiguous (see
    ``find_bare_numbers`` for table rows).
    """
    found: list[Quantity] = []
    for match in _QUANTITY.finditer(text):
        quantity = _from_match(text, match)
        if quantity is not None:
            found.append(quantity)
    return found


def find_bare_numbers(text: str) -> list[Quantity]:
    """Numbers standing alone between spaces, bars "|" or line breaks: a flattened table row.

    "三公经费 29.08 63.46 44.29" gives three numbers. A token ending in "%" is a rate. A
    trailing OCR dot is dropped after a decimal ("7.50."), but "1." (a heading marker) is not
    a number. Years standing alone ("2022") are numbers here; the caller knows the columns.
    """
    found: list[Quantity] = []
    for match in _BARE.finditer(text):
        if match["dot"] and "." not in match["ar"]:
            continue
        found.append(_plain(match))
    return found


def parse_cell(cell: str) -> Quantity | None:
    """A whole table cell that is a number, a rate or one quantity; None otherwise.

    "2030.12", "1,234.50", "-3.5", "100.00%", "7.50." (OCR trailing dot) and "30万元" are
    read; "—", "-", "/", "", text and years such as "2022年" give None. Offsets are into
    ``cell``.
    """
    stripped = cell.strip()
    if not stripped:
        return None
    offset = len(cell) - len(cell.lstrip())
    match = _CELL.fullmatch(stripped)
    if match:
        return _plain(match, offset)
    if len(stripped) > 40 or not any(ch.isdigit() or ch in NUMERAL_CHARS for ch in stripped):
        return None  # prose lines and text cells: no single quantity can fill them
    quantities = find_quantities(stripped)
    if len(quantities) != 1 or (quantities[0].start, quantities[0].end) != (0, len(stripped)):
        return None
    only = quantities[0]
    return Quantity(
        kind=only.kind,
        start=only.start + offset,
        end=only.end + offset,
        text=only.text,
        value=only.value,
        digits=only.digits,
        unit=only.unit,
        approximate=only.approximate,
    )


# No rate a report states reaches a hundred thousand per cent; such a "percentage" is a row's
# cells run together by a conversion (run_together.py reads those rows).
_MAX_PERCENT = Decimal(100_000)


def _plain(match: re.Match[str], offset: int = 0) -> Quantity:
    """A bare number or percentage matched by ``_BARE`` or ``_CELL`` (sign kept: a table)."""
    start = match.start("neg") if match["neg"] else match.start("ar")
    end = match.end("pct") if match["pct"] else match.end("ar")
    digits = ("-" if match["neg"] else "") + match["ar"].replace(",", "")
    return Quantity(
        kind="rate" if match["pct"] else "number",
        start=start + offset,
        end=end + offset,
        text=match.string[start:end],
        value=Decimal(digits),
        digits=digits,
        unit="%" if match["pct"] else "",
    )


def _from_match(text: str, match: re.Match[str]) -> Quantity | None:
    if match["pct_ar"] or match["pct_cn"]:
        return _percent_words(text, match)
    kind, unit = _kind_and_unit(match)
    if match["space"] and (kind == "count" or ("\n" in match["space"] and kind != "amount")):
        # normalize.py joins a number and its measure word, so a space left there is a
        # table row ("46 人员经费"); a PDF line break may split a number from 万元 only.
        return None
    start = match.start()
    if match["ar"] is not None:
        negative = bool(match["neg"]) and (start == 0 or text[start - 1] in _TABLE_BEFORE_SIGN)
        if match["neg"] and not negative:
            start = match.start("ar")
        digits = ("-" if negative else "") + match["ar"].replace(",", "")
        if match["jiao"] or match["fen"]:
            if "." in digits:
                return None  # "5.5元六角" states two different figures
            digits += f".{_cent_digits(match['jiao'], match['fen'])}"
        value = Decimal(digits)
    else:
        parsed = _chinese_figure(match, kind, unit)
        if parsed is None:
            return None
        value, unit = parsed
        digits = format(value, "f")  # keeps stated zeros: 陆角零分 is precise to 分
    if kind == "rate" and abs(value) >= _MAX_PERCENT:
        return None  # cells run together ("21182118100%" = 2118 | 2118 | 100%), not a rate
    approximate = bool(match["about1"] or match["about2"] or match["about3"] or match["about4"])
    return Quantity(
        kind=kind,
        start=start,
        end=match.end(),
        text=text[start : match.end()],
        value=value,
        digits=digits,
        unit=unit,
        approximate=approximate or _approx_before(text, start),
    )


def _kind_and_unit(match: re.Match[str]) -> tuple[QuantityKind, str]:
    if match["money"]:
        return "amount", _MAGNITUDE_NAME.get(match["money_mag"] or "", "") + "元"
    if match["pct"]:
        return "rate", "%"
    if match["measure"]:
        return "count", _MAGNITUDE_NAME.get(match["count_mag"] or "", "") + match["measure"]
    return "amount", _MAGNITUDE_NAME[match["bare_mag"]] + "元"


def _chinese_figure(
    match: re.Match[str], kind: QuantityKind, unit: str
) -> tuple[Decimal, str] | None:
    """The value of a Chinese numeral and its unit, or None when the numeral is a word."""
    numeral = match["cn"]
    cents = match["jiao"] or match["fen"]
    # "三百万元": the numeral's last 万/亿 belongs to the unit, as in "300万元"; not when an
    # earlier 万/亿 would then mean something else ("一亿零五万元" stays in 元).
    head = numeral[:-1]
    splittable = unit in ("元", *MEASURE_WORDS) and not cents
    if numeral[-1] in BIG_CHARS and head and splittable and not set(head) & _BIG_SET:
        unit = _MAGNITUDE_NAME[numeral[-1]] + unit
        numeral = numeral[:-1]
    article = kind == "count" and numeral in _ARTICLE and unit[0] not in "万亿"
    if numeral in _WORD_NUMERALS or article:
        return None
    if cents:
        value = parse_money_numeral(numeral, match["jiao"], match["fen"])
    else:
        value = parse_chinese(numeral)
    return None if value is None else (value, unit)


def _percent_words(text: str, match: re.Match[str]) -> Quantity | None:
    """ "百分之二十五" -> 25 %, "百分之95" -> 95 %."""
    figure = match["pct_ar"] or match["pct_cn"]
    value = Decimal(figure) if match["pct_ar"] else parse_chinese(figure)
    if value is None:
        return None
    return Quantity(
        kind="rate",
        start=match.start(),
        end=match.end(),
        text=match[0],
        value=value,
        digits=figure if match["pct_ar"] else format(value, "f"),
        unit="%",
        approximate=_approx_before(text, match.start()),
    )


def _cent_digits(jiao: str | None, fen: str | None) -> str:
    """The decimals of 角 and 分 written as numerals after an Arabic 元 figure."""
    return str(parse_money_numeral("零", jiao, fen)).partition(".")[2]


def _approx_before(text: str, start: int) -> bool:
    if start == 0 or text[start - 1] not in _APPROX_LAST:
        return False  # most figures: no marker ends right before them
    for marker, not_after in _APPROX_MARKERS:
        if text.endswith(marker, 0, start):
            before = start - len(marker) - 1
            return before < 0 or text[before] not in not_after
    return False
