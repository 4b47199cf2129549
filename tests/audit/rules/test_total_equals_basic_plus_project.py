from decimal import Decimal

from jixiao.audit.rules import total_equals_basic_plus_project as rule
from jixiao.domain.findings import Severity
from jixiao.domain.report import ReportKind, Spending
from tests.audit.builders import ReportBuilder, run_rule, seed_like_report


def test_seed_total_is_basic_plus_project() -> None:
    # 793.43 + 4459.21 = 5252.64, even though 基本支出 itself disagrees with its parts.
    assert run_rule(rule, seed_like_report()) == []


def test_mismatch_is_an_error_with_both_parts_named() -> None:
    b = ReportBuilder()
    spending = Spending(
        total=b.money("支出合计5300万元"),
        basic=b.money("基本支出793.43万元"),
        project=b.money("项目支出4459.21万元"),
    )
    findings = run_rule(rule, b.build(spending=spending))
    assert len(findings) == 1
    assert findings[0].severity is Severity.ERROR
    assert findings[0].message == (
        "支出合计5300万元不等于基本支出793.43万元与项目支出4459.21万元之和5252.64万元，相差47.36万元"
    )
    assert findings[0].difference == Decimal("47.36")


def test_personnel_and_public_stand_in_for_an_unstated_basic() -> None:
    # A 政协 text: 支出799.12 = 人员经费434.89 + 公用经费77.4 + 项目支出286.83.
    b = ReportBuilder()
    spending = Spending(
        total=b.money("支出799.12万元"),
        personnel=b.money("人员经费434.89万元"),
        public=b.money("公用经费77.4万元"),
        project=b.money("项目支出286.83万元"),
    )
    assert run_rule(rule, b.build(spending=spending)) == []
    wrong = Spending(
        total=spending.total,
        personnel=spending.personnel,
        public=spending.public,
        project=b.money("项目支出300万元"),
    )
    findings = run_rule(rule, b.build(spending=wrong))
    assert [f.severity for f in findings] == [Severity.ERROR]
    expected = "人员经费434.89万元、公用经费77.4万元与项目支出300万元之和812.29万元"
    assert expected in findings[0].message


def test_rounding_difference_is_info() -> None:
    b = ReportBuilder()
    spending = Spending(
        total=b.money("支出合计4143.9万元"),
        basic=b.money("基本支出1140.27万元"),
        project=b.money("项目支出3003.64万元"),
    )
    findings = run_rule(rule, b.build(spending=spending))
    assert [f.severity for f in findings] == [Severity.INFO]


def test_final_accounts_short_of_the_total_is_a_warning() -> None:
    # 决算: the total may also hold 上缴上级支出, 经营支出 … which the report does not carry.
    b = ReportBuilder(kind=ReportKind.FINAL_ACCOUNTS)
    spending = Spending(
        total=b.money("本年支出合计4200万元"),
        basic=b.money("基本支出1140.27万元"),
        project=b.money("项目支出3003.64万元"),
    )
    findings = run_rule(rule, b.build(spending=spending))
    assert [f.severity for f in findings] == [Severity.WARNING]
    assert "经营支出" in findings[0].message


def test_final_accounts_parts_above_the_total_stay_an_error() -> None:
    b = ReportBuilder(kind=ReportKind.FINAL_ACCOUNTS)
    spending = Spending(
        total=b.money("本年支出合计4000万元"),
        basic=b.money("基本支出1140.27万元"),
        project=b.money("项目支出3003.64万元"),
    )
    assert [f.severity for f in run_rule(rule, b.build(spending=spending))] == [Severity.ERROR]


def test_a_section_with_its_own_total_is_checked_on_its_own() -> None:
    b = ReportBuilder(kind=ReportKind.FINAL_ACCOUNTS)
    total = b.mention("spending.total", "本年支出合计4143.91万元", cluster=3)
    basic = b.mention("spending.basic", "基本支出1140.27万元", cluster=3)
    project = b.mention("spending.project", "项目支出3003.64万元", cluster=3)
    b.mention("spending.total", "财政拨款支出合计2000万元", scope="财政拨款", cluster=4)
    b.mention("spending.basic", "财政拨款基本支出1000万元", scope="财政拨款", cluster=4)
    b.mention("spending.project", "财政拨款项目支出900万元", scope="财政拨款", cluster=4)
    report = b.build(spending=Spending(total=total, basic=basic, project=project))
    findings = run_rule(rule, report)
    assert len(findings) == 1
    assert findings[0].message.startswith(
        "财政拨款支出合计2000万元不等于基本支出1000万元与项目支出900万元之和1900万元"
    )


def test_nothing_without_project() -> None:
    b = ReportBuilder()
    spending = Spending(total=b.money("支出合计100万元"), basic=b.money("基本支出10万元"))
    assert run_rule(rule, b.build(spending=spending)) == []
