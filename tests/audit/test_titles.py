"""Every rule code a person may meet has a Chinese title; no title is a code or English."""

from __future__ import annotations

import re

from jixiao.audit.registry import RULE_FAILED, RULES
from jixiao.audit.titles import TITLES, UNKNOWN_TITLE, rule_title


def test_every_registered_rule_has_a_title() -> None:
    missing = sorted((set(RULES) | {RULE_FAILED}) - set(TITLES))
    assert missing == [], f"rules without a Chinese title in jixiao/audit/titles.py: {missing}"


def test_titles_are_chinese_without_latin_words() -> None:
    for code, title in TITLES.items():
        assert re.search(r"[\u4e00-\u9fff]", title), code
        assert not re.search(r"[A-Za-z]", title), (code, title)


def test_an_unknown_code_reads_as_a_chinese_title_not_as_the_code() -> None:
    assert rule_title("indicator-table-missing") == "没有绩效指标表"
    assert rule_title("no-such-rule") == UNKNOWN_TITLE
