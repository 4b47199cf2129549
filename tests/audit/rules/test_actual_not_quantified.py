from jixiao.audit.rules import actual_not_quantified as rule
from tests.audit.builders import run_rule
from tests.audit.rules.project_table import LE, SOUND, SURVEY, project_report


def test_a_word_for_a_numeric_target() -> None:
    rows = [
        ("产出指标", "成本指标", "成本控制数", LE, "30", "万元", "完成", "50", "50"),
        *SOUND[2:],
    ]
    [finding] = run_rule(rule, project_report(rows, text=SURVEY))
    assert "“完成”" in finding.message and finding.evidence[0].quote == "成本控制数"


def test_numeric_actuals() -> None:
    assert run_rule(rule, project_report(SOUND, text=SURVEY)) == []
