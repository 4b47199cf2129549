"""The yearly cycle in the browser, as issue 7 tells it (tests/web/targets/test_walk.py is the
same walk through Django's test client).

A unit sets its project targets and the reviewer approves them; at the July checkpoint the unit
records its progress, gets a red light and is refused until it gives the reason; at year end
its self-evaluation is scored against the approved targets; the 差 grade puts it on the
rectification list, the bureau sends a notice and the unit answers it with an attachment.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import FilePayload, Page, expect

from tests.e2e.conftest import NewPage, Shot, login

pytestmark = pytest.mark.e2e

UNIT, CODE = "雁南县农业技术推广中心", "103003"  # the demo gives it no targets of its own
# The demo fills 2023 (targets, the July checkpoint) and 2022 (a notice): this walk takes 2024.
YEAR = 2024
PREPARER, HEAD, REVIEWER = "nx_nongji_tb", "nx_nongji_fz", "czj_nanxian"
TITLE = "农技推广培训"
LINE = "农技推广培训项目"
ENTRIES = ("pj-output-count", "pj-jobs", "pj-deadline", "pj-satisfaction")
# The rows come in the library's order, not in the order they were ticked.
LEVEL3 = ("项目完成数量", "项目完成时间", "带动就业人数", "受益对象满意度")
RED_MESSAGE = "红灯：请填写偏差原因和纠偏措施"
ANSWER = "已调整培训计划，增设夜校班；已完成补训6期"


def state_is(page: Page, state: str) -> None:
    expect(page.locator("#state")).to_have_attribute("data-state", state)


def step(page: Page, action: str) -> None:
    page.locator(f"#workflow button[name=action][value={action}]").click()


def fill_rows(page: Page, values: dict[int, tuple[str, str, str]]) -> None:
    for index, (direction, value, unit) in values.items():
        page.locator(f"[name=rows-{index}-direction]").select_option(direction)
        page.locator(f"[name=rows-{index}-value]").fill(value)
        page.locator(f"[name=rows-{index}-unit]").fill(unit)


def set_targets(page: Page, base: str, shot: Shot) -> str:
    """The preparer's table, from the library, refused once for a vague value; its URL."""
    page.goto(base + "/targets/")
    page.locator("#new-table").click()
    page.locator("select[name=kind]").select_option("project")
    page.locator("input[name=year]").fill(str(YEAR))
    page.locator("input[name=title]").fill(TITLE)
    page.get_by_role("button", name="新建", exact=True).click()
    expect(page.locator("#target-form")).to_be_visible()
    page.goto(page.url.removesuffix("edit/"))
    page.locator("#pick-library").click()
    for entry in ENTRIES:
        page.locator(f"input[name=entries][value={entry}]").check()
    shot(page, "cycle-01-library")
    page.locator("#add-from-library").click()
    form = page.locator("#target-form")
    expect(form).to_be_visible()
    level3 = page.locator("#row-forms [name$='-level3']")
    assert level3.evaluate_all("els => els.map(e => e.value).filter(v => v)") == list(LEVEL3)
    form.locator("textarea[name=goal]").fill("全年完成农技培训10期，带动就业50人")
    page.locator("[name=lines-0-name]").fill(LINE)
    page.locator("[name=lines-0-amount]").fill("400")
    fill_rows(page, {0: ("≥", "10", "期"), 2: ("≥", "50", "人"), 3: ("≥", "有效提升", "%")})
    page.locator("[name=rows-1-value]").fill("11月底前完成")
    # The live check flags the vague satisfaction target on its row as the unit types.
    expect(page.locator("#lint li[data-code]")).to_have_count(1)
    expect(page.locator("#lint li[data-code=target-no-value]")).to_have_attribute("data-row", "3")
    expect(page.locator("#row-forms tr.has-issue")).to_have_count(1)
    expect(page.locator("#row-forms tr.has-issue")).to_have_attribute("data-row", "3")
    shot(page, "cycle-02-live-check", focus=page.locator("#h-check"))
    page.locator("#save-table").click()
    state_is(page, "draft")
    url = page.url
    # Submitting is refused while the check finds an error …
    step(page, "submit")
    expect(page.locator("main")).to_contain_text("目标表还有1处错误")
    state_is(page, "draft")
    # … so the unit corrects the value, ties the count to its budget line and submits.
    page.locator("#edit-table").click()
    page.locator("[name=rows-3-value]").fill("90")
    page.locator("select[name=rows-0-budget_line]").select_option("1")
    expect(page.locator("#row-forms tr.has-issue")).to_have_count(0)
    page.locator("#save-table").click()
    expect(page.locator("#lint li[data-code]")).to_have_attribute("data-code", "")
    step(page, "submit")
    state_is(page, "submitted")
    return url


