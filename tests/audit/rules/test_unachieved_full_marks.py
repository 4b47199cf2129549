from jixiao.audit.rules import unachieved_full_marks as rule
from jixiao.domain.report import ReportKind
from tests.audit.builders import run_rule
from tests.audit.rules.project_table import GE, SOUND, SURVEY, project_report


def test_an_unmet_target_at_full_marks() -> None:
    rows = [("产出指标", "数量指标", "培训人次", GE, "200", "人次", "150", "25", "25"), *SOUND[1:]]
    [finding] = run_rule(rule, project_report(rows, text=SURVEY))
    assert "未达到目标" in finding.message


def test_only_performance_reports() -> None:
    rows = [("产出指标", "数量指标", "培训人次", GE, "200", "人次", "150", "25", "25"), *SOUND[1:]]
    report = project_report(rows, text=SURVEY, kind=ReportKind.FINAL_ACCOUNTS)
    assert run_rule(rule, report) == []
