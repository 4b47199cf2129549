from decimal import Decimal

from jixiao.audit.rules import three_public_change_equals_parts as rule
from jixiao.domain.findings import Severity
from jixiao.domain.report import Report, ReportKind
from tests.audit.builders import ReportBuilder, run_rule, seed_like_report

_SCOPE = "一般公共预算"


def _county_report(*, overseas_amount: str | None = "0", total_change: str = "63.96") -> Report:
    """A county's 2019 三公 决算 paragraph: total and parts with their changes on 2018."""
    b = ReportBuilder(kind=ReportKind.FINAL_ACCOUNTS, year=2019)
    b.mention("three_public.total", "“三公”经费决算支出数为1165.08万元", scope=_SCOPE, cluster=1)
    b.change("three_public.total", f"同比减少{total_change}万元", scope=_SCOPE, cluster=1)
    if overseas_amount is not None:
        overseas = f"因公出国(境)费支出{overseas_amount}万元"
        b.mention("three_public.overseas", overseas, scope=_SCOPE, cluster=1)
    b.mention("three_public.vehicle_purchase", "公务用车购置费204.78万元", scope=_SCOPE, cluster=1)
    b.change("three_public.vehicle_purchase", "同比减少54.2万元", scope=_SCOPE, cluster=1)
    operation = "公务用车运行维护费支出664.60万元"
    b.mention("three_public.vehicle_operation", operation, scope=_SCOPE, cluster=1)
    b.change("three_public.vehicle_operation", "同比增加53.81万元", scope=_SCOPE, cluster=1)
    b.mention("three_public.reception", "公务接待费支出295.70万元", scope=_SCOPE, cluster=1)
    b.change("three_public.reception", "同比减少60.14万元", scope=_SCOPE, cluster=1)
    return b.build()


def test_changes_that_do_not_add_up_are_an_error_and_the_zero_part_is_explained() -> None:
    findings = run_rule(rule, _county_report())

    assert [f.severity for f in findings] == [Severity.ERROR]
    found = findings[0]
    assert found.message == (
        "一般公共预算“三公”经费同比减少63.96万元，而公务用车购置费减少54.2万元、"
        "公务用车运行维护费增加53.81万元与公务接待费减少60.14万元合计减少60.53万元，"
        "相差3.43万元；因公出国(境)费本年为0且未说明变动，按无变动计算"
    )
    assert (found.stated, found.computed, found.difference) == (
        Decimal("-63.96"),
        Decimal("-60.53"),
        Decimal("-3.43"),
    )
    assert found.evidence[0].quote == "同比减少63.96万元"
    assert found.evidence[-1].quote == "因公出国(境)费支出0万元"


def test_changes_that_add_up_give_nothing() -> None:
    assert run_rule(rule, _county_report(total_change="60.53")) == []


def test_a_part_with_unknown_change_and_nonzero_amount_stops_the_check() -> None:
    assert run_rule(rule, _county_report(overseas_amount="3")) == []


def test_a_part_not_stated_at_all_stops_the_check() -> None:
    assert run_rule(rule, _county_report(overseas_amount=None)) == []


def test_vehicle_change_as_one_figure() -> None:
    # 2022预算: 三公 9 (−6 on 2021): 出国 0 unchanged, 接待 1 unchanged, 用车 8 (−6).
    b = ReportBuilder(kind=ReportKind.BUDGET)
    b.mention("three_public.total", "“三公”经费财政拨款预算数9万元", cluster=1)
    b.change("three_public.total", "减少6万元", cluster=1)
    b.mention("three_public.overseas", "因公出国(境)经费0万元", cluster=1)
    b.mention("three_public.reception", "公务接待费1万元", cluster=1)
    b.change("three_public.reception", "与2021年预算持平，变动0万元", cluster=2)
    b.mention("three_public.vehicle", "公务用车购置及运行维护费8万元", cluster=1)
    b.change("three_public.vehicle", "减少6万元", cluster=3)
    assert run_rule(rule, b.build()) == []


def test_a_rounding_gap_is_info() -> None:
    b = ReportBuilder()
    b.change("three_public.total", "三公经费同比减少6.1万元", cluster=1)
    b.change("three_public.overseas", "出国费减少0万元", cluster=1)
    b.change("three_public.vehicle", "公务用车费减少4.04万元", cluster=1)
    b.change("three_public.reception", "公务接待费减少2.02万元", cluster=1)
    findings = run_rule(rule, b.build())
    assert [f.severity for f in findings] == [Severity.INFO]


def test_parts_stated_differently_twice_are_unknown() -> None:
    b = ReportBuilder()
    b.change("three_public.total", "三公经费同比减少6万元", cluster=1)
    b.change("three_public.overseas", "出国费减少0万元", cluster=1)
    b.change("three_public.vehicle", "公务用车费减少1万元", cluster=2)
    b.change("three_public.vehicle", "公务用车费减少2万元", cluster=3)
    b.change("three_public.reception", "公务接待费减少1万元", cluster=1)
    assert run_rule(rule, b.build()) == []


def test_seed_states_no_changes() -> None:
    assert run_rule(rule, seed_like_report()) == []
