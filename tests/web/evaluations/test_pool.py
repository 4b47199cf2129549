"""The pool: experts and agencies are accounts of their own roles, with no unit and no region,
made by the administrator on the pool's pages."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from apps.accounts.models import Role, User
from apps.evaluations.models import Agency, Conflict, Expert
from tests.web.conftest import World


def _admin(world: World) -> Client:
    client = Client()
    client.force_login(world.admin)
    return client


def test_the_pool_pages_make_accounts_of_the_evaluator_roles(world: World) -> None:
    client = _admin(world)
    expert = {
        "full_name": "孙评审", "username": "sun", "password": "sun-pass-2024", "field": "水利工程",
        "title": "高级工程师", "employer": "甲区农业农村局", "employer_unit": str(world.a.pk),
    }  # fmt: skip
    assert client.post(reverse("evaluations:experts"), expert).status_code == 302
    sun = Expert.objects.select_related("user").get(user__username="sun")
    assert sun.user.role == Role.EXPERT and sun.user.unit is None and sun.user.region is None
    assert sun.employer_unit == world.a and sun.user.check_password("sun-pass-2024")
    again = client.post(reverse("evaluations:experts"), expert)
    assert "用户名“sun”已被使用" in again.content.decode()
    agency = {"name": "甲市信达评估公司", "username": "xinda", "password": "xinda-pass-24"}
    assert client.post(reverse("evaluations:agencies"), agency).status_code == 302
    firm = Agency.objects.get(name="甲市信达评估公司")
    staff = {"full_name": "钱审计", "username": "xinda_01", "password": "qian-pass-24"}
    client.post(reverse("evaluations:agency_staff", kwargs={"pk": firm.pk}), staff)
    roles = dict(firm.members.values_list("user__username", "user__role"))
    assert roles == {"xinda": Role.AGENCY, "xinda_01": Role.AGENCY_STAFF}
    conflict = {"unit": str(world.b.pk), "reason": "配偶在该单位任职"}
    client.post(reverse("evaluations:expert_conflict", kwargs={"pk": sun.pk}), conflict)
    assert Conflict.objects.get(expert=sun).unit == world.b
    page = client.get(reverse("evaluations:experts")).content.decode()
    assert "配偶在该单位任职" in page and "孙评审" in page


def test_an_evaluator_account_cannot_hold_a_unit_or_a_region(world: World) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="bad", role=Role.EXPERT, unit=world.a)
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="bad2", role=Role.AGENCY_STAFF, region=world.x)


def test_evaluators_see_neither_the_units_nor_the_pool(world: World) -> None:
    client = _admin(world)
    client.post(
        reverse("evaluations:experts"),
        {"full_name": "孙评审", "username": "sun", "password": "sun-pass-2024",
         "field": "水利工程", "employer": "甲市水利设计院"},
    )  # fmt: skip
    expert = Client()
    expert.force_login(User.objects.get(username="sun"))
    assert expert.get(reverse("evaluations:experts")).status_code == 403
    units = expert.get(reverse("units:list")).content.decode()
    assert world.a.name not in units and world.b.name not in units
    home = expert.get("/").content.decode()
    assert "评价任务" not in home.split("<main", 1)[1]  # the campaigns are the units' business
