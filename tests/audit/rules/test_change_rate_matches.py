from decimal import Decimal

from jixiao.audit.rules import change_rate_matches as rule
from jixiao.domain.findings import Severity
from jixiao.domain.report import Report, ReportKind
from jixiao.intake.parse import parse_text
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


def _year_table(purchase_rate: str, overseas_rate: str) -> str:
    cells = [
        "年度", "合计", "因公出国(境)费", "公务接待费", "公车购置及运行维护费",
        "小计", "车辆购置", "车辆运行",
        "2023年", "500", "90", "110", "300", "73", "227",
        "2024年", "400", "12", "148", "240", "37", "203",
        "2024年比2023年增减%", "-20.00", overseas_rate, "34.55", "-20.00", purchase_rate, "-10.57",
    ]  # fmt: skip
    return "2024年度某局部门决算说明\n" + "\n|\n".join(cells) + "\n|\n"


def test_a_growth_row_is_checked_against_its_own_two_rows() -> None:
    # 37 against 73 is -49.32 %; printed whole, 36.5…37.5 of 72.5…73.5 is -50.3 … -48.3 %.
    findings = run_rule(rule, parse_text(_year_table("-47.95", "-86.67"), source="t"))
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert "公务用车购置费37万元" in findings[0].message
    assert [e.quote for e in findings[0].evidence] == ["37", "73", "-47.95"]


def test_a_growth_within_the_rounding_of_whole_amounts_passes() -> None:
    # 12 against 90 is -86.67 %; -86.62 lies within what 11.5…12.5 of 89.5…90.5 allows.
    assert run_rule(rule, parse_text(_year_table("-49.32", "-86.62"), source="t")) == []


def test_a_change_after_a_parenthesis_of_parts_is_the_whole_s() -> None:
    # 12 of last year's 2078 is 0.58%: the change is the 2066's, not its last part's (146)
    text = (
        "某市2025年市本级“三公”经费预算情况说明\n公务用车购置及运行维护费2066万元（其中：公务用车"
        "运行维护费1920万元，公务用车购置费146万元），减少12万元，下降{rate}。\n"
    )
    right = run_rule(rule, parse_text(text.format(rate="0.58%"), source="t"))
    wrong = run_rule(rule, parse_text(text.format(rate="0.85%"), source="t"))
    assert [f.severity for f in right] == []
    assert [f.severity for f in wrong] == [Severity.ERROR]
    assert "2066" in wrong[0].message


def test_a_narrower_expense_s_wrong_rate_is_worded_in_the_text_s_own_unit() -> None:
    # 商品和服务支出 is no field of the audit's own: the message calls it 该项支出 (not
    # "其他支出合计", another figure), and the change keeps the 元 it was stated in.
    text = "某所2024年部门预算说明\n商品和服务支出预算 64000 元，同比增加 24000 元，增长 37.5%。\n"
    findings = run_rule(rule, parse_text(text, source="t"))
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert findings[0].message.startswith("该项支出64000元，同比增加24000元，按上年40000元计算")
