"""Each named scoring method on values computed by hand, floors and caps included."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.domain.basic_data import Judgement, Level
from jixiao.scoring.cases import Better, Case, ParamError
from jixiao.scoring.formulas import FORMULAS, Operand
from jixiao.scoring.methods import METHODS, SUMMARIES, bind

D = Decimal


def test_every_method_is_documented() -> None:
    assert set(SUMMARIES) == set(METHODS)


def test_deduct_per_point_lower_is_better() -> None:
    rule = bind("deduct_per_point", {"limit": 100, "deduct": D("0.5")})
    at_limit = rule.apply(Case(weight=D(5), better=Better.LOWER, value=D(100)))
    assert (at_limit.score, at_limit.clause) == (D(5), "不高于100%，得满分5分")
    over = rule.apply(Case(weight=D(5), better=Better.LOWER, value=D("103.5")))
    assert over.score == D("3.25")  # 3.5 points over × 0.5 = 1.75 off
    floored = rule.apply(Case(weight=D(5), better=Better.LOWER, value=D(130)))
    assert floored.score == 0
    assert floored.clause.endswith("应扣15分，扣完为止，得0分")


def test_deduct_per_started_step_higher_is_better() -> None:
    """预算完成率 (variant C): 100% full, each 5% short −2, a started step counting whole."""
    rule = bind("deduct_per_point", {"limit": 100, "deduct": 2, "step": 5, "count": "started"})
    assert rule.apply(Case(weight=D(8), value=D(100))).score == 8
    assert rule.apply(Case(weight=D(8), value=D(96))).score == 6  # 4 short: one step
    assert rule.apply(Case(weight=D(8), value=D(94))).score == 4  # 6 short: two steps
    exact = bind("deduct_per_point", {"limit": 100, "deduct": 2, "step": 5})
    assert exact.apply(Case(weight=D(8), value=D(96))).score == D("6.4")


def test_bands_first_match_wins_and_otherwise() -> None:
    rule = bind(
        "bands",
        {"bands": [{"min": 90, "points": 5}, {"min": 80, "points": 4}], "otherwise": 1},
    )
    assert rule.apply(Case(weight=D(5), value=D(90))).score == 5
    assert rule.apply(Case(weight=D(5), value=D("89.99"))).score == 4
    low = rule.apply(Case(weight=D(5), value=D(10)))
    assert (low.score, low.clause) == (D(1), "低于80%，得1分")


def test_proportional_both_directions() -> None:
    rule = bind("proportional", {"target": 90})
    assert rule.apply(Case(weight=D(10), value=D(95))).score == 10
    assert rule.apply(Case(weight=D(10), value=D(45))).score == 5
    lower = bind("proportional", {})
    assert lower.apply(Case(weight=D(4), better=Better.LOWER, value=D(80))).score == 4
    assert lower.apply(Case(weight=D(4), better=Better.LOWER, value=D(200))).score == 2


def test_balance_tiers() -> None:
    rule = bind("balance_tiers", {"none": 3, "not_increased": 2})
    labels = ("本年结转结余", "上年结转结余")
    assert rule.apply(Case(weight=D(3), operands=(D(0), D(5)), labels=labels)).score == 3
    assert rule.apply(Case(weight=D(3), operands=(D(5), D(5)), labels=labels)).score == 2
    assert rule.apply(Case(weight=D(3), operands=(D(6), D(5)), labels=labels)).score == 0


def test_judgement_methods() -> None:
    checklist = bind("checklist", {"items": ["a", "b", "c"], "per_point": 1})
    assert checklist.apply(Case(weight=D(3), judgement=Judgement("x", met=2))).score == 2
    missing = checklist.apply(Case(weight=D(3)))
    assert missing.score is None and "共3项" in missing.missing[0]
    violations = bind("violations", {"deduct": 2})
    assert violations.apply(Case(weight=D(3), judgement=Judgement("x", violations=2))).score == 0
    band = bind("qualitative_band", {})
    partly = Judgement("x", level=Level.PARTLY, score=D(7))
    assert band.apply(Case(weight=D(10), judgement=partly)).score == 7
    too_high = Judgement("x", level=Level.PARTLY, score=D(9))
    outcome = band.apply(Case(weight=D(10), judgement=too_high))
    assert outcome.score == 8 and outcome.warnings[0][0] == "score-outside-band"
    level_only = band.apply(Case(weight=D(10), judgement=Judgement("x", level=Level.ACHIEVED)))
    assert level_only.score is None and "8–10分" in level_only.missing[0]


def test_target_ratio_by_direction() -> None:
    rule = bind("target_ratio", {})

    def points(better: Better, actual: str, target: str) -> Decimal | None:
        case = Case(weight=D(10), better=better, value=D(actual), target=D(target))
        return rule.apply(case).score

    assert points(Better.HIGHER, "180", "200") == 9
    assert points(Better.HIGHER, "250", "200") == 10
    assert points(Better.LOWER, "500", "550") == 10
    assert points(Better.LOWER, "550", "500") == D(10) * 500 / 550  # inverted
    assert points(Better.EQUAL, "98", "100") == D("9.8")
    assert points(Better.LOWER, "1", "0") == 0  # a zero target is all or nothing
    assert points(Better.HIGHER, "-5", "10") == 0


def test_formulas() -> None:
    ratio = FORMULAS["ratio"].compute((Operand(D(41), "在职人数"), Operand(D(40), "编制数")))
    assert (ratio.value, ratio.text) == (D("102.5"), "41 / 40 = 102.5%")
    zero = FORMULAS["ratio"].compute((Operand(D(1), "a"), Operand(D(0), "编制数")))
    assert (zero.value, zero.text) == (None, "编制数为0，无法计算")
    yuan = (Operand(D("38.766462"), "执行数", "387664.62元"), Operand(D("38.766462"), "预算数"))
    assert FORMULAS["ratio"].compute(yuan).text == "387664.62元 / 38.766462 = 100%"
    nothing = (Operand(D(0), "a"), Operand(D(0), "b"))
    assert FORMULAS["change"].compute(nothing).value == 0
    assert FORMULAS["change"].compute((Operand(D(3), "a"), Operand(D(0), "b"))).value is None


@pytest.mark.parametrize(
    ("method", "params", "field"),
    [
        ("deduct_per_point", {"limit": 100}, "params.deduct"),
        ("deduct_per_point", {"limit": 100, "deduct": 1, "count": "round"}, "params.count"),
        ("deduct_per_point", {"limit": 100, "deduct": 1, "step": 0}, "params.step"),
        ("bands", {"bands": []}, "params.bands"),
        ("bands", {"bands": [{"min": 1, "max": 2, "points": 1}]}, "params.bands[0]"),
        ("bands", {"bands": [{"min": 1, "points": 1}, {"max": 2, "points": 1}]}, "params.bands"),
        ("proportional", {"target": 0}, "params.target"),
        ("checklist", {"items": "a"}, "params.items"),
        ("qualitative_band", {"bands": [{"level": "好", "low": 0, "high": 1}] * 3}, "level"),
        ("proportional", {"target": "abc"}, "params.target"),
    ],
)
def test_bad_parameters_name_the_field(method: str, params: dict[str, object], field: str) -> None:
    with pytest.raises(ParamError) as caught:
        bind(method, params)
    assert field in caught.value.field or field in str(caught.value)
