"""The report read at upload is kept beside the file: a later edit does not read it again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from apps.submissions import engine, read_cache, storage
from apps.submissions.models import Submission
from apps.submissions.services import submission_data_save
from tests.web.conftest import World, report_for

Upload = Callable[..., Submission]


def _stored(submission: Submission) -> Path:
    assert submission.document is not None
    return storage.path_of(submission.document.stored_name)


def test_an_edit_uses_the_report_kept_at_upload(
    world: World, upload: Upload, monkeypatch: pytest.MonkeyPatch
) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    assert read_cache.cache_path(_stored(submission)).is_file()

    def no_second_read(*args: object, **kwargs: object) -> None:
        raise AssertionError("the document was read again")

    monkeypatch.setattr(engine, "read_report", no_second_read)
    data = dict(submission.data)
    data["problems"] = ["会议费偏高"]
    saved = submission_data_save(
        submission=submission, data=data, lock_version=submission.lock_version, by=world.prep_a
    )
    assert saved.data["problems"] == ["会议费偏高"]
    assert saved.error_count == submission.error_count


def test_an_entry_for_another_file_or_a_damaged_one_is_not_used(
    world: World, upload: Upload
) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    stored = _stored(submission)
    kept = read_cache.recall(stored)
    assert kept is not None and kept.profile.name is not None
    assert kept.profile.name.value == world.a.name
    stored.write_bytes(stored.read_bytes() + b"\n")  # the file changed since
    assert read_cache.recall(stored) is None
    read_cache.cache_path(stored).write_bytes(b"not a kept report")
    assert read_cache.recall(stored) is None


def test_removing_the_file_removes_what_was_kept(world: World, upload: Upload) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    assert submission.document is not None
    stored = _stored(submission)
    storage.remove(submission.document.stored_name)
    assert not stored.exists() and not read_cache.cache_path(stored).exists()
