from decimal import Decimal

from jixiao.audit.rules import basic_equals_personnel_plus_public as rule
from jixiao.domain.findings import Severity
from jixiao.domain.money import MoneyUnit
from jixiao.domain.report import ReportKind, Spending
from tests.audit.builders import ReportBuilder, run_rule, seed_like_report


def test_seed_personnel_equal_to_the_whole_basic_is_an_error() -> None:
    findings = run_rule(rule, seed_like_report())

    assert len(findings) == 1
    found = findings[0]
    assert found.severity is Severity.ERROR
    assert found.message == (
        "基本支出793.43万元不等于人员经费793.43万元与公用经费57.38万元之和850.81万元，相差57.38万元"
    )
    assert (found.stated, found.computed, found.difference) == (
        Decimal("793.43"),
        Decimal("850.81"),
        Decimal("-57.38"),
    )
    assert [e.quote for e in found.evidence] == [
        "基本支出793.43万元",
        "人员经费793.43万元",
        "公用经费57.38万",
    ]


def test_exact_sum_gives_nothing() -> None:
    b = ReportBuilder()
    spending = Spending(
        basic=b.money("基本支出850.81万元"),
        personnel=b.money("人员经费793.43万元"),
        public=b.money("公用经费57.38万元"),
    )
    assert run_rule(rule, b.build(spending=spending)) == []


def test_off_by_rounding_is_only_info() -> None:
    b = ReportBuilder()
    spending = Spending(
        basic=b.money("基本支出850.8万元"),
        personnel=b.money("人员经费793.43万元"),
        public=b.money("公用经费57.38万元"),
    )
    findings = run_rule(rule, b.build(spending=spending))
    assert [f.severity for f in findings] == [Severity.INFO]
    assert "四舍五入" in findings[0].message


def test_a_section_that_contradicts_itself_fails_even_when_the_primary_fields_agree() -> None:
    # Section 五 states 基本支出 881300.39元; section 六 states 一般公共预算基本支出
    # 911000.39元 with 人员经费 809961.19元 and 公用经费 71339.2元, which add up to
    # section 五's figure.
    b = ReportBuilder(kind=ReportKind.BUDGET, year=2023)
    basic = b.mention("spending.basic", "基本支出预算 881300.39 元", cluster=5)
    b.mention(
        "spending.basic", "一般公共预算基本支出 911000.39 元", scope="一般公共预算", cluster=6
    )
    personnel = b.mention("spending.personnel", "人员经费 809961.19 元", cluster=6)
    public = b.mention("spending.public", "公用经费 71339.2 元", cluster=6)
    report = b.build(spending=Spending(basic=basic, personnel=personnel, public=public))

    findings = run_rule(rule, report)

    assert len(findings) == 1
    found = findings[0]
    assert found.severity is Severity.ERROR
    assert found.message == (
        "一般公共预算基本支出911000.39元不等于人员经费809961.19元与公用经费71339.2元之和"
        "881300.39元，相差29700.00元"
    )
    assert found.stated == Decimal("91.100039")
    assert found.difference == Decimal("2.97")


def test_same_scope_parts_are_used_when_stated() -> None:
    b = ReportBuilder(kind=ReportKind.BUDGET)
    b.mention("spending.basic", "一般公共预算基本支出100万元", scope="一般公共预算", cluster=1)
    b.mention("spending.personnel", "一般公共预算人员经费60万元", scope="一般公共预算", cluster=1)
    b.mention("spending.public", "一般公共预算公用经费30万元", scope="一般公共预算", cluster=1)
    findings = run_rule(rule, b.build())
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert findings[0].difference == Decimal(10)


def test_prior_year_figures_are_not_mixed_with_this_years() -> None:
    b = ReportBuilder()
    b.mention("spending.basic", "上年基本支出100万元", scope="上年", cluster=1)
    b.mention("spending.personnel", "人员经费60万元", cluster=1)
    b.mention("spending.public", "公用经费30万元", cluster=1)
    assert run_rule(rule, b.build()) == []


def test_the_same_failure_stated_twice_is_reported_once() -> None:
    b = ReportBuilder()
    basic = b.mention("spending.basic", "基本支出100万元", cluster=1)
    personnel = b.mention("spending.personnel", "人员经费60万元", cluster=1)
    public = b.mention("spending.public", "公用经费30万元", cluster=1)
    b.mention("spending.basic", "基本支出100万元", cluster=3)
    b.mention("spending.personnel", "人员经费60万元", cluster=3)
    b.mention("spending.public", "公用经费30万元", cluster=3)
    report = b.build(spending=Spending(basic=basic, personnel=personnel, public=public))
    assert len(run_rule(rule, report)) == 1


def test_two_different_statements_in_one_section_are_not_guessed_between() -> None:
    b = ReportBuilder()
    b.mention("spending.basic", "基本支出100万元", cluster=1)
    b.mention("spending.basic", "基本支出90万元", cluster=1)
    b.mention("spending.personnel", "人员经费60万元", cluster=1)
    b.mention("spending.public", "公用经费30万元", cluster=1)
    assert run_rule(rule, b.build()) == []


def test_nothing_without_all_three_figures() -> None:
    b = ReportBuilder()
    spending = Spending(basic=b.money("基本支出100万元"), personnel=b.money("人员经费60万元"))
    assert run_rule(rule, b.build(spending=spending)) == []


def test_amounts_in_yuan_are_shown_in_yuan() -> None:
    b = ReportBuilder()
    spending = Spending(
        basic=b.money("基本支出1000元", MoneyUnit.YUAN),
        personnel=b.money("人员经费600元"),
        public=b.money("公用经费300元"),
    )
    findings = run_rule(rule, b.build(spending=spending))
    assert findings[0].message == (
        "基本支出1000元不等于人员经费600元与公用经费300元之和900元，相差100元"
    )
    assert findings[0].difference == Decimal("0.01")
