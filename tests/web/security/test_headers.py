"""Private responses are never kept by a cache, every page runs under a Content-Security-
Policy it passes (no inline script, no event attribute), and a bad request or a failed CSRF
check gets a Chinese page in the site's layout."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from apps.headers import CSP
from tests.web.api.conftest import JsonClient
from tests.web.conftest import World
from tests.web.security.conftest import Scene
from tests.web.security.rules import PAGE_RULES

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
_EVENT_ATTRIBUTE = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
_STYLE_BLOCK = re.compile(r"<style[\s>]", re.I)


def _pages(scene: Scene) -> list[str]:
    urls = []
    for name, rules in PAGE_RULES.items():
        for rule in rules:
            if rule.method == "GET":
                for variant in rule.variants:
                    kwargs = {**(rule.kwargs(scene, "own") if rule.kwargs else {}), **variant}
                    urls.append(reverse(name, kwargs=kwargs or None))
    return sorted(set(urls))


def test_every_page_passes_the_csp_and_private_ones_are_not_cached(
    scene: Scene, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    client = Client()
    client.force_login(scene.world.admin)
    problems: list[str] = []
    html_pages = 0
    for url in _pages(scene):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.get(url)
        if response["Content-Security-Policy"] != CSP:
            problems.append(f"{url}: 没有 CSP")
        if response.get("Cache-Control") != "private, no-store":
            problems.append(f"{url}: Cache-Control={response.get('Cache-Control')!r}")
        if response.streaming or "text/html" not in response.get("Content-Type", ""):
            continue
        html_pages += 1
        page = response.content.decode()
        for pattern, what in (
            (_INLINE_SCRIPT, "内联脚本"),
            (_EVENT_ATTRIBUTE, "事件属性"),
            (_STYLE_BLOCK, "<style> 块"),
        ):
            if pattern.search(page):
                problems.append(f"{url}: {what}")
        if "javascript:" in page:
            problems.append(f"{url}: javascript: 链接")
    assert html_pages > 30
    assert not problems, "\n".join(problems)


def test_api_data_and_downloads_are_private(world: World) -> None:
    client = JsonClient(world.prep_a)
    submission = world.submission(world.a)
    for url in (f"/api/submissions/{submission.pk}", "/api/submissions", "/api/me"):
        assert client.get(url)["Cache-Control"] == "private, no-store", url


def test_the_public_pages_keep_their_caching(db: None) -> None:
    response = Client().get("/public/")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert response["Content-Security-Policy"] == CSP
    assert "no-store" not in JsonClient().get("/api/public/reports").get("Cache-Control", "")


def test_a_public_page_asked_by_a_signed_in_user_is_private(world: World) -> None:
    client = Client()
    client.force_login(world.prep_a)
    assert client.get("/public/")["Cache-Control"] == "private, no-store"


def test_a_failed_csrf_check_gets_the_chinese_page(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.prep_a)
    submission = world.submission(world.a)
    response = client.post(f"/submissions/{submission.pk}/edit/", {"lock_version": "1"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "页面已过期" in page and "刷新页面" in page and "绩效评价管理系统" in page
    assert "CSRF" not in page and "Forbidden" not in page


def test_a_bad_request_gets_the_chinese_page(world: World, settings: Any) -> None:
    settings.ALLOWED_HOSTS = ["jixiao.example.gov.cn"]
    response = Client().get("/public/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    page = response.content.decode()
    assert "请求无效" in page and "Bad Request" not in page


@pytest.mark.parametrize("path", ["/accounts/login/", "/"])
def test_the_log_in_and_home_pages_are_private(db: None, path: str) -> None:
    response = Client().get(path)
    assert response.get("Cache-Control") == "private, no-store"
