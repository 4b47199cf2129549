"""./run's settings show the Chinese error pages (never Django's English debug page) and still
serve the CSS; production keeps to the collected files."""

from __future__ import annotations

import importlib
import re
import sys
from typing import Any

import pytest
from django.test import Client

from tests.web.conftest import World


def _settings(module: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.delenv("JIXIAO_DEBUG", raising=False)
    monkeypatch.setenv("DJANGO_SECRET_KEY", "test-only-" + "x" * 40)
    for name in (module, "config.settings.base"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    return importlib.import_module(module)


def test_run_settings_have_debug_off_and_find_static_files(monkeypatch: pytest.MonkeyPatch) -> None:
    dev = _settings("config.settings.dev", monkeypatch)
    assert dev.DEBUG is False and dev.WHITENOISE_USE_FINDERS is True
    prod = _settings("config.settings.prod", monkeypatch)
    assert prod.DEBUG is False and prod.WHITENOISE_USE_FINDERS is False
    monkeypatch.setenv("JIXIAO_DEBUG", "1")
    monkeypatch.delitem(sys.modules, "config.settings.base")
    assert importlib.import_module("config.settings.base").DEBUG is True


def test_the_stylesheet_is_served_with_debug_off(db: None, settings: Any) -> None:
    settings.DEBUG = False
    response = Client().get("/static/css/app.css")  # a new client builds WhiteNoise anew
    assert response.status_code == 200
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert b".table-wrap" in body


@pytest.mark.parametrize("path", ["/no-such-page/", "/public/reports/999999/"])
def test_a_missing_public_page_is_the_chinese_404(db: None, settings: Any, path: str) -> None:
    settings.DEBUG = False
    response = Client().get(path)
    assert response.status_code == 404
    page = response.content.decode()
    assert "<h1>页面不存在</h1>" in page and 'lang="zh-CN"' in page
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)[^>]*>.*?</\1>", "", page, flags=re.S))
    assert not re.search(r"[A-Za-z]{2,}", text), text


def test_a_refused_page_is_the_chinese_403(world: World, settings: Any) -> None:
    settings.DEBUG = False
    client = Client()
    client.force_login(world.prep_a)
    response = client.get(f"/campaigns/{world.campaign.pk}/export.xlsx")
    assert response.status_code == 403
    assert "<h1>无权访问</h1>" in response.content.decode()
