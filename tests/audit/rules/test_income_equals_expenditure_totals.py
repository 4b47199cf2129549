from decimal import Decimal

from jixiao.audit.rules import income_equals_expenditure_totals as rule
from jixiao.domain.findings import Severity
from jixiao.domain.report import AccountTotals, Report, ReportKind
from tests.audit.builders import ReportBuilder, run_rule, seed_like_report


def _report(income: str, expenditure: str) -> Report:
    b = ReportBuilder(kind=ReportKind.FINAL_ACCOUNTS)
    accounts = AccountTotals(
        income_grand_total=b.money(f"收入总计{income}万元"),
        expenditure_grand_total=b.money(f"支出总计{expenditure}万元"),
    )
    return b.build(accounts=accounts)


def test_unbalanced_totals_are_an_error() -> None:
    # "收、支总计各是4125.49,4143.91万元"
    findings = run_rule(rule, _report("4125.49", "4143.91"))
    assert [f.severity for f in findings] == [Severity.ERROR]
    found = findings[0]
    assert found.message == "收入总计4125.49万元与支出总计4143.91万元不相等，相差18.42万元"
    assert (found.stated, found.computed, found.difference) == (
        Decimal("4125.49"),
        Decimal("4143.91"),
        Decimal("-18.42"),
    )


def test_balanced_totals_give_nothing() -> None:
    assert run_rule(rule, _report("581.45", "581.45")) == []


def test_rounding_is_info() -> None:
    assert [f.severity for f in run_rule(rule, _report("581.45", "581.44"))] == [Severity.INFO]


def test_nothing_with_one_total_only() -> None:
    b = ReportBuilder(kind=ReportKind.FINAL_ACCOUNTS)
    report = b.build(accounts=AccountTotals(income_grand_total=b.money("收入总计1万元")))
    assert run_rule(rule, report) == []
    assert run_rule(rule, seed_like_report()) == []
