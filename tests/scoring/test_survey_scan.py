"""describes_survey's two patterns answer as the one alternation they replaced."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.scoring.inputs import describes_survey

_ONE_ALTERNATION = re.compile(
    r"(问卷|样本|抽样|调查|调研|回收|受访|测评)[^。；\n]{0,20}?\d+\s*(份|人|户|名|个|家)"
    r"|\d+\s*(份|人|户|名|家)[^。；\n]{0,12}(问卷|样本|调查)"
)
_TOKENS = [
    *("问卷", "样本", "抽样", "调查", "调研", "回收", "受访", "测评"),
    *"份人户名个家0123456789 。；\n甲满意度",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=40).map("".join))
def test_two_patterns_answer_as_the_one_alternation(text: str) -> None:
    assert describes_survey(text) == (_ONE_ALTERNATION.search(text) is not None)


def test_a_sample_counted_before_or_after_the_survey_word() -> None:
    assert describes_survey("共发放问卷200份，满意度95%")
    assert describes_survey("随机抽取120户开展调查")
    assert not describes_survey("开展满意度调查，满意度95%")
