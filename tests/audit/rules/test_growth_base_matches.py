"""Two statements of one figure's growth on the year before (invented texts read by the
parser; one real text when ../shared is present)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.audit.rules import growth_base_matches as rule
from jixiao.domain.findings import Finding, Severity
from jixiao.intake.parse import parse_text
from tests.audit.builders import run_rule
from tests.conftest import CORPUS, shared_file

TITLE = "某县文旅服务中心2023年度部门整体支出绩效自评报告\n"


def _findings(body: str) -> list[Finding]:
    return run_rule(rule, parse_text(TITLE + body, source="t"))


def test_two_statements_that_imply_two_bases_are_an_error() -> None:
    findings = _findings(
        "年度目标 年度总体目标完成情况\n"
        "3、旅游综合收入8.40亿元,同比增长12.00%。 3、旅游综合收入12.60亿元,同比增长40.50%。\n"
    )
    assert [f.severity for f in findings] == [Severity.ERROR]
    found = findings[0]
    assert [e.quote for e in found.evidence] == [
        "旅游综合收入8.40亿元,同比增长12.00%",
        "旅游综合收入12.60亿元,同比增长40.50%",
    ]
    assert "7.50亿元" in found.message  # 8.40 ÷ 1.12
    assert "8.97亿元" in found.message  # 12.60 ÷ 1.405
    assert "相差1.47亿元" in found.message
    assert found.difference == Decimal("-1.47")


def test_a_decline_and_a_growth_on_one_base_say_nothing() -> None:
    assert not _findings(
        "游客接待量45.0万人次，同比下降10.0%。全年游客接待量60.0万人次，同比增长20.0%。\n"
    )


def test_a_contradiction_between_counts_is_an_error() -> None:
    findings = _findings("新增市场主体120户，同比增长20%。新增市场主体180户，同比增长20%。\n")
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert "100.0户" in findings[0].message
    assert "150.0户" in findings[0].message


def test_coarse_figures_are_one_base_within_their_rounding() -> None:
    # 3 ÷ 1.5 = 2.00 and 2.60 ÷ 1.1 = 2.36 are 15 % apart, but "3亿元" is 2.5 … 3.5 and
    # "50%" is 49.5 … 50.5: the first base may be anything from 1.66 to 2.34 亿元.
    assert not _findings("门票收入3亿元，同比增长50%。门票收入2.60亿元，同比增长10.00%。\n")


def test_bases_about_ten_per_cent_apart_are_an_estimate_not_a_contradiction() -> None:
    # 8.40 ÷ 1.12 = 7.50 (a target on last year's figure as estimated), 9.00 ÷ 1.09 = 8.26
    assert not _findings(
        "年度目标：旅游综合收入8.40亿元，同比增长12.0%。\n"
        "完成情况：旅游综合收入9.00亿元，同比增长9.0%。\n"
    )


def test_two_years_say_nothing() -> None:
    assert not _findings(
        "2022年旅游综合收入8.40亿元，同比增长12.00%。\n"
        "2023年旅游综合收入12.60亿元，同比增长40.50%。\n"
    )


def test_next_years_plan_is_on_another_base() -> None:
    assert not _findings(
        "一、主要成效\n旅游综合收入12.60亿元，同比增长40.50%。\n"
        "二、下一步工作计划\n旅游综合收入14.00亿元，同比增长11.11%。\n"
    )


def test_a_value_without_a_rate_says_nothing() -> None:
    assert not _findings("旅游综合收入8.40亿元。旅游综合收入12.60亿元，同比增长40.50%。\n")


def test_two_names_are_two_figures() -> None:
    assert not _findings(
        "旅游综合收入8.40亿元，同比增长12.00%。门票收入12.60亿元，同比增长40.50%。\n"
    )


def test_the_real_text_whose_two_columns_disagree() -> None:
    path = shared_file(CORPUS / "real" / "493.txt")
    findings = run_rule(rule, parse_text(path.read_text(encoding="utf-8"), source="493"))
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert "11.35亿元" in findings[0].message
    assert "17.39亿元" in findings[0].message
