"""Hand-read texts: the shared real excerpts (when ../shared is present) and our held-out set.

The bar is the issue's: recall ≥ 90 % and precision ≥ 95 % of stated figures, every real
mismatch caught, no false alarm on a consistent text.
"""

from __future__ import annotations

import pytest

from tests.conftest import CORPUS, ROOT
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
    real = CORPUS / "real"
    if not real.exists():
        pytest.skip("../shared/corpus is absent")
    score = score_folder(real, CORPUS / "expected.tsv", CORPUS / "checks.tsv")
    _assert_meets_the_bar(score)
    assert not score.wrong and not score.extra  # nothing invented, nothing misread


def test_texts_that_state_nothing_get_nothing(heldout: Score) -> None:
    invented = [e for e in heldout.extra if e.split()[0] in {"112", "113", "123"}]
    assert not invented
