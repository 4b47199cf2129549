"""Fixtures for the API tests: a JSON client per role, tokens, and reports in every state."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from apps.accounts.models import Role, User
from apps.accounts.services import user_create
from apps.api.tokens import token_issue
from apps.reviews.services import submission_transition
from apps.submissions.models import State, Submission
from apps.units.models import Unit
from tests.web.conftest import World, report_for

Upload = Callable[..., Submission]

# The workflow steps from a fresh draft to each state, and who takes each.
PATH_TO: dict[State, tuple[str, ...]] = {
    State.DRAFT: (),
    State.SUBMITTED: ("submit",),
    State.UNDER_REVIEW: ("submit", "approve"),
    State.RETURNED: ("submit", "approve", "return"),
    State.RESUBMITTED: ("submit", "approve", "return", "resubmit", "approve"),
    State.ACCEPTED: ("submit", "approve", "accept"),
    State.PUBLISHED: ("submit", "approve", "accept", "publish"),
}


class JsonClient:
    """Django's test client speaking JSON, as one user (or the public)."""

    def __init__(self, user: User | None = None, **defaults: Any) -> None:
        self.client = Client(**defaults)
        if user is not None:
            self.client.force_login(user)

    def get(self, path: str, **headers: str) -> Any:
        return self.client.get(path, headers=headers)

    def send(self, method: str, path: str, body: Any = None, **headers: str) -> Any:
        data = "" if body is None else json.dumps(body, ensure_ascii=False)
        call = getattr(self.client, method.lower())
        return call(path, data=data, content_type="application/json", headers=headers)

    def post(self, path: str, body: Any = None, **headers: str) -> Any:
        return self.send("POST", path, body, **headers)

    def put(self, path: str, body: Any = None, **headers: str) -> Any:
        return self.send("PUT", path, body, **headers)

    def upload(self, path: str, name: str, content: bytes, **headers: str) -> Any:
        from django.core.files.uploadedfile import SimpleUploadedFile

        file = SimpleUploadedFile(name, content)
        return self.client.post(path, {"file": file}, headers=headers)


@pytest.fixture
def bearer() -> Callable[[User], dict[str, str]]:
    def issue(user: User) -> dict[str, str]:
        return {"Authorization": f"Bearer {token_issue(owner=user).secret}"}

    return issue


ACTOR_ROLE = {
    "submit": "preparer",
    "resubmit": "preparer",
    "approve": "head",
    "send_back": "head",
    "return": "reviewer",
    "accept": "reviewer",
    "publish": "reviewer",
}


def people_of(world: World, unit: Unit) -> dict[str, User]:
    """The preparer, head and reviewer of a unit (made for A2, which has no users)."""

    def one(role: Role) -> User:
        found = User.objects.filter(unit=unit, role=role).first()
        return found or user_create(
            username=f"{role.value}_{unit.code}", password="x-pass-12345", role=role, unit=unit
        )

    reviewer = world.rev_x if unit.region_id == world.x.pk else world.rev_y
    return {"preparer": one(Role.PREPARER), "head": one(Role.HEAD), "reviewer": reviewer}


@pytest.fixture
def drive(world: World, upload: Upload) -> Callable[[Unit, State], Submission]:
    """The report of ``unit`` read from a generated document and taken to ``state``."""

    def to(unit: Unit, state: State) -> Submission:
        people = people_of(world, unit)
        submission = upload(world.submission(unit), people["preparer"], report_for(unit))
        for action in PATH_TO[state]:
            actor = people[ACTOR_ROLE[action]]
            submission_transition(
                submission=submission, action=action, by=actor, comment="意见", confirmed=True
            )
        submission.refresh_from_db()
        assert submission.state == state
        return submission

    return to


CJK = re.compile(r"[\u4e00-\u9fff]")


def error_of(response: Any, status: int | None = None) -> dict[str, Any]:
    """The body of an error response, after checking it has the one error shape."""
    if status is not None:
        assert response.status_code == status, (response.status_code, response.content[:500])
    assert response.status_code >= 400, response.status_code
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = json.loads(response.content)
    assert set(body) == {"error"}, body
    error = body["error"]
    assert set(error) == {"code", "message", "details"}, error
    assert isinstance(error["code"], str) and re.fullmatch(r"[a-z0-9_]+", error["code"]), error
    assert isinstance(error["message"], str) and CJK.search(error["message"]), error
    return dict(error)


def stored_state() -> dict[str, int]:
    """Rows in every table and files under the upload folder: compared before and after a
    refused request, nothing may have been half-stored."""
    from pathlib import Path

    from django.apps import apps
    from django.conf import settings

    counts = {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.label != "sessions.Session"  # a log-in is not data
    }
    root = Path(settings.MEDIA_ROOT)
    counts["files"] = sum(1 for p in root.rglob("*") if p.is_file()) if root.exists() else 0
    return counts
