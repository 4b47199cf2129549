"""Year-on-year and peer comparisons, with hand-computed medians and MADs."""

from __future__ import annotations

from decimal import Decimal

from jixiao.targets.comparison import (
    Limits,
    load_rules,
    median,
    peer_deviations,
    year_change,
)

D = Decimal
LIMITS = Limits(change_limit=D(50), mad_limit=D(2), min_peers=4)


def test_the_rules_are_data() -> None:
    rules = load_rules()
    assert rules.grades == ("差",) and rules.due_days == 30
    assert rules.limits == LIMITS
    assert "压减" in rules.advice("差") and rules.advice("甲") == ""


def test_year_on_year_change() -> None:
    up = year_change(D(160), D(100), LIMITS)
    assert up is not None and up.flagged and up.change_percent == D("60.00")
    assert up.note == "比上年增加60%，超过±50%"
    down = year_change(D(60), D(100), LIMITS)
    assert down is not None and not down.flagged and down.note == "比上年减少40%"
    edge = year_change(D(150), D(100), LIMITS)
    assert edge is not None and not edge.flagged  # exactly 50% is within ±50%
    assert year_change(D(1), None, LIMITS) is None
    from_zero = year_change(D(5), D(0), LIMITS)
    assert from_zero is not None and from_zero.flagged and from_zero.change_percent is None


def test_median() -> None:
    assert median([D(3), D(1), D(2)]) == D(2)
    assert median([D(4), D(1), D(3), D(2)]) == D("2.5")


def test_peers_beyond_two_mads() -> None:
    # values 10 12 11 13 40: median 12; deviations 2 0 1 1 28 → MAD 1; 40 is 28 MADs away
    values = {"a": D(10), "b": D(12), "c": D(11), "d": D(13), "e": D(40), "f": None}
    found = peer_deviations(values, LIMITS)
    assert set(found) == {"a", "b", "c", "d", "e"}
    assert [k for k, v in found.items() if v.flagged] == ["e"]
    assert found["e"].reference == D(12) and "高于同类单位中位数12" in found["e"].note
    assert not found["a"].flagged  # 2 away: exactly 2 MADs is not beyond


def test_too_few_peers_or_no_spread_gives_no_verdict() -> None:
    assert peer_deviations({"a": D(1), "b": D(2), "c": D(90)}, LIMITS) == {}
    same = peer_deviations({k: D(5) for k in "abcd"} | {"e": D(9)}, LIMITS)
    assert not any(d.flagged for d in same.values())  # MAD 0: no spread to measure against
