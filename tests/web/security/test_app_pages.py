"""What the granted pages of the targets, monitoring and rectification apps show: to the
people of unit A and the reviewer of region X, nothing of unit B or region Y, though unit B
has a table, an evaluation, a monitoring record and a notice of its own in the scene."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.web.security.conftest import Scene
from tests.web.security.leaks import leaked
from tests.web.security.rules_apps import APP_PAGE_RULES
from tests.web.security.spec import granted


def _text(response: Any) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode("utf-8", errors="ignore")


@pytest.mark.parametrize("role", ["preparer A", "head A", "reviewer X"])
def test_granted_pages_show_nothing_of_unit_b(scene: Scene, role: str) -> None:
    client = Client()
    client.force_login(scene.user(role))
    secrets = (scene.world.b.name, scene.world.b.code, scene.world.y.name)
    seen = 0
    for name, rules in APP_PAGE_RULES.items():
        for rule in rules:
            if rule.method != "GET":
                continue
            for variant in rule.variants:
                if not granted(rule.who_for(variant), role, "own"):
                    continue
                with transaction.atomic():
                    if rule.prepare:
                        rule.prepare(scene, "own", variant)
                    kwargs = {**(rule.kwargs(scene, "own") if rule.kwargs else {}), **variant}
                    response = client.get(reverse(name, kwargs=kwargs or None))
                    transaction.set_rollback(True)
                assert response.status_code == 200, (name, role, response.status_code)
                text = _text(response)
                assert not leaked(secrets, text), (name, role)
                seen += 1
    assert seen >= 10


def test_the_bureaus_lights_are_its_regions_units(scene: Scene) -> None:
    url = reverse("monitoring:overview", kwargs={"pk": scene.checkpoint.pk})
    world = scene.world
    shown = {}
    for user in (world.rev_x, world.rev_y, world.admin):
        client = Client()
        client.force_login(user)
        text = client.get(url).content.decode()
        shown[user.username] = {u.code for u in (world.a, world.b) if u.name in text}
    assert shown == {"rev_x": {"A01"}, "rev_y": {"B01"}, "admin": {"A01", "B01"}}
