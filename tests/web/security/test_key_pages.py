"""What the granted key-project pages show: to unit A's people, region X's reviewer and the
evaluators of A's project, nothing of unit B, region Y or B's project (救助站改造), though B's
project is on the same plan with its own evaluator (李评审), request and file."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.web.security.conftest import Scene
from tests.web.security.leaks import leaked
from tests.web.security.rules_key import KEY_PAGE_RULES
from tests.web.security.spec import granted


def _text(response: Any) -> str:
    if response.get("Content-Type", "").startswith("application/vnd"):
        return ""  # a Word file: its text is checked by the report tests
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode("utf-8", errors="ignore")


@pytest.mark.parametrize(
    "role", ["preparer A", "head A", "reviewer X", "expert", "agency", "agency staff"]
)
def test_granted_key_pages_show_nothing_of_unit_b(scene: Scene, role: str) -> None:
    client = Client()
    client.force_login(scene.user(role))
    secrets = [scene.world.b.name, scene.world.b.code, scene.world.y.name, "救助站改造"]
    if role != "reviewer X":  # the organizer picks from the city's whole pool of experts
        secrets.append("李评审")
    seen = 0
    for name, rules in KEY_PAGE_RULES.items():
        for rule in rules:
            if rule.method != "GET" or not granted(rule.who_for({}), role, "own"):
                continue
            with transaction.atomic():
                if rule.prepare:
                    rule.prepare(scene, "own", {})
                kwargs = rule.kwargs(scene, "own") if rule.kwargs else {}
                response = client.get(reverse(name, kwargs=kwargs or None))
                transaction.set_rollback(True)
            assert response.status_code == 200, (name, role, response.status_code)
            text = _text(response)
            assert not leaked(secrets, text), (name, role)
            seen += 1
    assert seen >= 3
