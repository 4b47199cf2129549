"""The same figure (field, aspect and scope) stated with different values in different places.

A warning, not an error: the text contradicts itself but the audit cannot tell which
statement is right. Values that differ only by rounding (793.43万元 and 7934300元) agree.
Each value that disagrees with the first statement is reported once. Only statements whose
wording names the field squarely (rank 0 or 1) and in a known scope are compared: 支出总计 in a
决算 is the grand total including carry-over, a project's "安排…万元" may be one source of its
money, and "工资福利支出" and "商品和服务支出" are two different narrower 支出.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

from jixiao.audit import messages
from jixiao.audit.context import RuleContext
from jixiao.audit.tolerance import Comparison, Outcome
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.money import Money, Rate
from jixiao.domain.report import Mention, Report

CODE = "figure-restated-differently"

_SQUARE_RANK = 1
# The scope of a compound label ("工资福利支出", "初中教育支出…其中：基本支出"): some narrower
# figure, a different one each time, so two of them are no restatement of one figure.
_SOME_NARROWER = "其他"
# A share or a completion is a ratio to another figure, often left unnamed: two of them are two
# ratios, not one figure stated twice.
_OF_ANOTHER_FIGURE = ("share", "completion")
_PART_FOLLOWS = re.compile(r"\s*[，,]?\s*其中\s*[:：]?\s*")
_NOT_A_VALUE = re.compile(
    "增加|减少|增长|下降|降低|持平|未达到|未达|低于|高于|不足|不低于|不超过|以上|以下|相差|差额"
)


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    groups: dict[tuple[str, str, str], list[Mention]] = {}
    for mention in _comparable(report.mentions):
        groups.setdefault((mention.path, mention.aspect, mention.scope), []).append(mention)
    for mentions in groups.values():
        yield from _contradictions(report.text, mentions)


def comparable_values(mentions: Iterable[Mention]) -> list[Mention]:
    """The statements of a figure's own value that may be compared with each other (also used by
    values-swapped)."""
    return [m for m in _comparable(mentions) if m.aspect == "value" and _plausible(m)]


def _comparable(mentions: Iterable[Mention]) -> Iterable[Mention]:
    for mention in mentions:
        if mention.rank > _SQUARE_RANK or mention.scope == _SOME_NARROWER:
            continue
        if mention.aspect in _OF_ANOTHER_FIGURE:
            continue  # 占本年支出合计的31.69% and 占86.24% (of what?): shares of two wholes
        yield mention


def _contradictions(text: str, mentions: Sequence[Mention]) -> Iterable[Finding]:
    plausible = [m for m in mentions if _plausible(m)]
    if len(plausible) < 2:
        return
    first = plausible[0]
    reported: list[Mention] = []
    for other in plausible[1:]:
        if other.evidence.start == first.evidence.start:
            continue  # the same statement listed twice
        comparison = _compare(first, other)
        if comparison is None or comparison.outcome is not Outcome.MISMATCH:
            continue
        if any(_same(other, done) for done in reported):
            continue
        if _PART_FOLLOWS.fullmatch(text, first.evidence.end, other.evidence.start):
            continue  # "总支出125.08万元，其中本年支出116.12万元": a whole and its part
        reported.append(other)
        yield _finding(first, other, comparison)


def _plausible(mention: Mention) -> bool:
    """False for an amount whose own quote speaks of a change or a threshold: "收入总计增加
    543.55万元" states a change and "执行率未达到90%" a bar, not the figure itself, whatever
    field a reader filed them under."""
    return mention.aspect != "value" or not _NOT_A_VALUE.search(mention.evidence.quote)


def _compare(first: Mention, second: Mention) -> Comparison | None:
    """first vs second as a comparison, None when one is an amount and the other a rate."""
    a, b = first.value, second.value
    if isinstance(a, Money) != isinstance(b, Money):
        return None
    return Comparison(stated=_number(a), computed=_number(b), tolerance=a.ulp + b.ulp)


def _same(first: Mention, second: Mention) -> bool:
    comparison = _compare(first, second)
    return comparison is not None and comparison.outcome is not Outcome.MISMATCH


def _number(value: Money | Rate) -> Decimal:
    return value.wan if isinstance(value, Money) else value.percent


def _finding(first: Mention, other: Mention, comparison: Comparison) -> Finding:
    a, b = first.value, other.value
    if isinstance(a, Money) and isinstance(b, Money):
        difference = messages.derived_text(abs(comparison.difference), [a, b])
    else:
        places = max(messages.places_of_ulp(a.ulp), messages.places_of_ulp(b.ulp))
        difference = f"{messages.points_text(comparison.difference, places, places)}个百分点"
    message = messages.render(
        CODE,
        label=messages.label(first.path, first.scope) + _aspect_word(first.aspect),
        first=messages.quote_text(first.evidence.quote),
        second=messages.quote_text(other.evidence.quote),
        difference=difference,
    )
    return Finding(
        CODE,
        Severity.WARNING,
        message,
        stated=comparison.stated,
        computed=comparison.computed,
        difference=comparison.difference,
        evidence=(first.evidence, other.evidence),
    )


def _aspect_word(aspect: str) -> str:
    return {"change": "的同比变动额", "change_rate": "的同比变动率"}.get(aspect, "")
