"""A listed part's share of its whole (invented texts read by the parser)."""

from __future__ import annotations

from jixiao.audit.rules import part_share_matches as rule
from jixiao.domain.findings import Severity
from jixiao.intake.parse import parse_text
from tests.audit.builders import run_rule

TITLE = "某乡人民政府2024年部门预算\n"


def _findings(body: str) -> list:
    return run_rule(rule, parse_text(TITLE + body, source="t"))


def test_a_share_that_does_not_fit_its_part_is_an_error() -> None:
    findings = _findings(
        "收入预算总额为500.00万元，比上年增加20.00万元，原因是增加了项目资金预算80.00万元。"
        "其中：财政拨款收入400.00万元，占收入预算总额的80%；其他收入100.00万元，"
        "占收入预算总额的25%。\n"
    )
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert [e.quote for e in findings[0].evidence] == [
        "占收入预算总额的25%",
        "其他收入100.00万元",
        "收入预算总额为500.00万元",
    ]
    assert "20%" in findings[0].message


def test_shares_within_their_rounding_say_nothing() -> None:
    assert (
        _findings(
            "本年收入合计300.00万元，其中：财政拨款收入200.00万元，占66.7%；"
            "事业收入100.00万元，占33.3%。\n"
        )
        == []
    )


def test_a_list_cut_off_by_the_end_of_the_text_still_checks_each_share() -> None:
    findings = _findings(
        "收入预算总额为500.00万元。其中：财政拨款收入400.00万元，占收入预算总额的90%；上年结"
    )
    assert [f.severity for f in findings] == [Severity.ERROR]


def test_an_unnamed_share_of_a_figure_too_small_to_hold_the_parts_is_not_checked() -> None:
    assert (
        _findings(
            "收入合计300.00万元，下降5%，主要原因是上年有专项经费12.00万元。其中：财政拨款收入"
            "200.00万元，占66.7%；事业收入100.00万元，占33.3%。\n"
        )
        == []
    )


def test_a_known_fields_share_is_left_to_share_matches() -> None:
    assert (
        _findings(
            "本年支出合计300.00万元，其中：基本支出200.00万元，占50%；项目支出100.00万元，占50%。\n"
        )
        == []
    )
