"""Integers beyond any id in a page's address or query string: 404 (or the parameter is
ignored), never a 500 from the database driver. Every page of the URL resolver is asked."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import URLPattern

from tests.web.conftest import World
from tests.web.security.test_matrix import routes

HUGE = ("999999999999999999", "99999999999999999999999", "9223372036854775808")
_PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


def _pages() -> list[URLPattern]:
    return [r.pattern for r in routes() if r.namespace not in ("api", "admin")]


def _filled(route: str, number: str) -> str:
    def one(match: re.Match[str]) -> str:
        converter = match.group(1) or "str"
        return number if converter in ("id", "year", "int") else "x"

    return "/" + _PARAMETER.sub(one, route)


def _page_routes() -> list[str]:
    """Each page's route from the root (the include prefixes put before its own)."""
    found: list[str] = []
    from django.urls import URLResolver, get_resolver

    def walk(resolver: URLResolver, prefix: str) -> None:
        for entry in resolver.url_patterns:
            here = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                if not here.startswith(("api/", "admin/")):
                    walk(entry, here)
            elif _PARAMETER.search(here):
                found.append(here)

    walk(get_resolver(), "")
    return found


def test_every_numeric_path_parameter_is_bounded() -> None:
    plain_int = [r for r in _page_routes() if "<int:" in r]
    assert not plain_int, f"请用 <id:…> 或 <year:…>（有上限），不要用 <int:…>：{plain_int}"
    assert _pages()


@pytest.mark.parametrize("number", HUGE)
def test_huge_ids_in_any_page_address_are_404(world: World, number: str) -> None:
    client = Client()
    client.force_login(world.admin)
    failures = []
    for route in _page_routes():
        url = _filled(route, number)
        for method in ("get", "post"):
            status = getattr(client, method)(url).status_code
            if status >= 500 or status == 200:
                failures.append(f"{method.upper()} {url}: {status}")
    assert not failures, failures


@pytest.mark.parametrize(
    "url",
    [
        "/units/?region={n}",
        "/public/?year={n}",
        "/targets/?year={n}",
        "/rectification/?year={n}",
        "/rectification/peers/2022/?kind={n}",
    ],
)
@pytest.mark.parametrize("number", [*HUGE, "²", "-1", "１２"])
def test_huge_or_odd_numbers_in_query_strings_are_ignored(
    world: World, url: str, number: str
) -> None:
    client = Client()
    client.force_login(world.admin)
    response = client.get(url.format(n=number))
    assert response.status_code == 200, (url, number, response.status_code)


@pytest.mark.parametrize("number", HUGE)
def test_a_huge_region_on_the_monitoring_overview(world: World, number: str) -> None:
    import datetime

    from apps.monitoring.services import checkpoint_create

    checkpoint = checkpoint_create(
        year=2023,
        as_of=datetime.date(2023, 7, 31),
        title="",
        due_date=datetime.date(2023, 8, 15),
        by=world.admin,
    )
    client = Client()
    client.force_login(world.admin)
    response = client.get(f"/monitoring/{checkpoint.pk}/?region={number}")
    assert response.status_code == 200


@pytest.mark.parametrize("number", HUGE)
def test_a_huge_lock_version_in_a_workflow_step(world: World, number: str) -> None:
    client = Client()
    client.force_login(world.prep_a)
    submission = world.submission(world.a)
    response = client.post(
        f"/reviews/{submission.pk}/submit/", {"lock_version": number, "action": "submit"}
    )
    assert response.status_code < 500
