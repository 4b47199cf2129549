from jixiao.audit.rules import target_not_quantified as rule
from tests.audit.builders import run_rule
from tests.audit.rules.project_table import GE, SOUND, SURVEY, project_report


def test_a_word_target_and_a_number_without_unit() -> None:
    rows = [
        ("产出指标", "数量指标", "宣传覆盖面", GE, "有效", None, "有效", "25", "25"),
        ("产出指标", "数量指标", "发放手册", GE, "500", None, "500", "25", "25"),
        *SOUND[2:],
    ]
    findings = run_rule(rule, project_report(rows, text=SURVEY))
    assert [f.evidence[0].quote for f in findings] == ["宣传覆盖面", "发放手册"]


def test_numbers_with_units_are_quantified() -> None:
    assert run_rule(rule, project_report(SOUND, text=SURVEY)) == []
