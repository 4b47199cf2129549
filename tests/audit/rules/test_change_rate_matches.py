from decimal import Decimal

from jixiao.audit.rules import change_rate_matches as rule
from jixiao.domain.findings import Severity
from jixiao.domain.report import Report, ReportKind
from tests.audit.builders import ReportBuilder, run_rule, seed_like_report


def _report(value: str, change: str, rate: str, *, cluster_of_rate: int = 1) -> Report:
    b = ReportBuilder(kind=ReportKind.BUDGET, year=2023)
    b.mention("spending.basic", f"基本支出预算{value}元", cluster=1)
    b.change("spending.basic", f"同比减少{change}元", cluster=1)
    b.change_rate("spending.basic", f"下降{rate}%", cluster=cluster_of_rate)
    return b.build()


def test_correct_rates_give_nothing() -> None:
    # 166271.4 / (881300.39 + 166271.4) = 15.8721…%
    assert run_rule(rule, _report("881300.39", "166271.4", "15.87")) == []


def test_a_truncated_rate_is_info() -> None:
    # 17291.92 / 182539.80 = 9.4730…%, printed as 9.48: one unit of the last digit.
    findings = run_rule(rule, _report("165247.88", "17291.92", "9.48"))
    assert [f.severity for f in findings] == [Severity.INFO]


def test_a_wrong_rate_is_an_error() -> None:
    findings = run_rule(rule, _report("881300.39", "166271.4", "18.87"))
    assert [f.severity for f in findings] == [Severity.ERROR]
    found = findings[0]
    assert found.message == (
        "基本支出881300.39元，同比减少166271.4元，按上年1047571.79元计算应下降15.8721%，"
        "与所写的下降18.87%不符，相差2.9979个百分点"
    )
    assert found.stated == Decimal("-18.87")
    assert found.computed == Decimal("-15.8721")
    assert found.difference == Decimal("-2.9979")


def test_growth_is_checked_too() -> None:
    b = ReportBuilder()
    b.mention("three_public.vehicle_operation", "公务用车运行维护费支出664.60万元", cluster=1)
    b.change("three_public.vehicle_operation", "同比增加53.81万元", cluster=1)
    b.change_rate("three_public.vehicle_operation", "增长8.81%", cluster=1)
    assert run_rule(rule, b.build()) == []
    b.change_rate("three_public.vehicle_operation", "增长9.81%", cluster=2)
    assert run_rule(rule, b.build()) == []  # a rate in another section is not paired


def test_figures_in_different_sections_are_not_paired() -> None:
    assert run_rule(rule, _report("881300.39", "166271.4", "18.87", cluster_of_rate=2)) == []


def test_only_rate_and_value_cannot_be_checked() -> None:
    b = ReportBuilder()
    b.mention("spending.total", "支出总计4143.91万元", cluster=1)
    b.change_rate("spending.total", "下降38.28%", cluster=1)
    assert run_rule(rule, b.build()) == []
    assert run_rule(rule, seed_like_report()) == []
