from jixiao.audit.rules import output_as_spending as rule
from tests.audit.builders import run_rule
from tests.audit.rules.project_table import GE, LE, SOUND, SURVEY, project_report


def test_an_output_measured_by_money_paid() -> None:
    rows = [
        ("产出指标", "时效指标", "资金拨付及时率", GE, "100", "%", "100", "25", "25"),
        ("产出指标", "成本指标", "支出控制数", LE, "30", "万元", "28", "25", "25"),
        *SOUND[2:],
    ]
    findings = run_rule(rule, project_report(rows, text=SURVEY))
    assert [f.evidence[0].quote for f in findings] == ["资金拨付及时率"]  # 成本 is money


def test_real_outputs() -> None:
    assert run_rule(rule, project_report(SOUND, text=SURVEY)) == []
