from decimal import Decimal

from jixiao.audit.rules import functional_sum_equals_total as rule
from jixiao.domain.findings import Severity
from jixiao.domain.report import FunctionalBasis, Spending, StatedMoney
from tests.audit.builders import ReportBuilder, run_rule, seed_like_report


def test_seed_list_matches_neither_project_nor_total() -> None:
    findings = run_rule(rule, seed_like_report())

    assert len(findings) == 1
    found = findings[0]
    assert found.severity is Severity.ERROR
    assert found.message == (
        "所列10个功能分类科目支出之和5107.20万元，既不等于项目支出4459.21万元（相差647.99万元），"
        "也不等于支出合计5252.64万元（相差145.44万元），报告也未说明这些科目是哪一项支出的分类"
    )
    # The closer whole is the one reported as stated.
    assert (found.stated, found.computed, found.difference) == (
        Decimal("5252.64"),
        Decimal("5107.20"),
        Decimal("145.44"),
    )
    assert len(found.evidence) == 12


def _spending(
    b: ReportBuilder,
    basis: FunctionalBasis,
    *,
    total: StatedMoney | None = None,
    project: StatedMoney | None = None,
    functional_whole: StatedMoney | None = None,
) -> Spending:
    items = (b.functional("一般公共服务支出", "60"), b.functional("教育支出", "40"))
    return Spending(
        total=total,
        project=project,
        functional=items,
        functional_basis=basis,
        functional_whole=functional_whole,
    )


def test_unknown_basis_matching_the_project_is_fine() -> None:
    b = ReportBuilder()
    spending = _spending(
        b,
        FunctionalBasis.UNKNOWN,
        total=b.money("支出合计150万元"),
        project=b.money("项目支出100万元"),
    )
    assert run_rule(rule, b.build(spending=spending)) == []


def test_unknown_basis_matching_the_total_is_fine() -> None:
    b = ReportBuilder()
    spending = _spending(
        b,
        FunctionalBasis.UNKNOWN,
        total=b.money("支出合计100万元"),
        project=b.money("项目支出70万元"),
    )
    assert run_rule(rule, b.build(spending=spending)) == []


def test_known_basis_is_compared_with_its_whole_only() -> None:
    b = ReportBuilder()
    spending = _spending(
        b,
        FunctionalBasis.TOTAL,
        total=b.money("支出合计150万元"),
        project=b.money("项目支出120万元"),
    )
    findings = run_rule(rule, b.build(spending=spending))
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert findings[0].message == (
        "所列2个功能分类科目支出之和100万元不等于支出合计150万元（相差50万元），"
        "也不等于项目支出120万元（相差20万元）"
    )
    assert findings[0].stated == Decimal(150)


def test_known_basis_without_the_other_whole() -> None:
    b = ReportBuilder()
    spending = _spending(b, FunctionalBasis.TOTAL, total=b.money("支出合计150万元"))
    findings = run_rule(rule, b.build(spending=spending))
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert findings[0].message == (
        "支出合计150万元不等于所列2个功能分类科目支出之和100万元，相差50万元"
    )


def test_a_list_under_the_wrong_heading_is_a_warning() -> None:
    # The text lists the classes under 项目支出, but they add up to the total.
    b = ReportBuilder()
    spending = _spending(
        b,
        FunctionalBasis.PROJECT,
        total=b.money("支出合计100万元"),
        project=b.money("项目支出70万元"),
    )
    findings = run_rule(rule, b.build(spending=spending))
    assert [f.severity for f in findings] == [Severity.WARNING]
    assert findings[0].message == (
        "所列2个功能分类科目支出之和100万元不等于项目支出70万元（相差30万元），而等于支出合计100万元："
        "功能分类列的是支出合计的分类，报告却把它写在项目支出下"
    )


def test_stated_basis_uses_the_stated_whole() -> None:
    b = ReportBuilder()
    spending = _spending(
        b,
        FunctionalBasis.STATED,
        total=b.money("支出合计150万元"),
        functional_whole=b.money("一般公共预算财政拨款支出100万元"),
    )
    assert run_rule(rule, b.build(spending=spending)) == []


def test_rounding_is_info() -> None:
    b = ReportBuilder()
    items = (b.functional("一般公共服务支出", "60.01"), b.functional("教育支出", "40.01"))
    spending = Spending(
        functional=items,
        functional_basis=FunctionalBasis.PROJECT,
        project=b.money("项目支出100万元"),
    )
    findings = run_rule(rule, b.build(spending=spending))
    assert [f.severity for f in findings] == [Severity.INFO]


def test_a_single_class_is_at_most_a_warning() -> None:
    b = ReportBuilder()
    spending = Spending(
        functional=(b.functional("社会保障和就业支出", "467.99"),),
        functional_basis=FunctionalBasis.TOTAL,
        total=b.money("本年支出480.71万元"),
    )
    findings = run_rule(rule, b.build(spending=spending))
    assert [f.severity for f in findings] == [Severity.WARNING]
    assert "可能不完整" in findings[0].message


def test_unknown_basis_with_only_one_whole_stated() -> None:
    b = ReportBuilder()
    spending = _spending(b, FunctionalBasis.UNKNOWN, total=b.money("支出合计150万元"))
    findings = run_rule(rule, b.build(spending=spending))
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert "未说明这些科目是哪一项支出的分类" in findings[0].message


def test_nothing_without_a_whole_or_without_classes() -> None:
    b = ReportBuilder()
    assert run_rule(rule, b.build(spending=_spending(b, FunctionalBasis.TOTAL))) == []
    assert run_rule(rule, b.build(spending=Spending(total=b.money("支出合计1万元")))) == []


def test_a_list_that_lost_an_items_name_is_not_summed() -> None:
    b = ReportBuilder()
    spending = _spending(b, FunctionalBasis.PARTIAL, total=b.money("支出合计250万元"))
    assert run_rule(rule, b.build(spending=spending)) == []
