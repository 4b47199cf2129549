"""三公 parts stated as none: "全年无因公出国（境）费支出", "…费为零", "…和…均为0" are stated 0s.

"无因公出国(境)人数" or "无因公出国(境)团组" is not one of them: it counts people or groups, and
the money is simply not stated.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from jixiao.domain.money import Money
from jixiao.intake.candidates import Candidate
from jixiao.intake.lexicon import LabelMatch

_ZERO_AFTER = re.compile(
    r"(?:支出|经费)?(?:为|是)?(?:零|0)(?![\d.])(?!万|元|%)|(?:支出)?(?:没有|无)(?=[，,。；;])"
)
# Every alternative opens with its own literal, so the regex engine skips in C to 均 or 都
# instead of trying the alternatives at every character.
_ALL_ZERO = re.compile(
    r"均为(?:0|零)(?![\d.])(?:万元|元)?|都为(?:0|零)(?![\d.])(?:万元|元)?"
    r"|均是(?:0|零)(?![\d.])(?:万元|元)?|均无|均未发生"
)
_LIST_JOIN = re.compile(r"^(?:和|、|及|与|以及|,|，)$")
_NONE_BEFORE = re.compile(r"(?:无|没有|未发生|未安排)$")
# What a "无…" may be about other than money: the people, groups or trips it counts.
_COUNTED_AFTER = re.compile(r"(?:的)?(?:人数|人次|团组|批次|次数|人员|任务|计划|活动)")


def stated_none(text: str, labels: list[LabelMatch]) -> Iterable[Candidate]:
    """A 三公 part stated as none is stated as 0: "全年无因公出国（境）费支出", "…费为零"."""
    for label in labels:
        before = text[max(0, label.start - 3) : label.start]
        none = _NONE_BEFORE.search(before)
        zero = _ZERO_AFTER.match(text, label.end)
        if none is None and zero is None:
            continue
        if zero is None and _COUNTED_AFTER.match(text, label.end):
            continue  # "无因公出国(境)人数": no one travelled; the money is not stated
        start = label.start - len(before) + none.start() if none else label.start
        end = label.end if none or zero is None else zero.end()
        for sense in label.senses:
            if sense.path.startswith("three_public."):
                yield Candidate(sense.path, Money.of(0), start, end)
    yield from _all_zero(text, labels)


def _all_zero(text: str, labels: list[LabelMatch]) -> Iterable[Candidate]:
    """ "因公出国（境）费和公务用车购置费均为0": every part in the list is 0."""
    for zero in _ALL_ZERO.finditer(text):
        listed = [lb for lb in labels if lb.end <= zero.start()]
        position = zero.start()
        while listed and (
            listed[-1].end == position or _LIST_JOIN.match(text[listed[-1].end : position])
        ):
            label = listed.pop()
            position = label.start
            for sense in label.senses:
                if sense.path.startswith("three_public."):
                    yield Candidate(sense.path, Money.of(0), label.start, zero.end())