def approve_targets(new_page: NewPage, base: str, url: str, shot: Shot) -> Page:
    head = new_page()
    login(head, base, HEAD)
    head.goto(url)
    step(head, "approve")
    state_is(head, "under_review")
    reviewer = new_page()
    login(reviewer, base, REVIEWER)
    reviewer.goto(url)
    step(reviewer, "accept")
    state_is(reviewer, "accepted")
    expect(reviewer.locator("main")).to_contain_text("批复版本：第1版")
    shot(reviewer, "cycle-03-approved")
    return reviewer


def open_checkpoint(admin: Page, reviewer: Page, base: str) -> str:
    """The city bureau sets the July checkpoint for every unit (a region's reviewer cannot);
    the region's reviewer opens its overview: its URL."""
    reviewer.goto(base + "/monitoring/")
    expect(reviewer.locator("#new-checkpoint")).to_have_count(0)
    admin.goto(base + "/monitoring/")
    admin.locator("#new-checkpoint").click()
    admin.locator("input[name=year]").fill(str(YEAR))
    admin.locator("input[name=as_of]").fill(f"{YEAR}-07-31")
    admin.locator("input[name=due_date]").fill(f"{YEAR}-08-15")
    admin.locator("#save-checkpoint").click()
    reviewer.goto(base + "/monitoring/")
    row = reviewer.locator("#checkpoints tbody tr").filter(has_text=f"{YEAR}-07-31")
    expect(row).to_contain_text(f"{YEAR}年1–7月绩效运行监控")
    row.get_by_role("link", name="各单位情况").click()
    return reviewer.url


def report_july(page: Page, base: str, shot: Shot) -> None:
    """120 of 400 spent at 58.20% of the year: red, refused until the reason is given."""
    page.goto(base + "/monitoring/")
    row = page.locator("#checkpoints tbody tr").filter(has_text=f"{YEAR}-07-31")
    row.get_by_role("link", name="填报").click()
    page.locator("#edit-record").click()
    expect(page.locator("#record-form")).to_contain_text(LINE)
    page.locator("[name=lines-0-executed]").fill("120")
    page.locator("[name=rows-0-done]").fill("5")
    page.locator("[name=rows-2-done]").fill("30")
    for index in range(len(LEVEL3)):
        page.locator(f"select[name=rows-{index}-likelihood]").select_option("certain")
    page.locator("#submit-record").click()
    expect(page.locator(".error").filter(has_text=RED_MESSAGE).first).to_be_visible()
    red = page.locator("#line-forms tr[data-light=red]")
    expect(red).to_have_count(1)
    expect(page.locator("[name=lines-0-executed]")).to_have_value("120")  # nothing lost
    shot(page, "cycle-04-red-refused", focus=page.locator("#record-form"))
    page.locator("[name=lines-0-reason]").fill("培训场地改造，上半年只办了3期")
    page.locator("[name=lines-0-corrective]").fill("8月起每月加办1期")
    page.locator("#submit-record").click()
    expect(page.locator("#summary")).to_have_attribute("data-light", "red")
    expect(page.locator("main")).to_contain_text("执行率30.00%")
    shot(page, "cycle-05-red-recorded")


def check_lights(reviewer: Page, overview: str, shot: Shot) -> None:
    reviewer.goto(overview)
    expect(reviewer.locator(f"#lights tr[data-unit='{CODE}']")).to_have_attribute(
        "data-light", "red"
    )
    expect(reviewer.locator("#light-counts b[data-count=red]")).to_have_text("1")
    shot(reviewer, "cycle-06-lights")


