"""The self-score and the grade as running text states them.

"自评得分为92.5分", "综合评分96分，评价等级为“优”", "自评结果为良好": the score is points out
of 100; the grade is the text's own word.
"""

from __future__ import annotations

import re

from jixiao.domain.money import Rate
from jixiao.intake.candidates import Candidate

_SCORE = re.compile(
    r"(?:自评得分|自评总分|自评分数?|综合得分|综合评分|总得分|评价得分|最终得分|自评结果得分|得分合计)"
    r"(?:为|是|:|：|共|达到?)?\s*(?P<score>\d{1,3}(?:\.\d{1,2})?)\s*分"
)
_GRADE = re.compile(
    r"(?:等级|等次|自评结果|评价结果|评价结论|评定|评为|评级)\s*(?:为|是|:|：|\||确定为|评定为)?\s*"
    r"[“\"'‘「]?(?P<grade>优秀|良好|中等|合格|不合格|较差|优|良|中|差|[ABCD](?![A-Za-z]))[”\"'’」]?(?:等级|等次|级)?"
    r"(?=[，,。.；;\s)）|]|$|等)"
)


def score_candidates(text: str) -> list[Candidate]:
    found = []
    for match in _SCORE.finditer(text):
        found.append(
            Candidate(
                "performance.self_score",
                Rate.parse(match.group("score")),
                match.start(),
                match.end(),
            )
        )
    return found


def grade_match(text: str) -> tuple[str, int, int] | None:
    match = _GRADE.search(text)
    if match is None:
        return None
    return match.group("grade"), match.start(), match.end()
