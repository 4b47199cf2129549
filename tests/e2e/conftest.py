"""Browser end-to-end tests: headless Debian Chromium driven by Playwright, the real server.

Without /usr/bin/chromium the tests skip with the reason (a newcomer's ``./test`` passes);
with ``JIXIAO_E2E_REQUIRED=1`` (CI) they fail instead, so a missing browser is never silent.
Screenshots of every step go to var/e2e-screenshots/ (not committed).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Locator,
    Page,
    ViewportSize,
    expect,
    sync_playwright,
)

from tests.e2e import server as real_server

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = real_server.ROOT / "var" / "e2e-screenshots"
VIEWPORT: ViewportSize = {"width": 1280, "height": 800}
PASSWORD = "jixiao2024"  # the demo accounts' password, printed by ./run

Shot = Callable[..., Path]
NewPage = Callable[[], Page]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: browser end-to-end test (needs /usr/bin/chromium)")


@pytest.fixture(scope="session")
def chromium() -> Path:
    if not os.access(CHROMIUM, os.X_OK):
        reason = (
            f"{CHROMIUM} is absent: the browser tests need Debian's chromium "
            "(apt-get install chromium chromium-driver)"
        )
        if os.environ.get("JIXIAO_E2E_REQUIRED") == "1":
            pytest.fail(f"{reason}; JIXIAO_E2E_REQUIRED=1 forbids skipping them")
        pytest.skip(reason)
    return CHROMIUM


@pytest.fixture(scope="session")
def server(chromium: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of scripts/serve.py with fresh demo data, stopped by its pid at the end."""
    running = real_server.start(tmp_path_factory.mktemp("e2e-data"))
    try:
        yield running.url
    finally:
        real_server.stop(running)


@pytest.fixture(scope="package")
def browser(chromium: Path) -> Iterator[Browser]:
    # Package scope, not session: the sync API keeps an asyncio loop running in this thread,
    # and Django refuses ORM calls from the database tests collected after this package.
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(chromium), headless=True, args=FLAGS
        )
        yield launched
        launched.close()


@pytest.fixture
def new_page(browser: Browser) -> Iterator[NewPage]:
    """Pages in separate contexts: each person has their own cookies, as on their own PC."""
    contexts: list[BrowserContext] = []

    def make() -> Page:
        context = browser.new_context(
            viewport=VIEWPORT,
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
            reduced_motion="reduce",  # charts drawn at once, screenshots show them finished
        )
        context.set_default_timeout(20_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def shot() -> Shot:
    """shot(page, "year-01-upload", focus=locator): a 1280×800 screenshot of a step."""
    SHOTS.mkdir(parents=True, exist_ok=True)

    def take(page: Page, name: str, focus: Locator | None = None) -> Path:
        if focus is not None:  # to the top of the window, the way a clerk scrolls to it
            focus.evaluate("e => e.scrollIntoView({block: 'start'})")
        path = SHOTS / f"{name}.png"
        page.screenshot(path=str(path))
        return path

    return take


def login(page: Page, base: str, username: str, password: str = PASSWORD) -> None:
    page.goto(base + "/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="登录", exact=True).click()
    # Logged in: the header offers 退出 (a wrong password would leave the form on screen).
    expect(page.get_by_role("button", name="退出", exact=True)).to_be_visible()


def open_waiting(page: Page, base: str, unit: str, year: int) -> str:
    """From 我的待办, open the unit's report of the year; returns its URL."""
    page.goto(base + "/")
    row = page.locator("main table tbody tr").filter(has_text=unit).filter(has_text=f"{year}年度")
    expect(row).to_have_count(1)
    row.get_by_role("link", name="打开").click()
    expect(page.locator("h1")).to_contain_text(f"{unit} · {year}年度")
    return page.url
