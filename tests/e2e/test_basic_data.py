"""The 基础数据 form in the browser: a mistake keeps what was typed, a correction is scored."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import NewPage, Shot, login, open_waiting

pytestmark = pytest.mark.e2e

# 雁南县白沙镇人民政府: its 2022 report is a draft its preparer may still change.
UNIT, PREPARER = "雁南县白沙镇人民政府", "baisha_tb"
ERROR_RED = "rgb(180, 35, 24)"


def test_basic_data_keeps_a_mistake_in_place_and_scores_the_correction(
    server: str, new_page: NewPage, shot: Shot
) -> None:
    page = new_page()
    login(page, server, PREPARER)
    url = open_waiting(page, server, UNIT, 2022)
    page.locator("#basic-data-link a").click()
    expect(page.locator("h1")).to_contain_text("基础数据")

    staff, actual = page.locator("#id_authorized_staff"), page.locator("#id_actual_staff")
    staff.fill("四十五")  # words, not a number
    actual.fill("44")
    page.get_by_role("button", name="保存并重新评分").click()

    wrong = page.locator("#row-authorized_staff")
    expect(wrong).to_have_class("has-error")
    expect(staff).to_have_css("border-color", ERROR_RED)
    expect(staff).to_have_value("四十五")
    expect(actual).to_have_value("44")
    shot(page, "basic-01-error", focus=wrong)

    staff.fill("45")
    staff.press("Enter")  # the keyboard is enough: Enter sends the form
    page.wait_for_url(f"{url}#scorecard")
    expect(page.locator(".messages")).to_contain_text("基础数据已保存，并已重新评分")
    expect(page.locator("#scorecard")).to_be_visible()

    page.locator("#basic-data-link a").click()
    expect(page.locator("#id_authorized_staff")).to_have_value("45")
    expect(page.locator("#id_actual_staff")).to_have_value("44")
