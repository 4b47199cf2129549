"""The finance bureau's campaign view draws its charts, from the application's own files."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Request, expect

from tests.e2e.conftest import NewPage, Shot, login

pytestmark = pytest.mark.e2e

CAMPAIGN = "2022年度部门整体支出绩效自评"
# What each chart must show somewhere in its drawing (labels come from the demo city).
EXPECTED_TEXT = {"states": "草稿", "functional": "农林水支出", "three_public": "上年"}


def test_the_campaign_view_draws_its_charts(server: str, new_page: NewPage, shot: Shot) -> None:
    page = new_page()
    hosts: set[str] = set()

    def remember(request: Request) -> None:
        hosts.add(urlsplit(request.url).netloc)

    page.on("request", remember)
    login(page, server, "admin")
    page.goto(server + "/campaigns/")
    page.get_by_role("link", name=CAMPAIGN).first.click()
    expect(page.locator("h1")).to_contain_text(CAMPAIGN)

    data = json.loads(page.locator("#chart-data").text_content() or "{}")
    with_data = sorted(name for name, chart in data.items() if chart.get("labels"))
    assert set(EXPECTED_TEXT) <= set(with_data)
    for name in with_data:
        box = page.locator(f'[data-chart="{name}"]')
        expect(box).to_be_visible()
        expect(box.locator("svg")).to_have_count(1)
        size = box.bounding_box()
        assert size is not None and size["width"] > 200 and size["height"] >= 200, name
        # Drawn, not an empty frame: shapes for the figures and the labels as text.
        assert box.locator("svg path").count() > len(data[name]["labels"]), name
        expect(box.locator("svg text").first).to_be_attached()
        if name in EXPECTED_TEXT:
            expect(box.locator("svg")).to_contain_text(EXPECTED_TEXT[name])
    drawn = page.locator("section.has-chart")
    expect(drawn).to_have_count(len(with_data))
    assert hosts == {urlsplit(server).netloc}, f"no CDN, nothing from outside: {hosts}"

    shot(page, "campaign-01-overview")
    shot(page, "campaign-02-functional", focus=page.locator('[data-chart="functional"]'))
    shot(page, "campaign-03-three-public", focus=page.locator('[data-chart="three_public"]'))
