from decimal import Decimal

from jixiao.audit.rules import self_score_missing as rule
from jixiao.domain.findings import Severity
from jixiao.domain.report import Performance, ReportKind
from tests.audit.builders import ReportBuilder, run_rule, seed_like_report


def test_seed_has_no_self_score() -> None:
    findings = run_rule(rule, seed_like_report())
    assert [(f.code, f.severity) for f in findings] == [(rule.CODE, Severity.WARNING)]
    assert findings[0].message == "报告没有给出绩效自评得分（百分制总分）"


def test_a_stated_score_is_enough() -> None:
    b = ReportBuilder(kind=ReportKind.PROJECT)
    report = b.build(performance=Performance(self_score=b.rate("自评得分96分")))
    assert report.performance.self_score is not None
    assert report.performance.self_score.value.percent == Decimal(96)
    assert run_rule(rule, report) == []


def test_only_performance_reports_need_a_score() -> None:
    for kind in (ReportKind.FINAL_ACCOUNTS, ReportKind.BUDGET, ReportKind.UNKNOWN):
        assert run_rule(rule, ReportBuilder(kind=kind).build()) == []
    assert len(run_rule(rule, ReportBuilder(kind=ReportKind.PROJECT).build())) == 1
