"""Log-in throttling (5 failures in 15 minutes per user name and address, in Chinese) and the
audit of every log-in, successful or not, whichever door it comes through."""

from __future__ import annotations

import datetime

from django.contrib.auth import authenticate
from django.test import Client, RequestFactory
from django.utils import timezone

from apps.audit.models import AuditAction, AuditEntry
from tests.web.conftest import PASSWORD, World


def _try(client: Client, password: str, username: str = "prep_a") -> int:
    response = client.post("/accounts/login/", {"username": username, "password": password})
    return response.status_code


def test_every_log_in_is_in_the_audit_log(world: World) -> None:
    client = Client(REMOTE_ADDR="10.1.2.3")
    assert _try(client, "wrong") == 200
    assert _try(client, PASSWORD) == 302
    log_ins = AuditEntry.objects.filter(action__startswith="login").order_by("id")
    entries = list(log_ins.values_list("action", "actor_name", "ip"))
    assert entries == [
        (AuditAction.LOGIN_FAILED, "prep_a", "10.1.2.3"),
        (AuditAction.LOGIN, "prep_a", "10.1.2.3"),
    ]
    assert AuditEntry.objects.get(action=AuditAction.LOGIN).actor == world.prep_a


def test_five_failures_lock_the_name_from_that_address_for_15_minutes(world: World) -> None:
    client = Client(REMOTE_ADDR="10.1.2.3")
    for _ in range(5):
        assert _try(client, "wrong") == 200
    refused = client.post("/accounts/login/", {"username": "prep_a", "password": PASSWORD})
    page = refused.content.decode()
    assert refused.status_code == 200 and "登录失败次数过多" in page and "15分钟" in page
    assert "_auth_user_id" not in client.session  # even the right password is refused
    assert AuditEntry.objects.filter(action=AuditAction.LOGIN_BLOCKED).count() == 1
    # Another address, or another name, is not locked.
    assert _try(Client(REMOTE_ADDR="10.9.9.9"), PASSWORD) == 302
    assert _try(client, PASSWORD, username="head_a") == 302
    # 15 minutes later the name may try again.
    AuditEntry.objects.update(at=timezone.now() - datetime.timedelta(minutes=16))
    assert _try(client, PASSWORD) == 302


def test_a_success_resets_the_count(world: World) -> None:
    client = Client(REMOTE_ADDR="10.1.2.3")
    for _ in range(4):
        _try(client, "wrong")
    assert _try(client, PASSWORD) == 302
    client.logout()
    for _ in range(4):
        _try(client, "wrong")
    assert _try(client, PASSWORD) == 302


def test_the_admin_door_and_scripts_are_throttled_too(world: World) -> None:
    client = Client(REMOTE_ADDR="10.1.2.3")
    for _ in range(5):
        client.post("/admin/login/", {"username": "admin", "password": "wrong"})
    refused = client.post("/admin/login/?next=/admin/", {"username": "admin", "password": PASSWORD})
    assert refused.status_code == 200 and "登录失败次数过多" in refused.content.decode()
    # Every door calls authenticate(), which the backend throttles by name and address.
    request = RequestFactory(REMOTE_ADDR="10.1.2.3").post("/api/")
    assert authenticate(request, username="admin", password=PASSWORD) is None
    elsewhere = RequestFactory(REMOTE_ADDR="10.4.4.4").post("/api/")
    assert authenticate(elsewhere, username="admin", password=PASSWORD) == world.admin


def test_an_unknown_user_name_is_throttled_and_audited_like_any_other(db: None) -> None:
    client = Client(REMOTE_ADDR="10.1.2.3")
    for _ in range(6):
        _try(client, "guess", username="nobody")
    assert (
        AuditEntry.objects.filter(actor_name="nobody", action=AuditAction.LOGIN_FAILED).count() == 5
    )
    assert AuditEntry.objects.filter(actor_name="nobody", action=AuditAction.LOGIN_BLOCKED).exists()
