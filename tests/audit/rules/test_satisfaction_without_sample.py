from jixiao.audit.rules import satisfaction_without_sample as rule
from tests.audit.builders import run_rule
from tests.audit.rules.project_table import SOUND, SURVEY, project_report


def test_satisfaction_without_a_survey() -> None:
    [finding] = run_rule(rule, project_report(SOUND))
    assert finding.evidence[0].quote == "学员满意度"


def test_a_described_survey() -> None:
    assert run_rule(rule, project_report(SOUND, text=SURVEY)) == []
