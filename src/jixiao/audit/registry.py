"""Rule code → rule function. Codes are a public contract: never rename one."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType

from jixiao.audit.context import RuleContext
from jixiao.audit.rules import (
    achieved_not_full_marks,
    actual_not_quantified,
    basic_equals_personnel_plus_public,
    carryover_balance,
    change_rate_matches,
    combined_rate_matches,
    completion_rate_matches,
    count_matches_named_items,
    execution_rate_matches,
    far_exceeded_target,
    figure_restated_differently,
    functional_class_name,
    functional_sum_equals_total,
    growth_base_matches,
    income_equals_expenditure_totals,
    indicator_table_missing,
    level_share_equals_whole,
    ocr_low_confidence,
    output_as_spending,
    over_budget_matches,
    part_share_matches,
    required_section_missing,
    satisfaction_without_sample,
    score_grade_band,
    score_ratio_above_execution,
    score_table_adds_up,
    self_score_above_computed,
    self_score_missing,
    share_matches,
    shares_add_up,
    target_not_quantified,
    three_public_change_equals_parts,
    three_public_equals_parts,
    total_equals_basic_plus_project,
    unachieved_full_marks,
    values_swapped,
    whole_equals_stated_parts,
)
from jixiao.domain.findings import Finding
from jixiao.domain.report import Report

Rule = Callable[[Report, RuleContext], Iterable[Finding]]

# The code the engine itself uses when a rule cannot finish (a bug, or input it did not expect).
RULE_FAILED = "rule-failed"

# In the order the engine runs them (the order does not change the result: findings are sorted).
RULES: Mapping[str, Rule] = MappingProxyType(
    {
        total_equals_basic_plus_project.CODE: total_equals_basic_plus_project.check,
        basic_equals_personnel_plus_public.CODE: basic_equals_personnel_plus_public.check,
        functional_sum_equals_total.CODE: functional_sum_equals_total.check,
        three_public_equals_parts.CODE: three_public_equals_parts.check,
        execution_rate_matches.CODE: execution_rate_matches.check,
        functional_class_name.CODE: functional_class_name.check,
        required_section_missing.CODE: required_section_missing.check,
        self_score_missing.CODE: self_score_missing.check,
        indicator_table_missing.CODE: indicator_table_missing.check,
        score_grade_band.CODE: score_grade_band.check,
        income_equals_expenditure_totals.CODE: income_equals_expenditure_totals.check,
        carryover_balance.CODE: carryover_balance.check,
        three_public_change_equals_parts.CODE: three_public_change_equals_parts.check,
        change_rate_matches.CODE: change_rate_matches.check,
        growth_base_matches.CODE: growth_base_matches.check,
        figure_restated_differently.CODE: figure_restated_differently.check,
        values_swapped.CODE: values_swapped.check,
        whole_equals_stated_parts.CODE: whole_equals_stated_parts.check,
        count_matches_named_items.CODE: count_matches_named_items.check,
        share_matches.CODE: share_matches.check,
        part_share_matches.CODE: part_share_matches.check,
        combined_rate_matches.CODE: combined_rate_matches.check,
        shares_add_up.CODE: shares_add_up.check,
        level_share_equals_whole.CODE: level_share_equals_whole.check,
        completion_rate_matches.CODE: completion_rate_matches.check,
        over_budget_matches.CODE: over_budget_matches.check,
        score_table_adds_up.CODE: score_table_adds_up.check,
        ocr_low_confidence.CODE: ocr_low_confidence.check,
        # Scorecard warnings (jixiao.scoring.warnings), shown beside the sums.
        self_score_above_computed.CODE: self_score_above_computed.check,
        score_ratio_above_execution.CODE: score_ratio_above_execution.check,
        target_not_quantified.CODE: target_not_quantified.check,
        actual_not_quantified.CODE: actual_not_quantified.check,
        output_as_spending.CODE: output_as_spending.check,
        satisfaction_without_sample.CODE: satisfaction_without_sample.check,
        achieved_not_full_marks.CODE: achieved_not_full_marks.check,
        unachieved_full_marks.CODE: unachieved_full_marks.check,
        far_exceeded_target.CODE: far_exceeded_target.check,
    }
)


def rule_for(code: str) -> Rule:
    """The rule with this code; KeyError when there is none."""
    return RULES[code]