def evaluate(page: Page, url: str, shot: Shot) -> str:
    """The year-end self-evaluation, scored against the approved targets; its URL."""
    page.goto(url)
    expect(page.locator("#edit-table")).to_have_count(0)  # the approved targets are fixed
    page.locator("#start-evaluation").click()
    form = page.locator("#evaluation-form")
    # The form shows the approved values as text: the unit cannot lower them at year end.
    expect(form.locator("tbody tr").first.locator("td").nth(1)).to_have_text("≥10期")
    expect(form.locator("[name$='-value']")).to_have_count(0)
    expect(form).to_contain_text("截至时点：5")  # the July record as a reminder
    form.locator("input[name=budget]").fill("400")
    form.locator("input[name=executed]").fill("260")
    actuals = {
        0: ("4", "", "", "场地改造推迟，下半年集中培训未能完成"),
        1: ("12月底完成", "未达成", "3", "延期一个月"),
        2: ("10", "", "", "企业用工需求下降"),
        3: ("60", "", "", "培训内容与农户需求不符"),
    }
    for index, (actual, band, points, reason) in actuals.items():
        page.locator(f"[name=rows-{index}-actual]").fill(actual)
        if band:
            page.locator(f"select[name=rows-{index}-band]").select_option(band)
            page.locator(f"[name=rows-{index}-self_score]").fill(points)
        page.locator(f"[name=rows-{index}-reason]").fill(reason)
    page.locator("#save-evaluation").click()
    # 执行 260/400 = 65% → 6.5; 项目完成数量 25 × 4/10 = 10; 项目完成时间 the unit's 3;
    # 带动就业人数 30 × 10/50 = 6; 受益对象满意度 10 × 60/90 = 6.67
    score = page.locator("#score")
    expect(score).to_have_attribute("data-score", "32.17")
    expect(score).to_have_attribute("data-grade", "差")
    # The scorecard names the original targets it scored against: 10期 and 90%.
    card = page.locator("#score-lines tbody tr")
    expect(card.filter(has_text="项目完成数量")).to_contain_text("10期")
    expect(card.filter(has_text="受益对象满意度")).to_contain_text("90%")
    shot(page, "cycle-07-scored", focus=page.locator("#h-score"))
    step(page, "submit")
    state_is(page, "submitted")
    return page.url


def rectify(reviewer: Page, preparer: Page, base: str, evaluation: str, shot: Shot) -> None:
    found = re.search(r"/targets/evaluations/(\d+)/", evaluation)
    assert found is not None, evaluation
    reviewer.goto(f"{base}/rectification/?year={YEAR}")
    candidate = reviewer.locator(f"#candidates tr[data-key=evaluation-{found.group(1)}]")
    expect(candidate).to_contain_text("差")
    shot(reviewer, "cycle-08-candidates")
    candidate.locator("a").click()
    notice = reviewer.locator("#notice-form")
    notice.locator("[name=number]").fill("雁财绩整〔2025〕1号")
    notice.locator("[name=reasons]").fill("农技推广培训项目绩效自评得分32.17分，等级“差”")
    notice.locator("[name=requirements]").fill("分析原因，制定整改措施，10月底前提交整改反馈")
    notice.locator("[name=due_date]").fill(f"{YEAR + 1}-10-31")
    reviewer.locator("#send-notice").click()
    state_is(reviewer, "sent")
    url = reviewer.url
    reviewer.goto(f"{base}/rectification/?year={YEAR}")
    expect(reviewer.locator(f"#candidates tr[data-key=evaluation-{found.group(1)}]")).to_have_count(
        0
    )

    preparer.goto(url)
    state_is(preparer, "sent")
    expect(preparer.locator("h1")).to_contain_text(f"{UNIT}（{YEAR}年度）")
    preparer.locator("#answer-notice").click()
    reply = preparer.locator("#reply-form")
    reply.locator("textarea[name=text]").fill(ANSWER)
    ledger: FilePayload = {"name": "整改台账.xlsx", "mimeType": "application/zip", "buffer": b"PK"}
    reply.locator("input[name=files]").set_input_files(files=[ledger])
    shot(preparer, "cycle-09-answer")
    preparer.locator("#send-reply").click()
    state_is(preparer, "answered")
    expect(preparer.locator("main")).to_contain_text(ANSWER)
    expect(preparer.locator("main")).to_contain_text("整改台账.xlsx")
    shot(preparer, "cycle-10-answered")


def test_the_yearly_cycle_in_the_browser(server: str, new_page: NewPage, shot: Shot) -> None:
    preparer = new_page()
    login(preparer, server, PREPARER)
    table = set_targets(preparer, server, shot)
    reviewer = approve_targets(new_page, server, table, shot)

    admin = new_page()
    login(admin, server, "admin")
    overview = open_checkpoint(admin, reviewer, server)
    report_july(preparer, server, shot)
    check_lights(reviewer, overview, shot)

    evaluation = evaluate(preparer, table, shot)
    head = new_page()
    login(head, server, HEAD)
    head.goto(evaluation)
    step(head, "approve")
    state_is(head, "under_review")
    reviewer.goto(evaluation)
    step(reviewer, "accept")
    state_is(reviewer, "accepted")

    rectify(reviewer, preparer, server, evaluation, shot)
