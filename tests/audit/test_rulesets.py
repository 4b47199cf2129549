import pytest

from jixiao.audit.registry import RULES
from jixiao.audit.rulesets import RuleSet, default_ruleset, load_rulesets, ruleset_for_year
from jixiao.domain.findings import Severity

CONTRACT_CODES = {
    "total-equals-basic-plus-project",
    "basic-equals-personnel-plus-public",
    "functional-sum-equals-total",
    "three-public-equals-parts",
    "execution-rate-matches",
    "functional-class-name",
    "required-section-missing",
}


def test_the_contract_codes_exist() -> None:
    assert set(RULES) >= CONTRACT_CODES


def test_every_data_file_loads_and_names_known_codes_only() -> None:
    sets = load_rulesets()
    assert sets[0].name == "default"
    for ruleset in sets:
        assert set(ruleset.enabled) <= set(RULES)
        assert len(set(ruleset.enabled)) == len(ruleset.enabled)


def test_the_latest_rule_set_runs_every_rule() -> None:
    # A new rule must be added to the data, or it never runs.
    assert set(load_rulesets()[-1].enabled) == set(RULES)
    assert set(default_ruleset().enabled) == set(RULES)


def test_latest_file_not_after_the_year_else_default() -> None:
    assert ruleset_for_year(None).name == "default"
    assert ruleset_for_year(2019).name == "default"
    assert ruleset_for_year(2020).first_year == 2020
    assert ruleset_for_year(2035).first_year == max(
        s.first_year for s in load_rulesets() if s.first_year is not None
    )


def test_severity_overrides() -> None:
    assert default_ruleset().override_for("score-grade-band") is Severity.WARNING
    assert ruleset_for_year(2022).override_for("score-grade-band") is None


def test_rule_sets_built_in_code_are_checked() -> None:
    assert RuleSet.of().enabled == tuple(RULES)
    with pytest.raises(ValueError, match="no-such-rule"):
        RuleSet.of(("no-such-rule",))
