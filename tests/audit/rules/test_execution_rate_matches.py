from decimal import Decimal

from jixiao.audit.rules import execution_rate_matches as rule
from jixiao.domain.findings import Severity
from jixiao.domain.report import BudgetExecution, Report, ReportKind
from tests.audit.builders import ReportBuilder, run_rule


def _report(rate: str, executed: str, adjusted: str | None, initial: str | None = None) -> Report:
    b = ReportBuilder(kind=ReportKind.PROJECT)
    budget = BudgetExecution(
        initial=b.money(f"年初预算数{initial}万元") if initial else None,
        adjusted=b.money(f"全年预算数{adjusted}万元") if adjusted else None,
        executed=b.money(f"全年执行数{executed}万元"),
        execution_rate=b.rate(f"执行率{rate}%"),
    )
    return b.build(budget=budget)


def test_100_percent_with_executed_equal_to_budget_is_fine() -> None:
    assert run_rule(rule, _report("100", "3.36", "3.36")) == []
    assert run_rule(rule, _report("100.00", "2030.12", "2030.12", initial="861.10")) == []


def test_correctly_rounded_rate_is_silent() -> None:
    # 87.06 / 239 = 36.4268…%
    assert run_rule(rule, _report("36.43", "87.06", "239")) == []


def test_wrong_rate_is_an_error_with_the_recomputed_rate() -> None:
    findings = run_rule(rule, _report("100", "87.06", "239"))
    assert [f.severity for f in findings] == [Severity.ERROR]
    found = findings[0]
    assert found.message == (
        "执行率100%与全年执行数87.06万元÷全年预算数239万元计算的36.43%不符，相差63.57个百分点"
    )
    assert found.computed == Decimal("36.43")
    assert found.difference == Decimal("63.57")
    quotes = [e.quote for e in found.evidence]
    assert quotes == ["执行率100%", "全年执行数87.06万元", "全年预算数239万元"]


def test_the_initial_budget_is_used_when_no_adjusted_budget_is_stated() -> None:
    assert run_rule(rule, _report("50", "50", None, initial="100")) == []
    findings = run_rule(rule, _report("50", "50", "120", initial="100"))
    assert [f.severity for f in findings] == [Severity.ERROR]


def test_truncated_rate_within_amount_rounding_is_info() -> None:
    # 97.06 vs 9705/10000 = 97.05%: off by one unit of the last digit.
    findings = run_rule(rule, _report("97.06", "9705", "10000"))
    assert [f.severity for f in findings] == [Severity.INFO]


def test_nothing_to_check_without_a_budget() -> None:
    assert run_rule(rule, _report("90", "90", None)) == []


def test_the_recomputed_rate_drops_needless_zeros() -> None:
    (found,) = run_rule(rule, _report("98.5", "142.80", "150.00"))
    assert found.message == (
        "执行率98.5%与全年执行数142.80万元÷全年预算数150.00万元计算的95.2%不符，相差3.3个百分点"
    )


def _named(quote: str, executed: str, adjusted: str) -> Report:
    b = ReportBuilder(kind=ReportKind.PROJECT)
    budget = BudgetExecution(
        adjusted=b.money(f"收到补助资金{adjusted}万元"),
        executed=b.money(f"支出{executed}万元"),
        execution_rate=b.rate(quote),
    )
    return b.build(budget=budget)


def test_a_payout_rate_that_is_off_is_only_a_warning() -> None:
    # 480 / 500 = 96%: "发放率90%" among the quality indicators may count the people paid.
    findings = run_rule(rule, _named("补助发放率为90%", "480", "500"))
    assert [f.severity for f in findings] == [Severity.WARNING]
    assert findings[0].message == (
        "“补助发放率为90%”与全年执行数480万元÷全年预算数500万元计算的96%相差6个百分点；"
        "该比率可能按人数、项目数或拨付额计算，并非执行率，请核对其口径"
    )
    assert [f.severity for f in run_rule(rule, _named("兑付率90%", "480", "500"))] == [
        Severity.WARNING
    ]


def test_a_payout_rate_named_as_spending_stays_an_error() -> None:
    for quote in ("资金支付率90%", "发放资金执行率90%", "预算执行率90%"):
        findings = run_rule(rule, _named(quote, "480", "500"))
        assert [f.severity for f in findings] == [Severity.ERROR], quote


def test_a_payout_rate_that_matches_says_nothing() -> None:
    assert run_rule(rule, _named("发放率为96%", "480", "500")) == []
