"""The admin site is no side door: every change made there is an audit entry with the
changed fields before and after, who, when and from which address; publications are read
only there; a unit moved between regions is audited and listed for the bureau."""

from __future__ import annotations

import datetime
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client

from apps.accounts.models import User
from apps.audit.models import AuditAction, AuditEntry
from apps.campaigns.models import Campaign
from apps.monitoring.models import Checkpoint
from apps.monitoring.services import checkpoint_create
from apps.units.models import Region, Unit
from tests.web.conftest import World


class _Form(HTMLParser):
    """The values a browser would post back from the admin's change form, unchanged."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, Any] = {}
        self._select: str | None = None
        self._textarea: str | None = None
        self._in_form = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self._in_form = True
        if not self._in_form or "name" not in a:
            if tag == "option" and self._select and "selected" in a:
                self._add(self._select, a.get("value", ""))
            return
        name = a["name"]
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self._add(name, a.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select":
            self._select = name
        elif tag == "textarea":
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._in_form = False

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.data[self._textarea] += data

    def _add(self, name: str, value: str) -> None:
        if name in self.data:
            old = self.data[name]
            self.data[name] = [*old, value] if isinstance(old, list) else [old, value]
        else:
            self.data[name] = value


def _admin(world: World) -> Client:
    client = Client(REMOTE_ADDR="10.1.2.3")
    client.force_login(world.admin)
    return client


def _change(client: Client, url: str, **changes: Any) -> Any:
    page = client.get(url)
    assert page.status_code == 200, url
    form = _Form()
    form.feed(page.content.decode())
    data = {**form.data, **changes}
    for name in [k for k, v in changes.items() if v is None]:
        data.pop(name)  # an unticked checkbox is not posted
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return response


def _entry(target: Any, action: str = AuditAction.UPDATE) -> AuditEntry:
    entry = AuditEntry.objects.filter(
        object_type=target._meta.label_lower, object_id=str(target.pk), action=action
    ).first()
    assert entry is not None, f"没有 {target} 的审计记录"
    assert entry.actor_name == "admin" and entry.ip == "10.1.2.3", entry
    assert entry.summary.get("via") == "admin"
    return entry


def test_deactivating_a_user_is_audited(world: World) -> None:
    client = _admin(world)
    _change(client, f"/admin/accounts/user/{world.prep_b.pk}/change/", is_active=None)
    world.prep_b.refresh_from_db()
    assert not world.prep_b.is_active
    entry = _entry(world.prep_b)
    assert entry.summary["before"] == {"is_active": True}
    assert entry.summary["after"] == {"is_active": False}


def test_setting_a_password_in_the_admin_is_audited_without_it(world: World) -> None:
    client = _admin(world)
    url = f"/admin/accounts/user/{world.prep_b.pk}/password/"
    new = "Another-pass-2024!"
    response = client.post(url, {"password1": new, "password2": new, "usable_password": "true"})
    assert response.status_code == 302
    entry = _entry(world.prep_b, AuditAction.PASSWORD)
    assert new not in str(entry.summary)


def test_renaming_and_moving_a_unit_is_audited_and_shown_to_the_bureau(world: World) -> None:
    client = _admin(world)
    _change(client, f"/admin/units/unit/{world.a2.pk}/change/", name="甲区第一中学（新）")
    renamed = _entry(world.a2)
    assert renamed.summary["after"] == {"name": "甲区第一中学（新）"}
    AuditEntry.objects.all().delete()
    _change(client, f"/admin/units/unit/{world.a2.pk}/change/", region=str(world.y.pk))
    moved = _entry(world.a2)
    assert moved.summary["before"] == {"region": "甲区"}
    assert moved.summary["after"] == {"region": "乙县"}
    for user, shown in ((world.rev_x, True), (world.rev_y, True), (world.admin, True)):
        viewer = Client()
        viewer.force_login(user)
        page = viewer.get("/units/").content.decode()
        assert ('id="unit-moves"' in page) is shown, user
        assert "甲区第一中学（新）" in page and "10.1.2.3" in page
    preparer = Client()
    preparer.force_login(world.prep_a)
    assert 'id="unit-moves"' not in preparer.get("/units/").content.decode()


def test_renaming_a_region_and_deleting_one_are_audited(world: World) -> None:
    client = _admin(world)
    _change(client, f"/admin/units/region/{world.y.pk}/change/", name="乙县（撤县设区）")
    assert _entry(world.y).summary["after"] == {"name": "乙县（撤县设区）"}
    spare = Region.objects.create(code="Z", name="丙镇")
    response = client.post(f"/admin/units/region/{spare.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and not Region.objects.filter(pk=spare.pk).exists()
    deleted = AuditEntry.objects.get(action=AuditAction.DELETE, object_id=str(spare.pk))
    assert deleted.summary["before"]["name"] == "丙镇" and deleted.ip == "10.1.2.3"


def test_changing_a_deadline_is_audited(world: World) -> None:
    client = _admin(world)
    campaign = world.campaign
    _change(
        client,
        f"/admin/campaigns/campaign/{campaign.pk}/change/",
        deadline="2023-06-30",
    )
    campaign = Campaign.objects.get(pk=campaign.pk)
    assert campaign.deadline == datetime.date(2023, 6, 30)
    entry = _entry(campaign)
    assert entry.summary["before"] == {"deadline": "2023-05-31"}
    assert entry.summary["after"] == {"deadline": "2023-06-30"}


def test_closing_a_checkpoint_is_audited(world: World) -> None:
    checkpoint = checkpoint_create(
        year=2023,
        as_of=datetime.date(2023, 7, 31),
        title="",
        due_date=datetime.date(2023, 8, 15),
        by=world.admin,
    )
    client = _admin(world)
    _change(client, f"/admin/monitoring/checkpoint/{checkpoint.pk}/change/", closed="on")
    assert Checkpoint.objects.get(pk=checkpoint.pk).closed
    assert _entry(checkpoint).summary["after"] == {"closed": True}


def test_adding_a_user_in_the_admin_is_audited(world: World) -> None:
    client = _admin(world)
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "username": "new_clerk",
            "password1": "Clerk-pass-2024!",
            "password2": "Clerk-pass-2024!",
            "usable_password": "true",
            "full_name": "新职员",
            "role": "reviewer",
            "region": str(world.x.pk),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="new_clerk")
    entry = _entry(user, AuditAction.CREATE)
    assert entry.summary["after"]["role"] == "reviewer"
    assert "Clerk-pass-2024!" not in str(entry.summary)


@pytest.mark.parametrize("path", ["add/", "1/change/", "1/delete/"])
def test_publications_are_read_only_in_the_admin(world: World, path: str) -> None:
    client = _admin(world)
    response = client.post(f"/admin/publications/publication/{path}", {})
    assert response.status_code in (403, 302)
    if response.status_code == 302:  # an object that does not exist: back to the list
        assert "/admin/" in response["Location"]
    assert not AuditEntry.objects.filter(object_type="publications.publication").exists()


def test_a_unit_moved_by_the_import_is_audited(world: World) -> None:
    from apps.units.services import units_import_xlsx
    from tests.web.units.test_units import workbook

    file = workbook(
        ["单位编码", "单位名称", "单位性质", "所属区域"], ["A02", "甲区第一中学", "学校", "乙县"]
    )
    result = units_import_xlsx(file=file, by=world.admin)
    assert result.ok, result.errors
    assert Unit.objects.get(code="A02").region == world.y
    entry = AuditEntry.objects.get(object_type="units.unit", object_id=str(world.a2.pk))
    assert entry.summary["before"] == {"region": "甲区"}
    assert entry.summary["after"] == {"region": "乙县"}
