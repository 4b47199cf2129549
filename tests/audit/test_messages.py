import re
import string
from decimal import Decimal
from pathlib import Path

from jixiao.audit import messages
from jixiao.audit.registry import RULE_FAILED, RULES
from jixiao.domain.money import Money, MoneyUnit, Rate
from jixiao.services import report_evaluate

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_every_rule_code_has_a_message() -> None:
    for code in [*RULES, RULE_FAILED]:
        assert code in messages.CATALOGUE


def test_every_variant_belongs_to_a_known_code_and_every_template_parses() -> None:
    for key, template in messages.CATALOGUE.items():
        assert key.split(":", 1)[0] in [*RULES, RULE_FAILED]
        list(string.Formatter().parse(template))  # raises on a malformed template


def test_amounts_are_shown_in_the_unit_the_text_used() -> None:
    assert messages.money_text(Money.of("793.43")) == "793.43万元"
    assert messages.money_text(Money.parse("911000.39", MoneyUnit.YUAN)) == "911000.39元"
    assert messages.money_text(Money.parse("71339.2", MoneyUnit.YUAN)) == "71339.2元"
    assert messages.money_text(Money.of("340")) == "340万元"
    assert messages.money_text(Money.parse("10.6", MoneyUnit.YI)) == "10.6亿元"
    assert messages.money_text(Money.of("57.30")) == "57.30万元"


def test_derived_amounts_take_the_finest_precision_of_their_inputs() -> None:
    like = [Money.of("5252.64"), Money.of("340")]
    assert messages.derived_text(Decimal("5107.2"), like) == "5107.20万元"
    assert messages.derived_text(Decimal("2.97"), [Money.parse("1.5", MoneyUnit.YUAN)]) == (
        "29700.0元"
    )
    # A digit is never dropped, and there is never an exponent.
    assert messages.derived_text(Decimal("1E+3"), [Money.of("1")]) == "1000万元"
    assert messages.derived_text(Decimal("0.123"), [Money.of("1.5")]) == "0.123万元"


def test_changes_and_rates_in_words() -> None:
    assert messages.change_text(Decimal("-63.96"), [Money.of("63.96")]) == "减少63.96万元"
    assert messages.change_text(Decimal("53.81"), [Money.of("53.81")]) == "增加53.81万元"
    assert messages.change_text(Decimal(0), [Money.of("1")]) == "无变化"
    assert messages.rate_text(Rate.parse("97.06")) == "97.06%"
    assert messages.signed_rate_text(Decimal("-15.87209"), 4) == "下降15.8721%"
    assert messages.signed_rate_text(Decimal("8.81"), 2) == "增长8.81%"
    assert messages.percent_text(Decimal("36.4268"), 2) == "36.43%"


def test_labels_carry_their_scope() -> None:
    assert messages.label("spending.basic", "一般公共预算") == "一般公共预算基本支出"
    assert messages.label("three_public.total") == "“三公”经费"
    assert messages.label("functional.一般公共服务支出") == "一般公共服务支出"
    assert messages.label("made.up") == "该数字"  # never a field code before a user
    assert messages.ordinal(4) == "四"
    assert messages.ordinal(12) == "12"


def test_every_field_the_examples_state_is_named_in_chinese() -> None:
    """A message names a field by label(): a path such as performance.self_score reached users
    as it was. Every path that intake gives for the bundled examples has a Chinese name."""
    paths = set()
    for source in sorted(EXAMPLES.glob("*/source.*")):
        paths |= {m.path for m in report_evaluate(path=source).report.mentions}
    assert "performance.self_score" in paths
    for path in paths:
        name = messages.label(path)
        assert name != "该数字", path
        assert not re.search(r"[A-Za-z_]", name), (path, name)
