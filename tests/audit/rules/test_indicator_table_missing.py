from jixiao.audit.rules import indicator_table_missing as rule
from jixiao.domain.findings import Severity
from jixiao.domain.report import Direction, Indicator, Performance, ReportKind
from tests.audit.builders import ReportBuilder, run_rule, seed_like_report


def test_seed_has_no_indicator_table() -> None:
    findings = run_rule(rule, seed_like_report())
    assert [(f.code, f.severity) for f in findings] == [(rule.CODE, Severity.WARNING)]
    assert "年度指标值" in findings[0].message


def test_indicators_present_give_nothing() -> None:
    indicator = Indicator(
        level1="产出指标",
        level2="数量指标",
        level3="受益学生人数",
        direction=Direction.AT_LEAST,
        target="735",
        actual="735",
    )
    report = ReportBuilder(kind=ReportKind.PROJECT).build(
        performance=Performance(indicators=(indicator,))
    )
    assert run_rule(rule, report) == []


def test_only_performance_reports_need_indicators() -> None:
    for kind in (ReportKind.FINAL_ACCOUNTS, ReportKind.BUDGET, ReportKind.UNKNOWN):
        assert run_rule(rule, ReportBuilder(kind=kind).build()) == []
    assert len(run_rule(rule, ReportBuilder(kind=ReportKind.OVERALL).build())) == 1


def test_a_printed_header_whose_cells_run_together_is_a_table() -> None:
    # A docx conversion joined the whole table: the header is there, the cells cannot be split.
    b = ReportBuilder(kind=ReportKind.PROJECT)
    b.quote("绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分产出指标(60分)数量指标")
    assert run_rule(rule, b.build()) == []


def test_indicator_words_in_prose_are_not_a_header() -> None:
    b = ReportBuilder(kind=ReportKind.PROJECT)
    b.quote("该项目共编制12个绩效目标指标，其中一级指标3个，二级指标9个，三级指标12个。")
    assert len(run_rule(rule, b.build())) == 1
