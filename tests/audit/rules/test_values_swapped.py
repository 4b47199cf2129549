"""Two sibling figures trading values between a table and the text, in invented 三公 texts."""

from __future__ import annotations

from jixiao.audit.rules import values_swapped
from jixiao.domain.findings import Severity
from jixiao.intake.parse import parse_text
from tests.audit.builders import run_rule

TABLE = "\n".join(
    [
        "某县档案局2024年“三公”经费预算情况",
        "单位:万元",
        "| 合计 | 因公出国(境)费 | 公务用车购置费 | 公务用车运行费 | 公务接待费 |",
        "| 36 | 0 | 12 | 18 | 6 |",
        "",
    ]
)


def _findings(text: str) -> list:  # type: ignore[type-arg]
    return list(run_rule(values_swapped, parse_text(text, source="t")))


def test_amounts_swapped_between_the_table_and_the_text_are_an_error() -> None:
    findings = _findings(TABLE + "公务用车购置费18万元，公务用车运行费12万元。")
    assert [f.severity for f in findings] == [Severity.ERROR]
    message = findings[0].message
    assert "前后互换" in message
    assert "公务用车购置费12万元" in message and "公务用车购置费18万元" in message
    assert len(findings[0].evidence) == 4
    quotes = {e.quote for e in findings[0].evidence}
    assert {"公务用车购置费18万元", "公务用车运行费12万元"} <= quotes


def test_the_text_agreeing_with_the_table_is_no_swap() -> None:
    assert _findings(TABLE + "公务用车购置费12万元，公务用车运行费18万元。") == []


def test_one_figure_restated_otherwise_is_no_swap() -> None:
    # 购置费 differs, 运行费 agrees: a restatement (a warning elsewhere), not a swap
    assert _findings(TABLE + "公务用车购置费15万元，公务用车运行费18万元。") == []


def test_amounts_equal_within_printed_rounding_are_no_swap() -> None:
    # the table prints whole 万元: 12.4 and 12.6 are its 12 and 13, not each other's
    text = TABLE.replace("| 12 | 18 |", "| 12 | 13 |")
    assert _findings(text + "公务用车购置费12.4万元，公务用车运行费12.6万元。") == []


def test_a_whole_and_its_part_are_not_siblings() -> None:
    text = (
        "某县档案局2024年“三公”经费预算情况\n"
        "公务用车购置及运行费30万元，其中公务用车购置费0万元。"
        "公务用车购置费30万元，公务用车购置及运行费0万元。"
    )
    assert _findings(text) == []
