"""The shares of a whole's parts against 100%, in invented budget and final-accounts texts."""

from __future__ import annotations

from jixiao.audit.rules import share_matches, shares_add_up
from jixiao.domain.findings import Severity
from jixiao.intake.parse import parse_text
from tests.audit.builders import run_rule

TITLE = "某站2024年部门预算说明\n"


def _severities(rule: object, text: str) -> list[Severity]:
    return [f.severity for f in run_rule(rule, parse_text(TITLE + text, source="t"))]  # type: ignore[arg-type]


def test_shares_of_a_named_whole_that_add_up() -> None:
    text = (
        "基本支出预算2476260.58元，占一般公共预算支出的84.06%；"
        "项目支出469500元，占一般公共预算支出的15.94%。"
    )
    assert _severities(shares_add_up, text) == []


def test_shares_of_one_whole_beyond_a_hundred_per_cent() -> None:
    # neither share can be checked alone (the whole is not stated), together they are 103.68%
    text = (
        "基本支出预算2476260.58元，占一般公共预算支出的84.06%；"
        "项目支出 469500 元，占一般公共预算支出的 19.62%。"
    )
    findings = run_rule(shares_add_up, parse_text(TITLE + text, source="t"))
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert "合计103.68%" in findings[0].message
    assert len(findings[0].evidence) == 2


def test_printed_rounding_is_allowed_for() -> None:
    text = (
        "因公出国（境）费0.5万元，占“三公”经费的33.33%；公务用车购置及运行维护费0.5万元，"
        "占“三公”经费的33.33%；公务接待费0.5万元，占“三公”经费的33.33%。"
    )
    assert _severities(shares_add_up, text) == []


def test_shares_of_two_wholes_are_not_added() -> None:
    text = "基本支出600万元，占支出合计的60%；项目支出400万元，占财政拨款支出的45%。"
    assert _severities(shares_add_up, text) == []


def test_a_share_of_a_scoped_whole_is_not_checked_against_the_unit_s_total() -> None:
    # 支出合计 is all funds; the shares are of 一般公共预算支出, which the text does not state
    text = (
        "本年支出合计1000万元。其中：基本支出600万元，占一般公共预算支出的75%；"
        "项目支出200万元，占一般公共预算支出的25%。"
    )
    assert _severities(share_matches, text) == []
    assert _severities(shares_add_up, text) == []


def test_a_share_of_a_budget_named_whole_is_a_share_not_a_completion() -> None:
    report = parse_text(TITLE + "工资福利支出预算500000元，占基本支出预算71.43%。", source="t")
    assert [m.aspect for m in report.mentions if m.aspect != "value"] == ["share"]
    report = parse_text(TITLE + "公务接待费决算0.53万元，占年初预算的53%。", source="t")
    assert [m.aspect for m in report.mentions if m.aspect != "value"] == ["completion"]
    report = parse_text(TITLE + "项目支出469500元，占一般公共预算支出的19.62%。", source="t")
    assert [m.aspect for m in report.mentions if m.aspect != "value"] == ["share"]


def test_a_line_wrap_inside_the_whole_s_name_leaves_it_one_whole() -> None:
    # A PDF text wrapped at a fixed width: the second whole's name is broken ("…支\n出的");
    # the reader joins the lines, and the name the share is of is still 一般公共预算支出.
    text = (
        "（二）按支出结构分类划分，分为基本支出预算和项目支\n"
        "出预算。\n"
        "1. 基本支出预算 300000 元，占一般公共预算支出的\n"
        "70%，同比减少 5000 元，下降 1.64%，主要原因是退休\n"
        "人员减少。2. 项目支出 150000 元，占一般公共预算支\n"
        "出的 35%，同比增加 10000 元，增长 7.14%。\n"
    )
    findings = run_rule(shares_add_up, parse_text(TITLE + text, source="t"))
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert "合计105%" in findings[0].message
