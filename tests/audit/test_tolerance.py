from decimal import Decimal

from jixiao.audit.tolerance import Outcome, compare_amounts, compare_sum, ratio_comparison
from jixiao.domain.findings import Severity
from jixiao.domain.money import Money, MoneyUnit


def test_exactly_equal_is_no_finding() -> None:
    comparison = compare_sum(Money.of("5252.64"), [Money.of("793.43"), Money.of("4459.21")])
    assert comparison.outcome is Outcome.EQUAL
    assert comparison.outcome.severity is None


def test_tolerance_is_the_sum_of_every_figures_last_digit() -> None:
    # Three figures printed to 0.01 万元: up to 0.03 is rounding.
    whole = Money.of("100.03")
    comparison = compare_sum(whole, [Money.of("50"), Money.of("50")])
    # 50 and 50 are printed to the 万元: their last digit is worth 1 each.
    assert comparison.tolerance == Decimal("2.01")
    assert compare_sum(Money.of("100.03"), [Money.of("50.00"), Money.of("50.00")]).outcome is (
        Outcome.ROUNDING
    )
    assert compare_sum(Money.of("100.04"), [Money.of("50.00"), Money.of("50.00")]).outcome is (
        Outcome.MISMATCH
    )


def test_outcome_severities() -> None:
    assert Outcome.ROUNDING.severity is Severity.INFO
    assert Outcome.MISMATCH.severity is Severity.ERROR


def test_difference_is_stated_minus_computed() -> None:
    comparison = compare_sum(Money.of("793.43"), [Money.of("793.43"), Money.of("57.38")])
    assert comparison.difference == Decimal("-57.38")
    assert comparison.outcome is Outcome.MISMATCH


def test_amounts_in_yuan_carry_a_yuan_sized_tolerance() -> None:
    yuan = Money.parse("911000.39", MoneyUnit.YUAN)
    assert yuan.ulp == Decimal("0.000001")
    assert compare_amounts(yuan, Money.parse("911000.40", MoneyUnit.YUAN)).outcome is (
        Outcome.ROUNDING
    )
    assert compare_amounts(yuan, Money.of("91.10")).outcome is Outcome.ROUNDING
    assert compare_amounts(yuan, Money.of("88.13")).outcome is Outcome.MISMATCH


def test_ratio_is_silent_when_correctly_rounded_and_info_within_tolerance() -> None:
    executed, budget = Money.of("87.06"), Money.of("239")
    correct = ratio_comparison(Decimal("36.43"), Decimal("0.01"), executed, budget)
    assert correct is not None and correct.outcome is Outcome.EQUAL
    # 239 printed beside 87.06 is 239.00 (amounts side by side share a precision): a rate
    # 0.07 points off is a mismatch, one within the rate's own last digit a rounding.
    near = ratio_comparison(Decimal("36.50"), Decimal("0.01"), executed, budget)
    assert near is not None and near.outcome is Outcome.MISMATCH
    close = ratio_comparison(Decimal("36.44"), Decimal("0.01"), executed, budget)
    assert close is not None and close.outcome is Outcome.ROUNDING
    far = ratio_comparison(Decimal("37"), Decimal("1"), executed, budget)
    assert far is not None and far.outcome is Outcome.ROUNDING
    wrong = ratio_comparison(Decimal("100"), Decimal("1"), executed, budget)
    assert wrong is not None and wrong.outcome is Outcome.MISMATCH


def test_ratio_of_zero_denominator_cannot_be_compared() -> None:
    assert ratio_comparison(Decimal(0), Decimal(1), Money.of("0"), Money.of("0")) is None
