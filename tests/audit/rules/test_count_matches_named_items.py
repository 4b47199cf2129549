"""A stated count against the names listed after it (invented texts read by the parser)."""

from __future__ import annotations

from jixiao.audit.rules import count_matches_named_items as rule
from jixiao.domain.findings import Severity
from jixiao.intake.parse import parse_text
from tests.audit.builders import run_rule

TITLE = "某县农业农村局2024年度部门整体支出绩效自评报告\n一、部门概况\n"


def test_a_list_one_name_short_is_an_error_quoting_the_sentence() -> None:
    text = TITLE + "本局下属事业单位5个，即县农技站、县农机站、县畜牧站、县种子站。\n"
    findings = run_rule(rule, parse_text(text, source="t"))
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert (findings[0].stated, findings[0].computed) == (5, 4)
    assert findings[0].evidence[0].quote.startswith("5个，即县农技站")
    assert "共5个" in findings[0].message and "4个" in findings[0].message


def test_a_list_that_matches_the_count_gives_nothing() -> None:
    text = TITLE + "内设股室4个：办公室、财务股、农经股、执法股。\n"
    assert run_rule(rule, parse_text(text, source="t")) == []


def test_chinese_numerals_and_a_colon_after_the_count() -> None:
    text = TITLE + "下设三个股室：办公室、财务股。\n"
    findings = run_rule(rule, parse_text(text, source="t"))
    assert [(f.stated, f.computed) for f in findings] == [(3, 2)]


def test_a_name_joined_by_he_may_be_one_body_or_two() -> None:
    two = TITLE + "纳入预算的单位3个，分别为局机关、县农技站和县农机站。\n"
    one = TITLE + "纳入预算的单位2个，分别是局机关、县科技和信息化服务中心。\n"
    assert run_rule(rule, parse_text(two, source="t")) == []
    assert run_rule(rule, parse_text(one, source="t")) == []


def test_open_lists_and_lists_of_counts_are_not_checked() -> None:
    open_ended = TITLE + "下设8个股室：办公室、财务股、农经股等。\n"
    partial = TITLE + "下设8个股室，包括办公室、财务股、农经股。\n"
    counts = TITLE + "共设置指标12个：数量指标8个、质量指标2个、效益指标2个。\n"
    for text in (open_ended, partial, counts):
        assert run_rule(rule, parse_text(text, source="t")) == []


def test_a_name_written_twice_is_one_body_and_only_a_warning() -> None:
    text = TITLE + "本局内设机构4个，即综合股、财务股、执法股、农经股、综合股。\n"
    findings = run_rule(rule, parse_text(text, source="t"))
    assert [f.severity for f in findings] == [Severity.WARNING]
    assert (findings[0].stated, findings[0].computed) == (4, 4)
    assert "综合股" in findings[0].message


def test_a_repeated_name_does_not_excuse_a_count_that_fits_no_reading() -> None:
    text = TITLE + "本局内设机构6个，即综合股、财务股、执法股、综合股。\n"
    findings = run_rule(rule, parse_text(text, source="t"))
    assert [(f.severity, f.stated, f.computed) for f in findings] == [(Severity.ERROR, 6, 4)]
