"""A named figure stated with its value and its growth on the year before, in any words.

    4、网络零售额13.39亿元，同比增长17.95%。   (the target column of a 自评表)
    4、网络零售额23.59亿元，同比增长35.65%。   (the actual column, same row)

Both rates are on one prior-year figure, so each statement implies that base: value ÷
(1 + rate). Intake records each statement (its name, value, signed rate and where it was
said); growth-base-matches compares the bases of statements with one name.

Two statements of one name are one figure on one base only when both speak of the report's
year, so this reads narrowly:
- the rate follows the value directly, after 同比/比上年/较上年 and a verb of change (a bare
  "增长" may be on a target or on a plan; "同比增速9.5%" states no value);
- a statement is skipped when its sentence or a heading above it names another year, a part
  of a year (月, 季度, 半年) or a plan (计划, 下一步 …): next year's target is on this year;
- a value that is itself a change ("同比增加8.25万元") or a name with figures in it is no
  named figure.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

from jixiao.domain.evidence import Evidence
from jixiao.domain.money import printed_ulp
from jixiao.domain.relations import StatedQuantity, ValueWithGrowth
from jixiao.intake.quantities import Quantity
from jixiao.intake.sections import HeadingMatch

Locate = Callable[[int, int], Evidence]

_DOWN = ("下降", "减少")
_CONNECTOR = re.compile(
    r"^\s*[，,]?\s*(?:同比|[比较]上年(?:同期)?)(?P<verb>增长|增加|下降|减少)了?\s*$"
)
# Measure words that make no figure a base can be of: points, multiples, scores, ages.
_NOT_A_FIGURE = ("百分点", "倍", "分", "岁")
_NAME_BACK = 24
# Brackets are no stop: "因公出国(境)经费" is one name; numbering in brackets is trimmed.
_NAME_STOPS = '，,。；;：:、\n|【】[]“”"！!？? \t'
_NUMBERING = re.compile(
    r"^(?:[(（]?\d{1,2}[.．、)）]|[(（][一二三四五六七八九十]{1,3}[)）]|[①-⑳])\s*"
)
# A leading year is the period (checked on the whole sentence), not part of the name.
_LEAD = re.compile(r"^(?:\d{4}\s*年度?|全年|累计|共|实现|完成)+")
_TRAIL = re.compile(r"(?:为|达到|达|约|共计|共|合计|总计|总额为)$")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# A name that holds a change or a comparison is the words of a change, not a figure's name.
_NOT_A_NAME = re.compile(r"[\d０-９]|同比|上年|去年|增加|减少|增长|下降|较|其中")
_SENTENCE_END = "。；;\n！!？?"
_YEAR = re.compile(r"(?P<year>\d{4})\s*年|[〇零○一二三四五六七八九]{4}年")
# Words that put a statement in another period than the report's year, or in a plan.
_OTHER_PERIOD = re.compile(
    r"上年|去年|前年|明年|下年|来年|今后|上半年|下半年|季度|\d{1,2}\s*月|[一二三四五六七八九十]月|"
    r"月份|月末|月底|计划|打算|思路|下一步|展望|预计|力争"
)


def find_growth_statements(
    text: str,
    quantities: Sequence[Quantity],
    headings: Sequence[HeadingMatch],
    year: int | None,
    locate: Locate,
) -> list[ValueWithGrowth]:
    found: list[ValueWithGrowth] = []
    for value, rate in itertools.pairwise(quantities):
        if value.kind not in ("amount", "count") or rate.kind != "rate":
            continue
        if value.kind == "count" and value.unit.endswith(_NOT_A_FIGURE):
            continue
        connector = _CONNECTOR.match(text[value.end : rate.start])
        if connector is None or value.value <= 0:
            continue
        name_start, name = _name(text, value.start)
        if name is None:
            continue
        if _elsewhere(text, name_start, value.end, rate.end, year) or _under_another_period(
            headings, value.start, year
        ):
            continue
        down = connector.group("verb") in _DOWN
        found.append(_statement(value, rate, name, name_start, locate, down=down))
    return found


def _statement(
    value: Quantity,
    rate: Quantity,
    name: str,
    name_start: int,
    locate: Locate,
    *,
    down: bool,
) -> ValueWithGrowth:
    money = value.money()
    if money is not None:
        amount, ulp, unit = money.wan, money.ulp, "万元"
    else:
        amount, ulp, unit = value.value, printed_ulp(value.digits), value.unit
    percent = -rate.value if down else rate.value
    return ValueWithGrowth(
        value=StatedQuantity(name, amount, ulp, unit, locate(name_start, value.end)),
        rate=StatedQuantity(
            "", percent, printed_ulp(rate.digits), "%", locate(value.end, rate.end)
        ),
        printed_unit=value.unit,
        evidence=locate(name_start, rate.end),
    )


def _name(text: str, start: int) -> tuple[int, str | None]:
    """The words right before a value, back to the last mark, numbering and verbs trimmed."""
    window = max(0, start - _NAME_BACK)
    end = start
    while end > window and text[end - 1] in " \t":
        end -= 1
    mark = max(text.rfind(ch, window, end) for ch in _NAME_STOPS)
    begin = mark + 1 if mark >= 0 else window
    words = text[begin:end]
    numbering = _NUMBERING.match(words)
    if numbering:
        begin += numbering.end()
        words = words[numbering.end() :]
    name = _TRAIL.sub("", _LEAD.sub("", words.strip()))
    if len(_HAN.findall(name)) < 2 or _NOT_A_NAME.search(name):
        return begin, None
    return begin, name


def _elsewhere(text: str, name_start: int, value_end: int, rate_end: int, year: int | None) -> bool:
    """Whether the statement's sentence (its connector aside: 比上年 is its base, not its
    period) speaks of another year, a part of a year or a plan."""
    begin = max(text.rfind(ch, 0, name_start) for ch in _SENTENCE_END) + 1
    ends = [i for i in (text.find(ch, rate_end) for ch in _SENTENCE_END) if i >= 0]
    end = min(ends, default=len(text))
    if _names_another_period(text[begin:value_end] + "，" + text[rate_end:end], year):
        return True
    # A period that opens the paragraph ("今年1到10月，…。其中，…同比增长…") holds for all of it.
    paragraph = text.rfind("\n", 0, name_start) + 1
    if paragraph < begin:
        opening = [i for i in (text.find(ch, paragraph, begin) for ch in "，,。；;") if i >= 0]
        return _names_another_period(text[paragraph : min(opening, default=begin)], year)
    return False


def _under_another_period(headings: Sequence[HeadingMatch], start: int, year: int | None) -> bool:
    """Whether a heading the statement sits under names another year or a plan
    ("四、2024年工作计划" … "网络零售额力争…")."""
    open_titles: list[tuple[int, str]] = []
    for heading in headings:
        if heading.start >= start:
            break
        while open_titles and open_titles[-1][0] >= heading.level:
            open_titles.pop()
        open_titles.append((heading.level, heading.title))
    return any(_names_another_period(title, year) for _, title in open_titles)


def _names_another_period(words: str, year: int | None) -> bool:
    if _OTHER_PERIOD.search(words):
        return True
    return any(
        match.group("year") is None or year is None or int(match.group("year")) != year
        for match in _YEAR.finditer(words)
    )
