"""A whole split among levels of government, then called one level's money in full
(invented texts read by the parser)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.audit.rules import level_share_equals_whole as rule
from jixiao.domain.findings import Severity
from jixiao.intake.parse import parse_text
from tests.audit.builders import run_rule

TITLE = "某县2024年乡村道路养护项目绩效自评报告\n一、项目概况\n"
SPLIT = "项目总投资80万元，其中中央财政资金50万元，县财政配套资金30万元"


def _findings(body: str) -> list:
    return run_rule(rule, parse_text(TITLE + body, source="t"))


def test_the_whole_called_the_central_money_is_an_error() -> None:
    findings = _findings(SPLIT + "，2024年度中央下达资金80万元。\n")
    assert [f.severity for f in findings] == [Severity.ERROR]
    found = findings[0]
    assert [e.quote for e in found.evidence] == [
        "项目总投资80万元",
        "其中中央财政资金50万元",
        "县财政配套资金30万元",
        "2024年度中央下达资金80万元",
    ]
    assert (found.stated, found.computed, found.difference) == (
        Decimal(80),
        Decimal(50),
        Decimal(30),
    )
    assert "中央资金是其中的50万元" in found.message
    assert "请核对中央资金" in found.message


def test_a_statement_in_another_paragraph_is_compared_too() -> None:
    findings = _findings(
        SPLIT + "。\n二、资金使用情况\n截至年底，县级资金到位80万元，已全部支付。\n"
    )
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert "县级资金是其中的30万元" in findings[0].message


def test_a_split_stated_twice_flags_the_statement_once() -> None:
    findings = _findings(SPLIT + "。\n" + SPLIT + "。\n2024年度中央下达资金80万元。\n")
    assert len(findings) == 1


def test_a_label_naming_both_levels_says_nothing() -> None:
    assert _findings(SPLIT + "。中央和县级资金80万元已全部到位。\n") == []
    assert _findings(SPLIT + "。中央及县财政资金合计80万元。\n") == []


def test_another_years_money_says_nothing() -> None:
    assert _findings(SPLIT + "。2023年度中央下达资金80万元。\n") == []
    assert _findings(SPLIT + "。上年中央下达资金80万元。\n") == []


def test_a_split_of_another_years_money_says_nothing() -> None:
    assert (
        _findings(
            "2023年度项目总投资80万元，其中中央财政资金50万元，县财政配套资金30万元。"
            "2024年度中央下达资金80万元。\n"
        )
        == []
    )


def test_a_level_stated_at_its_own_share_says_nothing() -> None:
    assert _findings(SPLIT + "，2024年度中央下达资金50万元。\n") == []


def test_a_statement_within_the_rounding_of_the_share_says_nothing() -> None:
    assert (
        _findings(
            "项目总投资80.0万元，其中中央财政资金79.96万元，县财政配套资金0.04万元。"
            "中央下达资金80万元。\n"
        )
        == []
    )


def test_parts_that_do_not_make_the_whole_say_nothing() -> None:
    # whole-equals-stated-parts reports the sum; which level is which cannot be told here
    assert (
        _findings(
            "项目总投资90万元，其中中央财政资金50万元，县财政配套资金30万元。中央下达资金90万元。\n"
        )
        == []
    )


def test_a_level_the_split_does_not_list_says_nothing() -> None:
    assert _findings(SPLIT + "。省级下达资金80万元。\n") == []
    assert _findings(SPLIT + "。地方配套资金80万元。\n") == []


def test_an_agency_passing_money_on_says_nothing() -> None:
    # the province's department may pass down the central money and its own
    assert (
        _findings(
            "项目总投资80万元，其中中央财政资金50万元，省级财政资金30万元。"
            "省财政厅下达资金80万元。\n"
        )
        == []
    )


def test_the_whole_named_as_the_recipients_money_says_nothing() -> None:
    assert _findings(SPLIT + "。上级下达我县资金80万元。\n") == []


def test_a_split_among_one_level_only_says_nothing() -> None:
    assert (
        _findings(
            "项目总投资80万元，其中中央预算内资金50万元，中央专项资金30万元。中央下达资金80万元。\n"
        )
        == []
    )
