from decimal import Decimal

from jixiao.audit.rules import achieved_not_full_marks as rule
from tests.audit.builders import run_rule
from tests.audit.rules.project_table import GE, SOUND, SURVEY, project_report


def test_a_met_target_scored_below_full_marks() -> None:
    rows = [
        ("产出指标", "时效指标", "到位及时率", GE, "100", "%", "100%", "25", "17.5"),
        *SOUND[1:],
    ]
    [finding] = run_rule(rule, project_report(rows, text=SURVEY))
    assert (finding.stated, finding.computed, finding.difference) == (
        Decimal("17.5"),
        Decimal(25),
        Decimal("-7.5"),
    )


def test_met_targets_at_full_marks() -> None:
    assert run_rule(rule, project_report(SOUND, text=SURVEY)) == []
