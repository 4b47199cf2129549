from jixiao.audit.rules import self_score_above_computed as rule
from jixiao.domain.findings import Severity
from tests.audit.builders import run_rule
from tests.audit.rules.project_table import GE, SOUND, SURVEY, project_report


def test_a_self_score_well_above_the_computed_one() -> None:
    # Computed: 10 + 25 + 25 + 30 + 10 × 18 / 90 = 92, while the unit says 100.
    rows = [
        *SOUND[:3],
        ("满意度指标", "服务对象满意度指标", "学员满意度", GE, "90", "%", "18", "10", "10"),
    ]
    report = project_report(rows, self_score="100", text=SURVEY)
    [finding] = run_rule(rule, report)
    assert finding.code == rule.CODE and finding.severity is Severity.WARNING
    assert finding.stated == 100 and finding.computed == 92


def test_within_the_margin_or_no_self_score() -> None:
    assert run_rule(rule, project_report(SOUND, self_score="100", text=SURVEY)) == []
    assert run_rule(rule, project_report(SOUND, text=SURVEY)) == []
