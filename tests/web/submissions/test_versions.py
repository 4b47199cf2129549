"""Submitted versions are snapshots, compared field by field with the one before."""

from __future__ import annotations

import copy
from collections.abc import Callable

from django.test import Client

from apps.reviews.services import (
    submission_approve,
    submission_resubmit,
    submission_return,
    submission_submit,
)
from apps.submissions.diffing import compare
from apps.submissions.models import Submission
from apps.submissions.services import submission_data_save
from tests.web.conftest import World, report_for

Upload = Callable[..., Submission]


def test_compare_lists_changed_added_and_removed_fields() -> None:
    before = {
        "spending": {"total": "100", "functional": [{"stated_name": "教育支出", "amount": "100"}]},
        "problems": ["甲"],
    }
    after = {
        "spending": {"total": "100.00", "basic": "60", "functional": []},
        "problems": ["甲", "乙"],
    }
    changes = {c.label: (c.before, c.after, c.kind) for c in compare(before, after)}
    assert "支出合计" not in changes  # 100 and 100.00 are the same figure
    assert changes["基本支出"] == ("", "60", "added")
    assert changes["功能分类：教育支出"] == ("100", "", "removed")
    assert changes["存在的问题"] == ("甲", "甲\n乙", "changed")


def test_versions_stay_as_submitted_and_show_their_differences(
    world: World, upload: Upload
) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a, flaw="basic"))
    submission_submit(submission=submission, by=world.prep_a)
    first = submission.current_version
    assert first is not None and first.number == 1
    snapshot = copy.deepcopy(first.data)
    submission_approve(submission=submission, by=world.head_a)
    submission_return(submission=submission, by=world.rev_x, comment="人员经费有误")
    data = copy.deepcopy(submission.data)
    data["spending"]["personnel"] = "1.00"
    submission_data_save(
        submission=submission, data=data, lock_version=submission.lock_version, by=world.prep_a
    )
    submission_resubmit(submission=submission, by=world.prep_a)
    first.refresh_from_db()
    assert first.data == snapshot  # the first version did not move
    assert submission.current_version is not None and submission.current_version.number == 2
    client = Client()
    client.force_login(world.rev_x)
    page = client.get(f"/submissions/{submission.pk}/versions/2/").content.decode()
    assert "与第1版相比的变化" in page and "<ins>1</ins>" in page
    client.force_login(world.prep_b)
    assert client.get(f"/submissions/{submission.pk}/versions/1/").status_code == 404
