"""A validation error never loses what the user typed, in the browser.

Each form gets a mistake among several typed values; after the page comes back with the error,
every value is still in its field (the mistaken one too, so it can be corrected in place) and
nothing was saved.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import NewPage, Shot, login, open_waiting

pytestmark = pytest.mark.e2e

# 雁南县白沙镇人民政府: its 2022 report is a draft with data (the year walk uses another unit).
DRAFT_UNIT, DRAFT_PREPARER = "雁南县白沙镇人民政府", "baisha_tb"
# 雁南县民政局: its 2022 report is with the finance bureau (财政审核中).
REVIEWED_UNIT, REVIEWER = "雁南县民政局", "czj_nanxian"

ERROR_RED = "rgb(180, 35, 24)"
TYPED_EDIT = {
    "#id_spending__total": "1,2x3.4",  # not a number
    "#id_spending__personnel": "321.09",
    "#id_three_public__reception": "1.23",
    "#id_grade": "良",
    "#id_functional-0-stated_name": "农林水支出",
    "#id_functional-0-amount": "88.8",
    "#id_indicators-0-actual": "全部完成",
    "#id_problems": "第一条问题\n第二条问题",
    "#id_conclusions": "总体良好",
}


def values_of(page: Page, selectors: list[str]) -> dict[str, str]:
    return {s: page.locator(s).input_value() for s in selectors}


def test_the_report_form_keeps_every_typed_value(
    server: str, new_page: NewPage, shot: Shot
) -> None:
    page = new_page()
    login(page, server, DRAFT_PREPARER)
    url = open_waiting(page, server, DRAFT_UNIT, 2022)
    page.get_by_role("link", name="修改数据").click()
    saved_total = page.locator("#id_spending__total").input_value()
    for selector, value in TYPED_EDIT.items():
        page.locator(selector).fill(value)
    page.locator("#id_functional_basis").select_option("project")
    page.get_by_role("button", name="保存并重新核对").click()

    wrong = page.locator(".has-error").filter(has=page.locator("#id_spending__total"))
    expect(wrong).to_contain_text("请填写数字")
    # The mistaken field stands out: outlined in the error colour (--error, #b42318).
    expect(page.locator("#id_spending__total")).to_have_css("border-color", ERROR_RED)
    expect(page.locator("#id_spending__basic")).not_to_have_css("border-color", ERROR_RED)
    assert page.url.rstrip("/").endswith("/edit"), "the form comes back, not the report"
    assert values_of(page, list(TYPED_EDIT)) == TYPED_EDIT
    expect(page.locator("#id_functional_basis")).to_have_value("project")
    shot(page, "forms-01-edit-error", focus=wrong)

    page.goto(url)  # nothing of the refused form was saved
    expect(page.locator("#h-data").locator("..")).not_to_contain_text("321.09")
    page.get_by_role("link", name="修改数据").click()
    expect(page.locator("#id_spending__total")).to_have_value(saved_total)


def test_the_return_form_keeps_the_comments(server: str, new_page: NewPage, shot: Shot) -> None:
    page = new_page()
    login(page, server, REVIEWER)
    url = open_waiting(page, server, REVIEWED_UNIT, 2022)
    page.get_by_role("link", name="退回单位修改").click()
    page.locator("#id_comment").fill("请核对支出合计")
    page.locator("#id_field_1_text").fill("没有选数据项的意见")  # refused: which field?
    page.get_by_role("button", name="退回单位修改").click()

    expect(page.locator("main")).to_contain_text("请选择这条意见针对的数据项")
    expect(page.locator("#id_comment")).to_have_value("请核对支出合计")
    expect(page.locator("#id_field_1_text")).to_have_value("没有选数据项的意见")
    shot(page, "forms-02-return-error")
    page.goto(url)
    expect(page.locator("#state")).to_have_attribute("data-state", "under_review")


def test_a_wrong_password_keeps_the_user_name(server: str, new_page: NewPage) -> None:
    page = new_page()
    page.goto(server + "/accounts/login/")
    page.locator("#id_username").fill(DRAFT_PREPARER)
    page.locator("#id_password").fill("not-the-password")
    page.get_by_role("button", name="登录", exact=True).click()
    expect(page.locator(".errors")).to_be_visible()
    expect(page.locator("#id_username")).to_have_value(DRAFT_PREPARER)
    expect(page.locator("#id_password")).to_have_value("")  # a password is never sent back
