from jixiao.audit.rules import far_exceeded_target as rule
from tests.audit.builders import run_rule
from tests.audit.rules.project_table import GE, SOUND, SURVEY, project_report


def test_an_actual_far_beyond_its_target() -> None:
    rows = [("产出指标", "数量指标", "培训人次", GE, "200", "人次", "400", "25", "25"), *SOUND[1:]]
    [finding] = run_rule(rule, project_report(rows, text=SURVEY))
    assert "200%" in finding.message


def test_a_little_beyond_is_fine() -> None:
    assert run_rule(rule, project_report(SOUND, text=SURVEY)) == []  # 55 of 50 is 110%
