"""The header stays one line high at 1280 px, whoever signs in, and degrades sensibly narrower.

A reviewer has the whole menu; the demo's longest signed-in text belongs to a preparer of
雁川市科技和工业信息化局 (the name that used to push the header onto a second line). Measured
in the browser: the header's content box is exactly as tall as one line of it (its brand).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.e2e.conftest import NewPage, Shot, login

pytestmark = pytest.mark.e2e

REVIEWER = "czj_shi"  # 市本级 reviewer: every menu item a finance-bureau user has
LONGEST_NAME = "kegongxin_tb"  # 雁川市科技和工业信息化局填报人（单位填报人 · 雁川市科技…）
MENU = [  # 待办 and 已办 with their counts (digits) beside them
    "待办",
    "已办",
    "评价任务",
    "预算单位",
    "绩效目标",
    "运行监控",
    "结果应用",
    "重点评价",
    "公开信息",
]

MEASURE = """h => {
  const style = getComputedStyle(h);
  const box = e => e.getBoundingClientRect();
  const items = [...h.querySelectorAll('nav li')].map(li => {
    const r = box(li);
    return {text: li.textContent.trim(), top: r.top, bottom: r.bottom, height: r.height};
  });
  const me = h.querySelector('.who .me');
  return {
    content: h.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom),
    line: box(h.querySelector('.brand')).height,
    items: items,
    navRight: box(h.querySelector('nav')).right,
    whoLeft: box(h.querySelector('.who')).left,
    meClipped: me ? me.scrollWidth > me.clientWidth : false,
    meTitle: me ? me.title : '',
    pageWidth: document.documentElement.scrollWidth,
  };
}"""


def measure(page: Page) -> dict[str, Any]:
    found: dict[str, Any] = page.locator("header.top").evaluate(MEASURE)
    return found


def signed_in(new_page: NewPage, server: str, user: str, width: int = 1280) -> Page:
    page = new_page()
    page.set_viewport_size({"width": width, "height": 800})
    login(page, server, user)
    page.goto(server + "/")
    return page


@pytest.mark.parametrize("user", [REVIEWER, LONGEST_NAME])
def test_the_header_is_one_line_at_1280(
    server: str, new_page: NewPage, shot: Shot, user: str
) -> None:
    page = signed_in(new_page, server, user)
    shot(page, f"layout-header-1280-{user}")
    found = measure(page)
    assert [re.sub(r"\s*\d+$", "", item["text"]) for item in found["items"]] == MENU
    assert all(re.search(r"\d+$", item["text"]) for item in found["items"][:2])
    # One line: the header's content is as tall as its brand's single line, no taller.
    assert found["content"] == pytest.approx(found["line"], abs=1), found
    assert len({round(item["top"]) for item in found["items"]}) == 1, found["items"]
    assert found["navRight"] <= found["whoLeft"], found  # side by side, not overlapping
    assert found["pageWidth"] <= 1280, found  # nothing sticks out sideways
    if found["meClipped"]:  # the name gives way, and the whole of it is still there
        assert "（" in found["meTitle"]


def test_narrower_the_header_wraps_between_items_never_inside_one(
    server: str, new_page: NewPage, shot: Shot
) -> None:
    page = signed_in(new_page, server, LONGEST_NAME, width=420)
    shot(page, "layout-header-420")
    found = measure(page)
    line = found["items"][0]["height"]
    assert all(item["height"] == pytest.approx(line, abs=1) for item in found["items"]), found
    assert found["pageWidth"] <= 420, found
    assert found["content"] > found["line"] + 1  # it did wrap, onto further lines
