"""Tokens for scripts (hashed, revocable, last use recorded) and the browser's session with
CSRF enforced on every write."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from apps.api.models import ApiToken
from apps.api.tokens import token_issue, token_revoke
from apps.audit.models import AuditAction, AuditEntry
from tests.web.api.conftest import JsonClient, error_of
from tests.web.conftest import PASSWORD, World


def test_the_command_issues_a_token_that_is_stored_only_as_a_hash(world: World) -> None:
    out = io.StringIO()
    call_command("jixiao_token", "rev_x", "--name", "预算系统对接", "--quiet", stdout=out)
    secret = out.getvalue().strip()
    assert secret.startswith("jx_") and len(secret) > 40
    token = ApiToken.objects.get(owner=world.rev_x)
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(list(ApiToken.objects.values()))
    assert token.name == "预算系统对接" and token.last_used_at is None
    assert AuditEntry.objects.filter(action=AuditAction.TOKEN, object_id=str(token.pk)).exists()
    response = JsonClient().get("/api/me", Authorization=f"Bearer {secret}")
    assert response.status_code == 200 and response.json()["username"] == "rev_x"
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_the_command_refuses_an_unknown_user(db: None) -> None:
    with pytest.raises(CommandError, match="没有用户"):
        call_command("jixiao_token", "nobody", stdout=io.StringIO())


def test_a_revoked_token_or_an_inactive_owner_is_refused(world: World) -> None:
    issued = token_issue(owner=world.prep_a)
    header = {"Authorization": f"Bearer {issued.secret}"}
    assert JsonClient().get("/api/units", **header).status_code == 200
    token_revoke(token=issued.token, by=world.admin)
    assert error_of(JsonClient().get("/api/units", **header), 401)["code"] == "invalid_token"
    other = token_issue(owner=world.prep_b)
    world.prep_b.is_active = False
    world.prep_b.save()
    response = JsonClient().get("/api/units", Authorization=f"Bearer {other.secret}")
    error_of(response, 401)


def test_a_token_sees_what_its_owner_sees(
    world: World, bearer: Callable[[Any], dict[str, str]]
) -> None:
    response = JsonClient().get("/api/units", **bearer(world.rev_y))
    assert [u["code"] for u in response.json()["items"]] == ["B01"]


def test_a_token_request_needs_no_csrf_token(
    world: World, bearer: Callable[[Any], dict[str, str]]
) -> None:
    client = JsonClient(enforce_csrf_checks=True)
    submission = world.submission(world.a)
    response = client.put(
        f"/api/submissions/{submission.pk}/data",
        {"spending": {"total": "12.5"}},
        **{"If-Match": "*", **bearer(world.prep_a)},
    )
    assert response.status_code == 200, response.content


def test_a_session_write_without_csrf_is_refused(world: World) -> None:
    client = JsonClient(world.prep_a, enforce_csrf_checks=True)
    submission = world.submission(world.a)
    url = f"/api/submissions/{submission.pk}/data"
    assert client.get(url).status_code == 200  # reads need no CSRF token
    refused = client.put(url, {"spending": {"total": "12.5"}}, **{"If-Match": "*"})
    assert error_of(refused, 403)["code"] == "csrf_failed"
    submission.refresh_from_db()
    assert submission.lock_version == 1  # nothing written


def test_a_session_write_with_the_csrf_token_passes(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.get("/accounts/login/")
    token = client.cookies["csrftoken"].value
    client.post(
        "/accounts/login/",
        {"username": "prep_a", "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    token = client.cookies["csrftoken"].value  # rotated at log-in
    submission = world.submission(world.a)
    response = client.put(
        f"/api/submissions/{submission.pk}/data",
        data='{"spending": {"total": "12.5"}}',
        content_type="application/json",
        headers={"If-Match": "*", "X-CSRFToken": token, "Referer": "http://testserver/"},
    )
    assert response.status_code == 200, response.content
