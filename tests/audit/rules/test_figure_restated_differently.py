from decimal import Decimal

from jixiao.audit.rules import figure_restated_differently as rule
from jixiao.domain.findings import Severity
from jixiao.domain.report import ReportKind
from jixiao.intake.parse import parse_text
from tests.audit.builders import ReportBuilder, run_rule, seed_like_report


def test_the_same_figure_with_two_values_is_a_warning_quoting_both() -> None:
    b = ReportBuilder(kind=ReportKind.BUDGET)
    b.mention("spending.basic", "基本支出预算 881300.39 元", cluster=5)
    b.mention("spending.basic", "本年基本支出 911000.39 元", cluster=6)
    findings = run_rule(rule, b.build())
    assert [f.severity for f in findings] == [Severity.WARNING]
    found = findings[0]
    assert found.message == (
        "基本支出前后写法不一致：“基本支出预算 881300.39 元”与“本年基本支出 911000.39 元”，"
        "相差29700.00元"
    )
    assert found.difference == Decimal("-2.97")
    assert len(found.evidence) == 2


def test_values_equal_up_to_rounding_agree() -> None:
    b = ReportBuilder()
    b.mention("spending.total", "总支出5252.64万元", cluster=1)
    b.mention("spending.total", "总支出52526400元", cluster=2)
    b.mention("spending.total", "总支出5252.6万元", cluster=3)
    assert run_rule(rule, b.build()) == []


def test_different_scopes_are_different_figures() -> None:
    b = ReportBuilder()
    b.mention("spending.basic", "基本支出881300.39元", cluster=5)
    b.mention("spending.basic", "一般公共预算基本支出911000.39元", scope="一般公共预算", cluster=6)
    assert run_rule(rule, b.build()) == []


def test_each_disagreeing_value_is_reported_once() -> None:
    b = ReportBuilder()
    b.mention("three_public.total", "三公经费11万元", cluster=1)
    b.mention("three_public.total", "三公经费15万元", cluster=2)
    b.mention("three_public.total", "三公经费15万元", cluster=3)
    b.mention("three_public.total", "三公经费20万元", cluster=4)
    findings = run_rule(rule, b.build())
    assert len(findings) == 2
    assert "15万元" in findings[0].message
    assert "20万元" in findings[1].message


def test_changes_and_rates_are_compared_as_well() -> None:
    b = ReportBuilder()
    b.change_rate("spending.total", "下降38.28%", cluster=1)
    b.change_rate("spending.total", "下降36.28%", cluster=2)
    findings = run_rule(rule, b.build())
    assert len(findings) == 1
    assert findings[0].message.startswith("支出合计的同比变动率前后写法不一致")
    assert findings[0].message.endswith("相差2.00个百分点")


def test_seed_states_each_figure_once() -> None:
    assert run_rule(rule, seed_like_report()) == []


def test_amounts_whose_quote_speaks_of_a_change_or_a_bar_are_not_restatements() -> None:
    # A reader that files "收入总计增加543.55万元" under the value of 收入总计 misreads the text;
    # that is not the text contradicting itself.
    b = ReportBuilder(kind=ReportKind.FINAL_ACCOUNTS)
    b.mention("accounts.income_grand_total", "收入总计6275.15万元", cluster=1)
    b.mention("accounts.income_grand_total", "收入总计增加543.55万元", cluster=1)
    b.mention("accounts.income_grand_total", "收入总计不低于6000万元", cluster=2)
    assert run_rule(rule, b.build()) == []


def test_quotes_are_shown_on_one_line() -> None:
    b = ReportBuilder()
    b.mention("spending.total", "支出总\n额1126.38万元", cluster=1)
    b.mention("spending.total", "年度资金总额\n\n1290.37万元", cluster=2)
    (found,) = run_rule(rule, b.build())
    assert "“支出总额1126.38万元”与“年度资金总额 1290.37万元”" in found.message


def test_two_different_narrower_figures_under_one_label_are_no_restatement() -> None:
    # 工资福利支出 and 商品和服务支出 are both some narrower 支出, not one figure stated twice
    text = (
        "某站2024年部门预算说明\n基本支出预算800000元。其中：\n"
        "工资福利支出预算600000元，占基本支出预算75%。\n"
        "商品和服务支出预算60000元，占基本支出预算7.5%。\n"
    )
    assert run_rule(rule, parse_text(text, source="t")) == []


def test_a_whole_and_the_part_it_names_after_its_own_figure_are_two_figures() -> None:
    # 总支出 holds this year's spending and the carry-over; 其中 names the year's part
    text = (
        "某服务中心2024年度部门决算说明\n"
        "（二）本单位2024年度总支出 88.40 万元，其中本年支出 80.15 万元，较上年增加 3.2 万元。\n"
    )
    assert run_rule(rule, parse_text(text, source="t")) == []
    text = (
        "某服务中心2024年度部门决算说明\n（二）本单位2024年度总支出 88.40 万元。\n"
        "（三）本单位本年支出 80.15 万元。\n"
    )
    assert [f.severity for f in run_rule(rule, parse_text(text, source="t"))] == [Severity.WARNING]
