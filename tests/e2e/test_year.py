"""The whole year in the browser, as issue 5 tells it.

A preparer uploads the seed report, sees its two inconsistencies beside the highlighted text,
corrects the figures and submits; the head approves; the reviewer returns it with a comment;
the preparer answers and resubmits; the reviewer accepts and publishes; the public sees it.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import NewPage, Shot, login, open_waiting

pytestmark = [pytest.mark.e2e, pytest.mark.shared]

UNIT = "雁南县农业技术推广中心"  # the demo leaves its 2022 report empty for this walk
YEAR = 2022
PREPARER, HEAD, REVIEWER = "nx_nongji_tb", "nx_nongji_fz", "czj_nanxian"
READ_TIMEOUT_MS = 120_000  # the worker reads the upload; a busy CI machine is slow
COMMENT = "请补充“存在的问题”，不要留空。"
FIELD_COMMENT = "未填写问题"
PROBLEMS = "部分项目绩效目标不够细化，个别指标难以量化考核"
# For each quote link: the element its anchor (an empty span) stands in front of, in .doc.
MARK_AFTER_ANCHOR = """links => links.map(link => {
  let node = document.querySelector(".doc " + link.getAttribute("href"));
  while (node && node.classList.contains("anchor")) { node = node.nextElementSibling; }
  return node ? node.tagName + " " + node.className : "missing";
})"""


def state_is(page: Page, state: str) -> None:
    expect(page.locator("#state")).to_have_attribute("data-state", state)


def click_button(page: Page, label: str) -> None:
    page.get_by_role("button", name=label, exact=True).click()


def amount(page: Page, selector: str) -> Decimal:
    return Decimal(page.locator(selector).input_value())


def upload_and_read(page: Page, seed: Path, shot: Shot) -> None:
    state_is(page, "draft")
    shot(page, "year-01-draft")
    page.locator("#id_file").set_input_files(str(seed))
    click_button(page, "上传并读取")
    # The page refreshes itself while the worker reads; wait for the outcome either way.
    outcome = page.locator('#intake[data-state="done"], #intake[data-state="failed"]')
    outcome.wait_for(timeout=READ_TIMEOUT_MS)
    expect(page.locator("#intake")).to_have_attribute("data-state", "done")


def check_two_inconsistencies(page: Page, shot: Shot) -> None:
    errors = page.locator("#findings li.sev-error")
    expect(errors).to_have_count(2)
    marks = page.locator(".doc mark.sev-error")
    assert marks.count() >= 2, "each error's quote is highlighted in the document text"
    # Every quote of an error links to its highlight in the document beside it.
    links = errors.locator(".quotes a")
    assert links.count() >= 2
    targets = links.evaluate_all(MARK_AFTER_ANCHOR)
    assert targets and all(t == "MARK sev-error" for t in targets), targets
    # A quote's link brings its highlight into view inside the document beside the findings.
    quote = errors.nth(1).locator(".quotes a").first
    highlight = page.locator(f".doc {quote.get_attribute('href')} ~ mark").first
    quote.click()
    expect(highlight).to_be_in_viewport()
    shot(page, "year-02-findings", focus=page.locator("#h-findings"))


def correct_the_figures(page: Page, shot: Shot) -> Decimal:
    """The clerk's corrections: 人员经费 = 基本 − 公用; 功能分类 add up to 支出合计."""
    page.get_by_role("link", name="修改数据").click()
    personnel = amount(page, "#id_spending__basic") - amount(page, "#id_spending__public")
    rows = page.locator("input[name^='functional-'][name$='-amount']")
    listed = [Decimal(v) for v in rows.evaluate_all("els => els.map(e => e.value)") if v]
    first = amount(page, "#id_functional-0-amount") + amount(page, "#id_spending__total")
    first -= sum(listed, Decimal(0))
    page.locator("#id_spending__personnel").fill(str(personnel))
    page.locator("#id_functional_basis").select_option("total")
    page.locator("#id_functional-0-amount").fill(str(first))
    shot(page, "year-03-correct", focus=page.locator("#id_spending__personnel"))
    click_button(page, "保存并重新核对")
    expect(page.locator("#findings li.sev-error")).to_have_count(0)
    expect(page.locator("#h-data").locator("..")).to_contain_text(f"{personnel:,}")
    shot(page, "year-04-corrected", focus=page.locator("#h-findings"))
    return personnel


def test_a_year_from_upload_to_the_public_page(
    server: str, new_page: NewPage, shot: Shot, seed_path: Path
) -> None:
    preparer = new_page()
    login(preparer, server, PREPARER)
    url = open_waiting(preparer, server, UNIT, YEAR)
    upload_and_read(preparer, seed_path, shot)
    check_two_inconsistencies(preparer, shot)
    personnel = correct_the_figures(preparer, shot)
    click_button(preparer, "提交单位负责人审核")
    state_is(preparer, "submitted")

    head = new_page()
    login(head, server, HEAD)
    assert open_waiting(head, server, UNIT, YEAR) == url
    click_button(head, "审核通过并报送财政局")
    state_is(head, "under_review")

    reviewer = new_page()
    login(reviewer, server, REVIEWER)
    assert open_waiting(reviewer, server, UNIT, YEAR) == url
    reviewer.get_by_role("link", name="退回单位修改").click()
    reviewer.locator("#id_comment").fill(COMMENT)
    reviewer.locator("#id_field_0").select_option("problems")
    reviewer.locator("#id_field_0_text").fill(FIELD_COMMENT)
    shot(reviewer, "year-05-return")
    click_button(reviewer, "退回单位修改")
    state_is(reviewer, "returned")

    preparer.goto(url)
    # The reviewer's comments stand above the report (overall and on a field), and stay in
    # the history.
    notice = preparer.locator("#return-notice")
    expect(notice).to_contain_text(COMMENT)
    expect(notice).to_contain_text(f"存在的问题：{FIELD_COMMENT}")
    expect(preparer.locator("#h-history").locator("..")).to_contain_text(COMMENT)
    shot(preparer, "year-06-returned")
    preparer.get_by_role("link", name="修改数据").click()
    preparer.locator("#id_problems").fill(PROBLEMS)
    click_button(preparer, "保存并重新核对")
    click_button(preparer, "重新提交单位负责人审核")
    state_is(preparer, "submitted")
    # The resubmission goes through the unit's head again.
    head.goto(url)
    click_button(head, "审核通过并报送财政局")
    state_is(head, "resubmitted")

    reviewer.goto(url)
    click_button(reviewer, "审核通过")
    state_is(reviewer, "accepted")
    reviewer.get_by_role("link", name="公开", exact=True).click()  # asks for confirmation
    click_button(reviewer, "确认公开")
    state_is(reviewer, "published")
    history = reviewer.locator("#h-history").locator("..").locator("tbody tr")
    expect(history).to_have_count(7)  # submitted, under review, returned, submitted, ...
    shot(reviewer, "year-07-published", focus=reviewer.locator("#h-history"))

    public = new_page()
    public.goto(server + "/public/")
    row = public.locator("tbody tr").filter(has_text=UNIT).filter(has_text=str(YEAR))
    expect(row).to_have_count(1)
    shot(public, "year-08-public-list")
    row.get_by_role("link", name=UNIT).click()
    expect(public.locator("main")).to_contain_text(PROBLEMS)
    expect(public.locator("main")).to_contain_text(f"{personnel:,}")
    shot(public, "year-09-public-report")
