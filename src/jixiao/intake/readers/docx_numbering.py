"""Word's automatic numbering, rendered: the "一、" and "（一）" that are not in the text.

A heading numbered by Word keeps its number in numbering.xml, not in the paragraph: the
paragraph (or its style) names a numbering instance (numId) and a level (ilvl); the level
says how to write the number (numFmt: chineseCounting, decimal …) and where to put it
(lvlText "%1、", "（%2）"). Counting follows Word: a level counts up each time it is used
and restarts when a level above it is used (unless lvlRestart says otherwise).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

_PLACEHOLDER = re.compile(r"%([1-9])")
_DIGITS = "〇一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # lvlRestart: restart after a use of a level below this (1-based)
    legal: bool = False  # isLgl: every number of the ladder in decimal
    suffix: str = "tab"
    style: str | None = None  # the paragraph style this level belongs to (heading numbering)


@dataclass(frozen=True, slots=True)
class Instance:
    """A w:num: an abstract definition plus its per-level overrides."""

    abstract: str
    levels: dict[int, Level]
    restarts: bool  # it overrides a start value: Word counts it on its own


@dataclass
class Numbering:
    """Numbering definitions of one document, and the counters as paragraphs use them."""

    instances: dict[str, Instance] = field(default_factory=dict)
    _counters: dict[str, dict[int, int]] = field(default_factory=dict)

    def render(self, num_id: str, level: int | None, style: str | None) -> str:
        """The number a paragraph shows ("一、", "（二）", "1."), counting it as used.

        ``level`` None means: the level linked to the paragraph's style, else 0.
        """
        instance = self.instances.get(num_id)
        if instance is None:
            return ""
        if level is None:
            level = next((i for i, lvl in instance.levels.items() if lvl.style == style), 0)
        definition = instance.levels.get(level)
        if definition is None:
            return ""
        key = num_id if instance.restarts else f"abstract:{instance.abstract}"
        counters = self._counters.setdefault(key, {})
        counters[level] = counters[level] + 1 if level in counters else definition.start
        for deeper in [k for k in counters if k > level]:
            restart = instance.levels.get(deeper, Level()).restart
            if restart is None or (restart != 0 and level < restart):
                del counters[deeper]
        if definition.fmt == "bullet":
            return ""
        number = _PLACEHOLDER.sub(
            lambda m: self._format(instance, int(m.group(1)) - 1, counters, definition.legal),
            definition.text,
        )
        if number and definition.suffix != "nothing" and number[-1].isascii():
            number += " "  # "1." + "2022年…" must not read as the number 1.2022
        return number

    def _format(self, instance: Instance, level: int, counters: dict[int, int], legal: bool) -> str:
        definition = instance.levels.get(level, Level())
        value = counters.get(level, definition.start)
        return format_number(value, "decimal" if legal else definition.fmt)


def format_number(value: int, fmt: str) -> str:
    """A counter value in one of Word's number formats (ST_NumberFormat)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting",
               "japaneseCounting", "taiwaneseCountingThousand"):  # fmt: skip
        return chinese_counting(value)
    if fmt in ("ideographDigital", "taiwaneseDigital"):
        return "".join(_DIGITS[int(digit)] for digit in str(value))
    if fmt == "chineseLegalSimplified":
        return chinese_counting(value).translate(
            str.maketrans(_DIGITS[1:] + "十百千", _LEGAL[1:] + "拾佰仟")
        )
    if fmt == "ideographTraditional" and 1 <= value <= 10:
        return _STEMS[value - 1]
    if fmt == "ideographZodiac" and 1 <= value <= 12:
        return _BRANCHES[value - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= value <= 20:
        return chr(0x2460 + value - 1)
    if fmt == "decimalEnclosedParen" and 1 <= value <= 20:
        return chr(0x2474 + value - 1)
    if fmt == "decimalEnclosedFullstop" and 1 <= value <= 20:
        return chr(0x2488 + value - 1)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(value))
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("lowerLetter", "upperLetter") and value >= 1:
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman") and value >= 1:
        roman = _roman(value)
        return roman if fmt == "lowerRoman" else roman.upper()
    if fmt == "none":
        return ""
    return str(value)


