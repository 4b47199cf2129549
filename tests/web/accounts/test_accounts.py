"""Roles, scopes and the policy every view and service asks."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from apps.accounts import policy
from apps.accounts.models import Role, User
from apps.accounts.services import user_create
from apps.errors import InvalidInput
from tests.web.conftest import PASSWORD, World


def test_a_unit_role_needs_its_unit_and_a_reviewer_its_region(world: World) -> None:
    with pytest.raises(InvalidInput, match="必须指定所属单位"):
        user_create(username="p", password=PASSWORD, role=Role.PREPARER)
    with pytest.raises(InvalidInput, match="负责区域"):
        user_create(username="r", password=PASSWORD, role=Role.REVIEWER)


def test_the_database_refuses_a_role_without_its_scope(world: World) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="loose", role=Role.PREPARER)


def test_only_administrators_reach_the_django_admin(world: World) -> None:
    assert world.admin.is_staff and world.admin.is_superuser
    assert not any(u.is_staff for u in (world.prep_a, world.head_a, world.rev_x))
    client = Client()
    client.force_login(world.rev_x)
    assert client.get("/admin/").status_code == 302
    client.force_login(world.admin)
    assert client.get("/admin/").status_code == 200


def test_createsuperuser_makes_an_administrator(db: None) -> None:
    user = User.objects.create_superuser("root", "", PASSWORD)
    assert user.role == Role.ADMIN


def test_units_visible_follow_the_role(world: World) -> None:
    from apps.units.models import Unit

    def seen(user: object) -> set[str]:
        return set(Unit.objects.filter(policy.units_q(user)).values_list("code", flat=True))

    assert seen(world.prep_a) == {"A01"}
    assert seen(world.head_b) == {"B01"}
    assert seen(world.rev_x) == {"A01", "A02"}
    assert seen(world.rev_y) == {"B01"}
    assert seen(world.admin) == {"A01", "A02", "B01"}
    from django.contrib.auth.models import AnonymousUser

    assert seen(AnonymousUser()) == set()


def test_who_may_prepare_approve_and_review(world: World) -> None:
    a, b = world.a, world.b
    assert policy.can_prepare(world.prep_a, a.pk) and not policy.can_prepare(world.prep_a, b.pk)
    assert not policy.can_prepare(world.head_a, a.pk)
    assert policy.can_approve(world.head_a, a.pk) and not policy.can_approve(world.prep_a, a.pk)
    assert policy.can_review(world.rev_x, a.region_id)
    assert not policy.can_review(world.rev_x, b.region_id)
    assert policy.can_review(world.admin, b.region_id)
    world.rev_x.is_active = False
    assert not policy.can_review(world.rev_x, a.region_id)


def test_log_in_and_out_and_change_password(world: World) -> None:
    client = Client()
    page = client.get("/accounts/login/")
    assert "用户名" in page.content.decode()
    wrong = client.post("/accounts/login/", {"username": "prep_a", "password": "nope"})
    assert wrong.status_code == 200 and "prep_a" in wrong.content.decode()  # typed name kept
    response = client.post("/accounts/login/", {"username": "prep_a", "password": PASSWORD})
    assert response.status_code == 302
    changed = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "Another-pass-456",
            "new_password2": "Another-pass-456",
        },
    )
    assert changed.status_code == 302
    client.post("/accounts/logout/")
    assert client.get("/campaigns/").status_code == 302  # signed out: to the log-in page
    assert client.login(username="prep_a", password="Another-pass-456")


def test_password_validators_answer_in_chinese(world: World) -> None:
    client = Client()
    client.force_login(world.prep_a)
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "123", "new_password2": "123"},
    )
    assert response.status_code == 200
    assert "密码" in response.content.decode() and "太短" in response.content.decode()
