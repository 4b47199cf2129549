from jixiao.audit.rules import score_ratio_above_execution as rule
from tests.audit.builders import run_rule
from tests.audit.rules.project_table import SOUND, SURVEY, project_report


def test_indicators_scored_as_met_while_money_was_not_spent() -> None:
    report = project_report(SOUND, executed="全年执行数80万元", text=SURVEY)
    [finding] = run_rule(rule, report)
    assert (finding.stated, finding.computed) == (100, 80)
    assert "80%" in finding.message


def test_execution_close_to_the_score_ratio() -> None:
    assert run_rule(rule, project_report(SOUND, executed="全年执行数96万元", text=SURVEY)) == []
