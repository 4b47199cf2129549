"""Gates that mean something, in the browser (issue 13, items 5 and 8).

The city reviewer tries to accept a report that still has an open 错误: refused until a reason
is written, which then stands in the history and beside the grade. Publishing asks for
confirmation (and the reason again, for the public); the publication is withdrawn with a
reason and is gone from the public list and the open data. A school's report goes through
its 主管部门 (the 教育局): returned to the school with comments, shown where the school edits,
sent again through the school's head and the department, passed on to the bureau; the
department sees nothing outside its units. The header counts 待办 and 已办 for each of them.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import NewPage, Shot, login, open_waiting

pytestmark = pytest.mark.e2e

REVIEWER = "czj_shi"  # the reviewer of 市本级
FLAWED, FLAWED_YEAR = "雁川市市场监督管理局", 2021  # resubmitted, its 三公 total does not add up
ACCEPT_REASON = "三公经费合计差异系公务用车口径不同，已电话核实，同意通过。"
PUBLISH_REASON = "差异不影响评价结论，按期公开；单位将在下年度报告中更正口径。"
WITHDRAW_REASON = "单位反映三公经费口径有误，撤回核实后再公开。"
SCHOOL, SCHOOL_YEAR = "雁川市第一中学", 2022  # the demo leaves it with its 主管部门
DEPARTMENT, SCHOOL_PREPARER, SCHOOL_HEAD = "jiaoyu_zg", "yizhong_tb", "yizhong_fz"
DEPT_COMMENT = "请补充学生资助资金的绩效目标完成情况。"
OUTSIDE = "雁川市水利局"  # 市本级, not under the 教育局


def state_is(page: Page, state: str) -> None:
    expect(page.locator("#state")).to_have_attribute("data-state", state)


def click_button(page: Page, label: str) -> None:
    page.get_by_role("button", name=label, exact=True).click()


def counts(page: Page) -> tuple[int, int]:
    """(待办, 已办) as the header shows them."""
    todo = page.locator("#todo-count").inner_text()
    done = page.locator("#done-count").inner_text()
    return int(todo), int(done)


def test_accept_with_an_error_publish_confirm_withdraw(
    server: str, new_page: NewPage, shot: Shot
) -> None:
    reviewer = new_page()
    login(reviewer, server, REVIEWER)
    todo_before, done_before = counts(reviewer)
    url = open_waiting(reviewer, server, FLAWED, FLAWED_YEAR)
    state_is(reviewer, "resubmitted")
    # 审核通过 leads to a page listing the open error and asking why.
    reviewer.locator("#workflow a[data-action=accept]").click()
    expect(reviewer.locator("#open-errors")).to_contain_text("仍有 1 条错误未更正")
    click_button(reviewer, "审核通过")
    expect(reviewer.locator("main")).to_contain_text("报告仍有错误未更正：请写明通过的理由")
    shot(reviewer, "gates-01-accept-refused")
    reviewer.goto(url)
    state_is(reviewer, "resubmitted")
    reviewer.locator("#workflow a[data-action=accept]").click()
    reviewer.locator("#id_reason").fill(ACCEPT_REASON)
    click_button(reviewer, "审核通过")
    state_is(reviewer, "accepted")
    score = reviewer.locator("#h-score").locator("..")
    expect(score).to_contain_text("在 1 条错误未更正时审核通过")
    expect(score).to_contain_text(ACCEPT_REASON)
    history = reviewer.locator("#h-history").locator("..")
    expect(history).to_contain_text("带 1 条未更正错误审核通过")
    expect(history).to_contain_text(ACCEPT_REASON)
    # Still 待办 (accepted waits for 公开); already 已办 (the reviewer returned it before).
    assert counts(reviewer) == (todo_before, done_before)
    shot(reviewer, "gates-02-accepted-with-reason", focus=reviewer.locator("#h-score"))

    # 公开 asks for confirmation, and for the reason the public will read.
    reviewer.locator("#workflow a[data-action=publish]").click()
    expect(reviewer.locator("#publish-summary")).to_contain_text("撤回公开")
    reviewer.locator("#id_reason").fill(PUBLISH_REASON)
    shot(reviewer, "gates-03-confirm-publish")
    click_button(reviewer, "确认公开")
    state_is(reviewer, "published")

    public = new_page()
    listing = server + "/public/?q=" + quote(FLAWED)
    public.goto(listing)
    row = public.locator("tbody tr").filter(has_text=str(FLAWED_YEAR))
    expect(row).to_have_count(1)
    expect(row).to_contain_text("带1条错误公开")
    data_link = public.get_by_role("link", name="JSON").first
    data_url = server + str(data_link.get_attribute("href"))
    row.get_by_role("link", name=FLAWED).click()
    expect(public.locator("#published-with-errors")).to_contain_text(PUBLISH_REASON)
    report_url = public.url
    opened = public.request.get(data_url).json()
    assert FLAWED in [r["unit"]["name"] for r in opened["reports"]]

    # 撤回公开, with a reason: gone from the public pages and the open data.
    reviewer.goto(url)
    reviewer.get_by_role("link", name="撤回公开", exact=True).click()
    click_button(reviewer, "撤回公开")
    expect(reviewer.locator("main")).to_contain_text("请填写撤回公开的理由")
    reviewer.locator("#id_comment").fill(WITHDRAW_REASON)
    click_button(reviewer, "撤回公开")
    state_is(reviewer, "accepted")
    expect(reviewer.locator("#h-history").locator("..")).to_contain_text(WITHDRAW_REASON)
    shot(reviewer, "gates-04-withdrawn", focus=reviewer.locator("#h-history"))
    public.goto(listing)
    expect(public.locator("tbody")).to_contain_text("暂无公开的报告")
    assert public.request.get(report_url).status == 404
    after = public.request.get(data_url).json()
    assert FLAWED not in [r["unit"]["name"] for r in after["reports"]]


def test_the_department_pre_reviews_its_schools_report(
    server: str, new_page: NewPage, shot: Shot
) -> None:
    department = new_page()
    login(department, server, DEPARTMENT)
    expect(department.locator(".who")).to_contain_text("主管部门审核人")
    todo, done = counts(department)
    assert todo >= 1
    url = open_waiting(department, server, SCHOOL, SCHOOL_YEAR)
    state_is(department, "dept_review")
    shot(department, "gates-05-department-todo")
    # 初审: returned to the school with comments.
    department.get_by_role("link", name="初审退回单位修改", exact=True).click()
    department.locator("#id_comment").fill(DEPT_COMMENT)
    click_button(department, "初审退回单位修改")
    state_is(department, "returned")
    assert counts(department) == (todo - 1, done + 1)

    preparer = new_page()
    login(preparer, server, SCHOOL_PREPARER)
    preparer.goto(url)
    expect(preparer.locator("#return-notice")).to_contain_text("主管部门初审意见")
    expect(preparer.locator("#return-notice")).to_contain_text(DEPT_COMMENT)
    preparer.get_by_role("link", name="修改数据").click()
    expect(preparer.locator("#return-notice")).to_contain_text(DEPT_COMMENT)  # where it edits
    shot(preparer, "gates-06-comments-where-the-unit-edits")
    preparer.goto(url)
    click_button(preparer, "重新提交单位负责人审核")
    state_is(preparer, "submitted")

    head = new_page()
    login(head, server, SCHOOL_HEAD)
    head.goto(url)
    expect(head.get_by_role("button", name="审核通过并报送财政局", exact=True)).to_have_count(0)
    click_button(head, "审核通过并报送主管部门")
    state_is(head, "dept_review")

    department.goto(url)
    click_button(department, "初审通过并报送财政局")
    state_is(department, "under_review")
    department.goto(server + "/reviews/work/")
    done_row = department.locator("#done tbody tr").filter(has_text=SCHOOL).first
    expect(done_row).to_contain_text("主管部门初审中 → 财政审核中")
    shot(department, "gates-07-department-done")

    reviewer = new_page()
    login(reviewer, server, REVIEWER)
    assert open_waiting(reviewer, server, SCHOOL, SCHOOL_YEAR) == url
    history = reviewer.locator("#h-history").locator("..")
    expect(history).to_contain_text("主管部门初审中 → 财政审核中")

    # Nothing outside the department: another 市本级 unit's report is not found for it.
    reviewer.goto(server + "/")
    row = reviewer.locator("main table tbody tr").filter(has_text=OUTSIDE)
    outside_url = str(row.first.get_by_role("link", name="打开").get_attribute("href"))
    assert re.fullmatch(r"/submissions/\d+/", outside_url)
    response = department.goto(server + outside_url)
    assert response is not None and response.status == 404
    department.goto(server + "/units/")
    expect(department.locator("main table")).to_contain_text(SCHOOL)
    expect(department.locator("main table")).not_to_contain_text(OUTSIDE)
