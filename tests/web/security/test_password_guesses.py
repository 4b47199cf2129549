"""Guessing the old password on the password-change page is throttled and audited like a
failed log-in: at someone's unlocked screen the guesses are not unlimited."""

from __future__ import annotations

from django.test import Client

from apps.audit.models import AuditAction, AuditEntry
from apps.audit.services import max_failures
from tests.web.conftest import PASSWORD, World


def _change(client: Client, old: str, new: str = "Brand-new-pass-2024") -> str:
    response = client.post(
        "/accounts/password/",
        {"old_password": old, "new_password1": new, "new_password2": new},
    )
    return response.content.decode() if response.status_code == 200 else ""


def test_old_password_guesses_are_audited_and_throttled(world: World) -> None:
    client = Client(REMOTE_ADDR="10.9.8.7")
    client.force_login(world.prep_a)
    for _ in range(max_failures()):
        page = _change(client, "wrong-guess")
        assert "原密码" in page or "旧密码" in page or "不正确" in page
    failures = AuditEntry.objects.filter(
        action=AuditAction.LOGIN_FAILED, actor_name="prep_a", ip="10.9.8.7"
    )
    assert failures.count() == max_failures()
    # Now even the right old password is refused until the window has passed.
    page = _change(client, PASSWORD)
    assert "登录失败次数过多" in page
    world.prep_a.refresh_from_db()
    assert world.prep_a.check_password(PASSWORD)
    assert AuditEntry.objects.filter(action=AuditAction.LOGIN_BLOCKED, ip="10.9.8.7").exists()


def test_the_right_old_password_changes_it_and_is_audited(world: World) -> None:
    client = Client(REMOTE_ADDR="10.9.8.7")
    client.force_login(world.prep_a)
    response = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "Brand-new-pass-2024",
            "new_password2": "Brand-new-pass-2024",
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action=AuditAction.PASSWORD, actor_name="prep_a")
    assert entry.ip == "10.9.8.7"
