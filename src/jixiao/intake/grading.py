"""The self-score and the grade as running text states them.

"自评得分为92.5分", "综合评分96分，评价等级为“优”", "自评结果为良好": the score is points out
of 100; the grade is the text's own word.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.domain.money import Rate
from jixiao.intake.candidates import Candidate

_SCORE_LABEL = (
    r"(?:自评得分|自评总分|自评分数?|综合得分|综合评分|总得分|评价得分|最终得分"
    r"|自评结果得分|得分合计)"
)
_SCORE = re.compile(
    _SCORE_LABEL + r"(?:为|是|:|：|共|达到?)?\s*(?P<score>\d{1,3}(?:\.\d{1,2})?)\s*分"
    # A form's label carries the unit, "自评总分(分)95.3", or ends in a colon, "自评总分：95.3":
    # the number stands alone (not an amount, a rate or a count).
    r"|" + _SCORE_LABEL + r"\s*(?:[(（]分[)）]\s*[:：]?|[:：])\s*"
    r"(?P<bare>\d{1,3}(?:\.\d{1,2})?)(?![\d.%％]|\s*(?:万|元|亿|个|项|人|次|家))"
    # A form field with neither: "自评得分96财政审核评分", "自评得分 96". Only the self-score
    # labels, and only a number that no other number, unit or range word follows.
    r"|(?:自评得分|自评总分|自评分数?|综合评分)\s*(?P<field>\d{1,3}(?:\.\d{1,2})?)"
    r"(?![\d.%％]|\s*(?:\d|万|元|亿|个|项|人|次|家|以上|以下|及|至|~|-|—|分))"
)
_FULL = Decimal(100)
# A score in brackets that follows a finished sentence annotates that paragraph (one criterion
# of a scoring sheet written out as prose); the report's own score follows its grade or label.
_AFTER_PARAGRAPH = re.compile(r"。\s*[(（]$")
_LABEL = re.compile(_SCORE_LABEL)
# A 总分 row whose two cells a conversion ran together, 分值 100 then 得分: "总分10095.5" is
# 100 and 95.5. Only a full 100 before it can be told from the score.
_RUN_TOTAL = re.compile(r"总分\s*100(?P<score>100|[1-9]\d(?:\.\d{1,2})?)(?![\d.%％])")
# "等次均为优秀": one grade stated for several things at once (the whole and each fund) is
# still the grade of each, so 均/都/皆 may stand between the label and 为.
_GRADE = re.compile(
    r"(?:等级|等次|自评结果|评价结果|评价结论|评定|评为|评级)\s*"
    r"(?:(?:均|都|皆)?\s*(?:为|是)|:|：|\||确定为|评定为)?\s*"
    r"[“\"'‘「]?(?P<grade>优 ?秀|良 ?好|中 ?等|合 ?格|不 ?合 ?格|较 ?差|优|良|中|差"
    r"|[ABCD](?![A-Za-z]))[”\"'’」]?(?:等级|等次|级)?"
    r"(?=[，,。.；;\s)）|]|$|等)"
)


def score_candidates(text: str) -> list[Candidate]:
    found: list[Candidate] = []
    for label in _LABEL.finditer(text):
        # Each label, then the whole pattern from there: its three openings tried at every
        # character of a report cost a quarter of a millisecond.
        match = _SCORE.match(text, label.start())
        if match is None or (found and match.start() < found[-1].end):
            continue
        if text[max(0, label.start() - 2) : label.start()] == "指标":
            continue  # "该指标评价得分7分": one indicator's points, not the report's score
        if _AFTER_PARAGRAPH.search(text, max(0, label.start() - 4), label.start()):
            continue  # "…稳中有升。(自评得分5分)": the points of the criterion just described
        score = match.group("score") or match.group("bare") or match.group("field")
        if not match.group("score") and Decimal(score) > _FULL:
            continue  # a bare number above 100 is some other figure, not points out of 100
        found.append(
            Candidate(
                "performance.self_score",
                Rate.parse(score),
                match.start(),
                match.end(),
            )
        )
    found = _without_scores_of_several_items(text, found)
    at = text.find("总分")
    while at >= 0:
        run = _RUN_TOTAL.match(text, at)
        if run is not None and not any(c.start <= at < c.end for c in found):
            found.append(
                Candidate("performance.self_score", Rate.parse(run.group("score")), at, run.end())
            )
        at = text.find("总分", at + 2)
    return found


_SENTENCE = 150
_EARLIER = re.compile(r"上年|去年|上一年|较|比|同比")


def _without_scores_of_several_items(text: str, found: list[Candidate]) -> list[Candidate]:
    """ "甲资金绩效自评分数为73.18分、乙资金绩效自评分数为89.03分": one sentence giving
    different scores is scoring several funds or projects, and none of them is the report's."""
    sentence: dict[int, set[object]] = {}
    compared: set[int] = set()
    where: list[int] = []
    for candidate in found:
        start = max(text.rfind(mark, 0, candidate.start) for mark in "。；;\n") + 1
        if candidate.start - start > _SENTENCE:
            start = -1 - len(where)  # a flattened table's run, not a sentence: on its own
        where.append(start)
        sentence.setdefault(start, set()).add(candidate.value)
        if _EARLIER.search(text, max(start, candidate.start - 8), candidate.start):
            compared.add(start)  # "较上年自评得分90分": this year's against last year's
    return [
        c for c, at in zip(found, where, strict=True) if len(sentence[at]) < 2 or at in compared
    ]


def grade_match(text: str) -> tuple[str, int, int] | None:
    match = _GRADE.search(text)
    if match is None:
        return None
    # "优 秀": a line break of the PDF the text was copied from, not two words
    return match.group("grade").replace(" ", ""), match.start(), match.end()
