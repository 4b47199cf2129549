"""Layouts that hold: no page is wider than the window at 390, 1280 and 1366 px.

Every page every demo person reaches from the menus (discovered by ``tests.e2e.walk``, so a
page added later is measured once a menu links to it; one page of each shape per role) is
opened in Chromium and measured at the three widths: a phone, and the two commonest office
screens. The document may not scroll sideways; a wide table scrolls inside its own box
instead. A failure names the person, the page, the width and the elements that stick out.
"""

from __future__ import annotations

import urllib.parse
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.e2e.conftest import PASSWORD, NewPage, login
from tests.e2e.test_chinese_everywhere import Person, demo_people
from tests.e2e.walk import WAITING, Walker

pytestmark = pytest.mark.e2e

WIDTHS = (390, 1280, 1366)
# Django's admin is a desk tool with Django's own layout: measured on the office screens only.
ADMIN_WIDTHS = (1280, 1366)

# The elements sticking out of the window, outside any box that scrolls or clips them.
MEASURE = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const clipped = e => {
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      const x = getComputedStyle(p).overflowX;
      if (x !== 'visible') return true;
    }
    return false;
  };
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
    (e.classList.length ? '.' + [...e.classList].join('.') : '');
  const out = [];
  if (root.scrollWidth > width + 1) {
    for (const e of document.body.querySelectorAll('*')) {
      const r = e.getBoundingClientRect();
      if (r.width && r.right > width + 1 && !clipped(e)) {
        out.push(name(e) + ' → ' + Math.round(r.right) + 'px');
        if (out.length >= 5) break;
      }
    }
  }
  return {scrollWidth: root.scrollWidth, width: width, culprits: out};
}"""


def pages_of(person: Person, server: str, known: dict[str, bool]) -> list[str]:
    """The pages of shapes no one of this person's role has been measured on yet."""
    walker = Walker(server)
    if person.username:
        walker.login(person.username, PASSWORD)
    found = []
    for page in walker.walk(known=known):
        if page.new and page.is_html and page.status == 200 and not WAITING.search(page.url):
            parts = urllib.parse.urlsplit(page.url)
            found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def overflow(page: Page, widths: tuple[int, ...] = WIDTHS) -> list[str]:
    found: list[str] = []
    for width in widths:
        page.set_viewport_size({"width": width, "height": 800})
        measured: dict[str, Any] = page.evaluate(MEASURE)
        if measured["scrollWidth"] > measured["width"] + 1:
            found.append(
                f"{width}px 宽 {measured['scrollWidth']}px：{'；'.join(measured['culprits'])}"
            )
    return found


def test_no_page_is_wider_than_the_window(server: str, new_page: NewPage) -> None:
    problems: list[str] = []
    known: dict[str, dict[str, bool]] = {}
    for person in demo_people(server):
        paths = pages_of(person, server, known.setdefault(person.role, {}))
        if not paths:
            continue
        page = new_page()
        if person.username:
            login(page, server, person.username)
        for path in paths:
            page.goto(server + path)
            widths = ADMIN_WIDTHS if path.startswith("/admin/") else WIDTHS
            for problem in overflow(page, widths):
                problems.append(f"{person.username or '公众'}：{path} 在 {problem}")
    assert problems == [], "\n".join(problems)
