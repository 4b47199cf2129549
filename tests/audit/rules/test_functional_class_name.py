from jixiao.audit.rules import functional_class_name as rule
from jixiao.domain.findings import Severity
from jixiao.domain.report import FunctionalItem, Report, Spending
from tests.audit.builders import ReportBuilder, run_rule, seed_like_report


def test_seed_flags_the_two_names_that_are_not_classes() -> None:
    findings = run_rule(rule, seed_like_report())

    assert [f.severity for f in findings] == [Severity.WARNING, Severity.WARNING]
    assert findings[0].message == (
        "功能分类“应急物资储备支出”不是2022年政府收支分类科目中的类级科目名称"
    )
    assert findings[1].message == (
        "功能分类“灾害防治应急管理支出”不是2022年政府收支分类科目中的类级科目名称，"
        "应为“灾害防治及应急管理支出”"
    )
    assert [e.quote for e in findings[1].evidence] == ["灾害防治应急管理支出0.5万元"]


def _report(*names: str, year: int | None = 2022) -> Report:
    b = ReportBuilder(year=year)
    items = tuple(b.functional(name, "1") for name in names)
    return b.build(spending=Spending(functional=items))


def test_standard_names_give_nothing() -> None:
    assert run_rule(rule, _report("科学技术支出", "灾害防治及应急管理支出", "住房保障支出")) == []


def test_a_loose_wording_of_a_class_is_only_noted() -> None:
    findings = run_rule(rule, _report("社会保障和就业"))
    assert [f.severity for f in findings] == [Severity.INFO]
    assert findings[0].message == (
        "功能分类“社会保障和就业”不是规范的科目名称，规范名称为“社会保障和就业支出”（208）"
    )


def test_a_former_name_is_flagged_with_the_current_one() -> None:
    findings = run_rule(rule, _report("医疗卫生与计划生育支出"))
    assert [f.severity for f in findings] == [Severity.WARNING]
    assert findings[0].message.endswith("应为“卫生健康支出”")


def test_names_are_checked_against_the_report_years_edition() -> None:
    # The old name was the standard one in 2018.
    assert run_rule(rule, _report("医疗卫生与计划生育支出", year=2018)) == []
    # 234 existed in 2020–2021 only.
    assert run_rule(rule, _report("抗疫特别国债安排的支出", year=2021)) == []
    assert len(run_rule(rule, _report("抗疫特别国债安排的支出", year=2022))) == 1


def test_a_year_outside_the_data_makes_the_warning_a_note() -> None:
    findings = run_rule(rule, _report("应急物资储备支出", year=2010))
    assert [f.severity for f in findings] == [Severity.INFO]
    assert "2016年版" in findings[0].message


def test_an_unknown_code_is_flagged() -> None:
    b = ReportBuilder()
    item = FunctionalItem(code="218", name=None, stated_name="", amount=b.money("218类1万元"))
    findings = run_rule(rule, b.build(spending=Spending(functional=(item,))))
    assert [f.severity for f in findings] == [Severity.WARNING]
    assert "代码218" in findings[0].message


def test_a_code_that_contradicts_the_name_is_flagged() -> None:
    b = ReportBuilder()
    amount = b.money("1万元")
    item = FunctionalItem(code="205", name=None, stated_name="科学技术支出", amount=amount)
    findings = run_rule(rule, b.build(spending=Spending(functional=(item,))))
    assert [f.severity for f in findings] == [Severity.WARNING]
    assert "206" in findings[0].message
