"""Hand-read texts: the shared real excerpts (when ../shared is present) and our own sets.

The two sets in tests/fixtures (heldout, heldout2) were written in-house: they are regression
tests of patterns we already read, not a measure of how the parser generalises (texts written
in-house measure their writer's imagination). Only the real corpus measures that; its figures
are in docs/corpus.md. The in-house sets must keep recall ≥ 90 % and precision ≥ 95 %, every
mismatch caught and no false alarm.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.audit.rules import level_share_equals_whole
from jixiao.domain.findings import Severity
from jixiao.intake.parse import parse_text
from tests.audit.builders import run_rule
from tests.conftest import CORPUS, ROOT
from tests.corpus_scores import corpus_totals
from tests.figures_oracle import Score, score_folder

HELDOUT = ROOT / "tests" / "fixtures" / "heldout"
HELDOUT2 = ROOT / "tests" / "fixtures" / "heldout2"


def _assert_meets_the_bar(score: Score) -> None:
    detail = "\n".join(score.wrong + score.missing + score.extra)
    assert score.recall >= 0.90, detail
    assert score.precision >= 0.95, detail
    assert not score.missed_mismatch, score.missed_mismatch
    assert not score.false_alarm, score.false_alarm


@pytest.fixture(scope="module")
def heldout() -> Score:
    return score_folder(HELDOUT, HELDOUT / "expected.tsv", HELDOUT / "checks.tsv")


def test_heldout_texts_written_blind_to_the_parser(heldout: Score) -> None:
    _assert_meets_the_bar(heldout)


def test_second_heldout_set_from_other_provinces() -> None:
    _assert_meets_the_bar(
        score_folder(HELDOUT2, HELDOUT2 / "expected.tsv", HELDOUT2 / "checks.tsv")
    )


def test_shared_real_excerpts() -> None:
    """The real corpus, scored exactly as ../shared/tools/corpus_eval.py scores it (its own
    functions, scopes included), in-process.

    Issue 11 asks for recall ≥ 95 %, precision ≥ 98 %, ≥ 90 % of the inconsistent texts
    caught and at most 2 false alarms. These floors are what the parser reaches today (first
    seen at a60025a: recall 59 %, precision 86 %, 9 of 30 caught, 4 false alarms): they keep
    what was won from slipping back and are raised as the parser gets better.
    """
    if not (CORPUS / "real").exists():
        pytest.skip("../shared/corpus is absent")
    totals = corpus_totals()
    assert totals.recall >= 0.97, totals.detail
    assert totals.precision >= 0.98, totals.detail
    assert totals.project_recall >= 0.93, totals.detail
    assert totals.caught >= 27, totals.detail
    assert totals.false_alarms == 0, totals.detail


def test_a_whole_called_one_levels_money_in_a_real_text() -> None:
    """445 splits a project's money into central and county shares that add up, then calls
    the whole the central money (the case level-share-equals-whole was written for)."""
    path = CORPUS / "real" / "445.txt"
    if not path.exists():
        pytest.skip("../shared/corpus is absent")
    report = parse_text(path.read_text(encoding="utf-8"), source=path.name)
    findings = run_rule(level_share_equals_whole, report)
    assert [(f.severity, f.computed) for f in findings] == [(Severity.ERROR, Decimal("30.9"))]


def test_texts_that_state_nothing_get_nothing(heldout: Score) -> None:
    invented = [e for e in heldout.extra if e.split()[0] in {"112", "113", "123"}]
    assert not invented
