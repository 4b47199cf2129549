"""The scene the permission matrix plays on: a report of unit A (region X) and one of unit B
(region Y), both back with their units after a return (two versions, a document each), a
published report of unit A2 (region X), and a batch import by each region's reviewer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.accounts.models import User
from apps.publications.models import Publication
from apps.submissions.batch import batch_upload
from apps.submissions.models import BatchImport, State, Submission
from tests.web.api.conftest import drive  # noqa: F401 (a fixture)
from tests.web.conftest import World

ROLES = ("anonymous", "preparer A", "head A", "reviewer X", "admin")
SCOPES = ("own", "other")


@dataclass
class Scene:
    world: World
    own: Submission
    other: Submission
    published: Submission
    publication: Publication
    batch_own: BatchImport
    batch_other: BatchImport

    def user(self, role: str) -> User | None:
        w = self.world
        return {
            "anonymous": None,
            "preparer A": w.prep_a,
            "head A": w.head_a,
            "reviewer X": w.rev_x,
            "admin": w.admin,
        }[role]

    def submission(self, scope: str) -> Submission:
        return self.own if scope == "own" else self.other

    def batch(self, scope: str) -> BatchImport:
        return self.batch_own if scope == "own" else self.batch_other


def _batch(world: World, user: User) -> BatchImport:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("不认识的单位.txt", "x")
    file = SimpleUploadedFile("reports.zip", out.getvalue())
    return batch_upload(campaign=world.campaign, upload=file, by=user)


@pytest.fixture
def scene(world: World, drive: Callable[[Any, State], Submission]) -> Scene:  # noqa: F811
    own = drive(world.a, State.RESUBMITTED)
    other = drive(world.b, State.RESUBMITTED)
    published = drive(world.a2, State.PUBLISHED)
    for submission in (own, other):
        # back with the unit (returned), with two versions and its document
        Submission.objects.filter(pk=submission.pk).update(state=State.RETURNED)
        submission.refresh_from_db()
    return Scene(
        world=world,
        own=own,
        other=other,
        published=published,
        publication=Publication.objects.get(submission=published),
        batch_own=_batch(world, world.rev_x),
        batch_other=_batch(world, world.rev_y),
    )
