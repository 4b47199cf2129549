"""A change's rate printed in brackets right after the change, without a verb of its own."""

from __future__ import annotations

from jixiao.audit.rules import change_rate_matches as rule
from jixiao.domain.findings import Severity
from jixiao.intake.parse import parse_text
from tests.audit.builders import run_rule

TITLE = "某区文化馆2024年部门预算“三公”经费公开说明\n"


def _severities(text: str) -> list[Severity]:
    return [f.severity for f in run_rule(rule, parse_text(TITLE + text, source="t"))]


def test_a_bracketed_rate_that_fits_its_change() -> None:
    # 0.6 / (1.80 + 0.6) = 25%
    assert _severities("公务接待费1.80万元，较上年减少0.6万元(25.00%)，主要原因是压缩接待。") == []


def test_a_bracketed_rate_on_the_wrong_base_is_an_error() -> None:
    # 0.6 / 1.80 = 33.33%: the current value taken as the base
    text = "公务接待费1.80万元，较上年减少0.6万元（33.33%），主要原因是压缩接待。"
    assert _severities(text) == [Severity.ERROR]


def test_an_increase_in_brackets_keeps_its_direction() -> None:
    # 0.5 / (3.00 - 0.5) = 20%
    assert _severities("公务用车运行维护费3.00万元，较上年增加0.5万元(20%)。") == []
    assert _severities("公务用车运行维护费3.00万元，较上年增加0.5万元(16.67%)。") == [
        Severity.ERROR
    ]


def test_a_bracketed_share_is_no_rate() -> None:
    # a bracket that does not close right after the percentage is left alone
    assert _severities("公务接待费1.80万元，较上年减少0.6万元(占总额33.33%)。") == []