def chinese_counting(value: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五 (as Word writes them)."""
    if value <= 0:
        return "零"
    if value >= 10000:
        return str(value)
    units = ((1000, "千"), (100, "百"), (10, "十"))
    out = ""
    rest = value
    zero = False
    for size, name in units:
        digit, rest = divmod(rest, size)
        if digit:
            if zero:
                out += "零"
            out += ("" if size == 10 and not out and digit == 1 else _DIGITS[digit]) + name
            zero = False
        elif out:
            zero = True
    if rest:
        out += ("零" if zero else "") + _DIGITS[rest]
    return out


def _roman(value: int) -> str:
    out = ""
    for size, letters in _ROMAN:
        count, value = divmod(value, size)
        out += letters * count
    return out


def load_numbering(numbering: Any | None, styles: Any | None) -> Numbering:
    """Read numbering.xml (and the numbering styles it links through) into a Numbering."""
    result = Numbering()
    if numbering is None:
        return result
    abstracts = {
        element.get(qn("w:abstractNumId")): element
        for element in numbering.iterchildren(qn("w:abstractNum"))
    }
    style_links = _style_num_ids(styles)
    nums = {num.get(qn("w:numId")): num for num in numbering.iterchildren(qn("w:num"))}
    for num_id, num in nums.items():
        abstract_id = _val(num.find(qn("w:abstractNumId")))
        abstract = abstracts.get(abstract_id)
        # An abstractNum may only point at a numbering style, whose w:num holds the levels.
        link = _val(abstract.find(qn("w:numStyleLink"))) if abstract is not None else None
        if link and link in style_links and style_links[link] in nums:
            linked = nums[style_links[link]]
            abstract_id = _val(linked.find(qn("w:abstractNumId")))
            abstract = abstracts.get(abstract_id)
        if abstract is None or abstract_id is None or num_id is None:
            continue
        levels = {
            int(lvl.get(qn("w:ilvl"), "0")): _level(lvl)
            for lvl in abstract.iterchildren(qn("w:lvl"))
        }
        restarts = False
        for override in num.iterchildren(qn("w:lvlOverride")):
            ilvl = int(override.get(qn("w:ilvl"), "0"))
            replaced = override.find(qn("w:lvl"))
            if replaced is not None:
                levels[ilvl] = _level(replaced)
            start = _val(override.find(qn("w:startOverride")))
            if start is not None and start.isdigit():
                base = levels.get(ilvl, Level())
                levels[ilvl] = Level(int(start), base.fmt, base.text, base.restart,
                                     base.legal, base.suffix, base.style)  # fmt: skip
                restarts = True
        result.instances[num_id] = Instance(abstract_id, levels, restarts)
    return result


def _level(lvl: Any) -> Level:
    start = _val(lvl.find(qn("w:start")))
    restart = _val(lvl.find(qn("w:lvlRestart")))
    legal = lvl.find(qn("w:isLgl"))
    return Level(
        start=int(start) if start and start.lstrip("-").isdigit() else 1,
        fmt=_val(lvl.find(qn("w:numFmt"))) or "decimal",
        text=_val(lvl.find(qn("w:lvlText"))) or "",
        restart=int(restart) if restart and restart.isdigit() else None,
        legal=legal is not None and _val(legal) not in ("0", "false"),
        suffix=_val(lvl.find(qn("w:suff"))) or "tab",
        style=_val(lvl.find(qn("w:pStyle"))),
    )


def _style_num_ids(styles: Any | None) -> dict[str, str]:
    """Numbering styles: style id → the numId in its paragraph properties."""
    found: dict[str, str] = {}
    if styles is None:
        return found
    for style in styles.iterchildren(qn("w:style")):
        num_id = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        style_id = style.get(qn("w:styleId"))
        if num_id is not None and style_id:
            found[style_id] = _val(num_id) or ""
    return found


def _val(element: Any | None) -> str | None:
    if element is None:
        return None
    value = element.get(qn("w:val"))
    return None if value is None else str(value)
