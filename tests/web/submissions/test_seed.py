"""The seed report: the preparer sees its two inconsistencies and corrects them."""

from __future__ import annotations

import copy
from collections.abc import Callable
from decimal import Decimal

import pytest

from apps.submissions.models import Submission
from apps.submissions.services import submission_data_save
from tests.web.conftest import World

Upload = Callable[..., Submission]


@pytest.mark.shared
def test_seed_errors_are_shown_then_corrected(world: World, upload: Upload, seed_text: str) -> None:
    submission = upload(world.submission(world.a), world.prep_a, seed_text, "seed.txt")
    assert submission.error_count == 2
    assert {"basic-equals-personnel-plus-public", "functional-sum-equals-total"} <= set(
        submission.finding_codes
    )
    data = copy.deepcopy(submission.data)
    spending = data["spending"]
    # 人员经费 was written as the whole of 基本支出; the 功能分类 list is of the total.
    spending["personnel"] = str(Decimal(spending["basic"]) - Decimal(spending["public"]))
    spending["functional_basis"] = "total"
    listed = sum(Decimal(i["amount"]) for i in spending["functional"])
    spending["functional"][0]["amount"] = str(
        Decimal(spending["functional"][0]["amount"]) + Decimal(spending["total"]) - listed
    )
    saved = submission_data_save(
        submission=submission, data=data, lock_version=submission.lock_version, by=world.prep_a
    )
    assert saved.error_count == 0, saved.findings
