from decimal import Decimal

from jixiao.audit.rules import three_public_equals_parts as rule
from jixiao.domain.findings import Severity
from jixiao.domain.report import ThreePublic
from tests.audit.builders import ReportBuilder, run_rule, seed_like_report


def test_seed_partial_parts_that_add_up_give_nothing() -> None:
    # 三公11 = 公务接待4 + 公务车运行7; 出国 and 购置 are not stated.
    assert run_rule(rule, seed_like_report()) == []


def test_all_parts_stated_and_summing() -> None:
    # A county total: 1165.08 = 出国0 + 购置204.78 + 运行664.60 + 接待295.70.
    b = ReportBuilder(year=2019)
    three = ThreePublic(
        total=b.money("“三公”经费决算支出数为1165.08万元"),
        overseas=b.money("因公出国(境)费支出0万元"),
        vehicle_purchase=b.money("公务用车购置费支出204.78万元"),
        vehicle_operation=b.money("公务用车运行维护费支出664.60万元"),
        reception=b.money("公务接待费支出295.70万元"),
    )
    assert run_rule(rule, b.build(three_public=three)) == []


def test_all_parts_stated_but_not_summing_is_an_error() -> None:
    b = ReportBuilder()
    three = ThreePublic(
        total=b.money("三公经费20万元"),
        overseas=b.money("因公出国(境)费0万元"),
        vehicle=b.money("公务用车购置及运行费8万元"),
        reception=b.money("公务接待费1万元"),
    )
    findings = run_rule(rule, b.build(three_public=three))
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert findings[0].message == (
        "“三公”经费20万元不等于因公出国(境)费0万元、公务用车购置及运行费8万元与公务接待费1万元之和"
        "9万元，相差11万元"
    )
    assert findings[0].difference == Decimal(11)


def test_vehicle_is_purchase_plus_operation() -> None:
    b = ReportBuilder()
    three = ThreePublic(
        total=b.money("三公经费9万元"),
        overseas=b.money("因公出国(境)经费0万元"),
        vehicle=b.money("公务用车购置及运行维护费8万元"),
        vehicle_purchase=b.money("公务用车购置费0万元"),
        vehicle_operation=b.money("公务用车运行维护费8万元"),
        reception=b.money("公务接待费1万元"),
    )
    assert run_rule(rule, b.build(three_public=three)) == []

    wrong = ThreePublic(
        vehicle=b.money("公务用车购置和维护经费39.30万元"),
        vehicle_purchase=b.money("公车购置29.46万元"),
        vehicle_operation=b.money("公车运行维护12万元"),
    )
    findings = run_rule(rule, b.build(three_public=wrong))
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert findings[0].message.startswith(
        "公务用车购置及运行费39.30万元不等于公务用车购置费29.46万元"
    )


def test_stated_parts_beyond_the_total_are_an_error_even_with_parts_missing() -> None:
    b = ReportBuilder()
    three = ThreePublic(
        total=b.money("三公经费10万元"),
        reception=b.money("公务接待6万元"),
        vehicle_operation=b.money("公务车运行费8万元"),
    )
    findings = run_rule(rule, b.build(three_public=three))
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert findings[0].message == (
        "“三公”经费10万元小于已列明的公务用车运行维护费8万元与公务接待费6万元之和14万元，超出4万元"
    )


def test_whole_numbers_carry_a_whole_unit_of_rounding_each() -> None:
    # 10 vs 4 + 8: every figure printed to the 万元 may be off by up to 1万元, so 2 is rounding.
    b = ReportBuilder()
    three = ThreePublic(
        total=b.money("三公经费10万元"),
        reception=b.money("公务接待4万元"),
        vehicle_operation=b.money("公务车运行费8万元"),
    )
    assert run_rule(rule, b.build(three_public=three)) == []


def test_stated_parts_over_the_total_by_rounding_only_give_nothing() -> None:
    b = ReportBuilder()
    three = ThreePublic(
        total=b.money("三公经费10.5万元"),
        reception=b.money("公务接待4.26万元"),
        vehicle_operation=b.money("公务车运行费6.25万元"),
    )
    assert run_rule(rule, b.build(three_public=three)) == []


def test_a_shortfall_with_parts_missing_is_a_note_naming_them() -> None:
    b = ReportBuilder()
    three = ThreePublic(total=b.money("三公经费12万元"), reception=b.money("公务接待费4万元"))
    findings = run_rule(rule, b.build(three_public=three))
    assert [f.severity for f in findings] == [Severity.INFO]
    assert findings[0].message == (
        "“三公”经费12万元中已列明公务接待费4万元，合计4万元；"
        "未列明的因公出国(境)费、公务用车购置及运行费合计应为8万元"
    )


def test_each_section_with_its_own_total_is_checked() -> None:
    b = ReportBuilder()
    b.mention("three_public.total", "2021年预算三公经费15万元", scope="上年", cluster=1)
    b.mention("three_public.overseas", "2021年预算出国0万元", scope="上年", cluster=1)
    b.mention("three_public.vehicle", "2021年预算用车14万元", scope="上年", cluster=1)
    b.mention("three_public.reception", "2021年预算接待6万元", scope="上年", cluster=1)
    findings = run_rule(rule, b.build())
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert findings[0].message.startswith("上年“三公”经费15万元不等于")


def test_nothing_without_any_part() -> None:
    b = ReportBuilder()
    assert run_rule(rule, b.build(three_public=ThreePublic(total=b.money("三公经费9万元")))) == []
