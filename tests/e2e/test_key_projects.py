"""The bureau's own evaluation of key projects in the browser, as issue 15 tells it.

The city bureau plans three of the units' approved 2022 projects; the region's reviewer
assigns two experts and a third-party agency to the 教育局's project and is refused the expert
the 教育局 employs; the unit uploads the documents asked for. Each expert scores blind: one
cannot open another project, nor see the other's scores before submitting; they diverge on
资金到位率, which is flagged, discussed and resolved with a reason. The unit responds to the
draft report, the report is made final and downloads with the panel's scores, the grade shows
in the budget review list and, once published, on the public pages.
"""

from __future__ import annotations

import io
from decimal import ROUND_HALF_UP, Decimal

import pytest
from docx import Document
from playwright.sync_api import FilePayload, Page, expect

from tests.e2e.conftest import NewPage, Shot, login

pytestmark = pytest.mark.e2e

ADMIN, REVIEWER = "admin", "czj_shi"  # the city bureau; the reviewer of 市本级
ZHOU, WU, ZHENG = "zj_zhou", "zj_wu", "zj_zheng"  # 郑国华 works for the 教育局
AGENCY = "jg_zhengxin"
UNIT, PREPARER = "雁川市教育局", "jiaoyu_tb"
PROJECT = "义务教育薄弱环节改善"
OTHERS = ("高标准农田建设", "老旧小区改造")
PLAN = "2022年度财政重点绩效评价计划（第二批）"
WAIT = 20_000  # ms: a page that renders a panel or a report takes a while on a busy machine


def plan_three(page: Page, base: str, shot: Shot) -> dict[str, str]:
    """The bureau draws up the plan from the approved projects and issues it: the projects'
    URLs by title."""
    page.goto(base + "/key-projects/")
    page.locator("#new-plan").click()
    page.locator("#id_year").fill("2022")
    page.locator("#id_title").fill(PLAN)
    page.locator("#id_organizer").fill("雁川市财政局")
    page.locator("#id_number").fill("雁财绩〔2023〕21号")
    page.locator("#save-plan").click()
    # Filtered by the amount (the default 100万元 and up): all six approved projects qualify
    page.locator("#id_min_amount").fill("500")
    page.locator("#filter-candidates").click()
    rows = page.locator("#candidates tbody tr[data-title]")
    titles = rows.evaluate_all("rows => rows.map(r => r.dataset.title)")
    assert PROJECT in titles and all(t in titles for t in OTHERS)
    assert "智慧校园建设" not in titles  # 320万元, below the threshold
    for title in (PROJECT, *OTHERS):
        row = page.locator(f"#candidates tr[data-title='{title}']")
        row.locator("input[name=table]").check()
        row.locator("input[type=text]").fill("资金量大、社会关注度高")
    shot(page, "key-01-candidates")
    page.locator("#add-candidates").click()
    expect(page.locator("#plan-projects tbody tr")).to_have_count(3, timeout=WAIT)
    page.locator("#publish-plan").click()
    expect(page.locator("#plan-state")).to_have_attribute("data-state", "published", timeout=WAIT)
    links = page.locator("#plan-projects tbody tr td:first-child a")
    return {
        text: base + str(href)
        for text, href in zip(
            links.all_inner_texts(),
            links.evaluate_all("as => as.map(a => a.getAttribute('href'))"),
            strict=True,
        )
    }


def pick(page: Page, select: str, name: str) -> None:
    """Choose the option whose label names ``name`` (labels carry field, title, employer)."""
    value = page.locator(f"{select} option", has_text=name).get_attribute("value")
    assert value, name
    page.locator(select).select_option(value)


def assign_panel(page: Page, url: str, shot: Shot) -> None:
    """Two experts and the agency; the 教育局's own expert is refused."""
    page.goto(url)
    pick(page, "#pick-expert", "郑国华")
    page.locator("#assign-expert button").click()
    refused = page.locator(".messages .msg-error")
    expect(refused).to_contain_text("郑国华在被评价单位雁川市教育局任职", timeout=WAIT)
    shot(page, "key-02-conflict-refused")
    for name in ("周明远", "吴文静"):
        pick(page, "#pick-expert", name)
        page.locator("#assign-expert button").click()
        expect(page.locator(".messages")).to_contain_text(f"已委派：{name}", timeout=WAIT)
    pick(page, "#pick-agency", "雁川正信会计师事务所")
    page.locator("#assign-agency button").click()
    expect(page.locator("#evaluators tbody tr")).to_have_count(3, timeout=WAIT)
    form = page.locator("#request-form")
    form.locator("[name=title]").fill("项目实施方案及验收资料")
    form.locator("[name=due_date]").fill("2030-12-31")
    form.locator("button").click()
    expect(page.locator("#requests tbody tr[data-request]")).to_have_count(1, timeout=WAIT)


def upload_documents(page: Page, url: str) -> None:
    page.goto(url)
    row = page.locator("#requests tbody tr[data-request]")
    file: FilePayload = {
        "name": "实施方案.pdf",
        "mimeType": "application/pdf",
        "buffer": b"%PDF-1.4 plan",
    }
    row.locator("input[type=file]").set_input_files(file)
    row.locator("button").click()
    expect(page.locator("#requests tr[data-request]")).to_contain_text("实施方案.pdf", timeout=WAIT)
    expect(page.locator("#requests tr[data-request]")).to_have_attribute(
        "data-files", "1", timeout=WAIT
    )


def _points(weight: str, rate: Decimal) -> str:
    value = (Decimal(weight) * rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return format(value.normalize(), "f")


def score_sheet(page: Page, url: str, rates: dict[str, Decimal], default: Decimal) -> None:
    """Open the project, then the own sheet: every indicator at its rate, with a reason."""
    page.goto(url)
    page.locator("#evaluators .open-sheet").click()
    for row in page.locator("#sheet tbody tr").all():
        name = row.locator("td").nth(1).inner_text()
        weight = row.locator("td").nth(2).inner_text()
        row.locator("input[name^=points-]").fill(_points(weight, rates.get(name, default)))
        row.locator("textarea[name^=reason-]").fill(f"{name}：核对资料后评定")
    page.locator("#save-sheet").click()
    expect(page.locator(".messages")).to_contain_text("已保存评分表", timeout=WAIT)
    problems = page.locator("#sheet-problems")
    assert not problems.count(), problems.inner_text()


def submit_sheet(page: Page) -> None:
    page.locator("#submit-sheet").click()
    expect(page.locator(".messages")).to_contain_text("已提交评分表", timeout=WAIT)


def take_step(page: Page, action: str) -> None:
    page.locator(f"#workflow form.step-{action} button").click()


def state_is(page: Page, state: str) -> None:
    expect(page.locator("#state")).to_have_attribute("data-state", state, timeout=WAIT)


def test_key_project_evaluation(new_page: NewPage, server: str, shot: Shot) -> None:
    bureau = new_page()
    login(bureau, server, ADMIN)
    urls = plan_three(bureau, server, shot)
    url = urls[PROJECT]
    reviewer = new_page()
    login(reviewer, server, REVIEWER)
    assign_panel(reviewer, url, shot)
    unit = new_page()
    login(unit, server, PREPARER)
    upload_documents(unit, url)

    # 吴 scores first: 资金到位率 at half its points (2 of 4), the rest at 85%
    wu = new_page()
    login(wu, server, WU)
    score_sheet(wu, url, {"资金到位率": Decimal("0.5")}, Decimal("0.85"))
    submit_sheet(wu)
    # 周 sees only its own project, and no score of 吴's before submitting its own
    zhou = new_page()
    login(zhou, server, ZHOU)
    zhou.goto(server + "/key-projects/")
    mine = zhou.locator("#my-assignments")  # this project and the demo's finished 林木…
    expect(mine).to_contain_text(PROJECT, timeout=WAIT)
    for other in OTHERS:
        expect(mine).not_to_contain_text(other, timeout=WAIT)
    response = zhou.goto(urls[OTHERS[0]])
    assert response is not None and response.status == 404
    score_sheet(zhou, url, {"资金到位率": Decimal(1)}, Decimal("0.9"))
    zhou.goto(url)
    expect(zhou.locator("#scores-hidden")).to_be_visible(timeout=WAIT)
    expect(zhou.locator("#panel-table thead")).not_to_contain_text("专家2", timeout=WAIT)
    shot(zhou, "key-03-blind", focus=zhou.locator("#panel-card"))
    zhou.locator("#evaluators .open-sheet").click()
    submit_sheet(zhou)
    expect(zhou.locator("#scores-hidden")).to_have_count(0, timeout=WAIT)
    expect(zhou.locator("#panel-table thead")).to_contain_text("专家2", timeout=WAIT)
    # the agency's sheet: 资金到位率 at 3 of 4
    agency = new_page()
    login(agency, server, AGENCY)
    score_sheet(agency, url, {"资金到位率": Decimal("0.75")}, Decimal("0.8"))
    submit_sheet(agency)

    # The reviewer closes the scoring: 资金到位率 diverges (4 and 2 of 4: more than 20%)
    reviewer.goto(url)
    take_step(reviewer, "close_scoring")
    state_is(reviewer, "panel")
    flagged = reviewer.locator("#panel-table tbody tr[data-divergent='1']")
    expect(flagged).to_have_count(1, timeout=WAIT)
    expect(flagged).to_contain_text("资金到位率", timeout=WAIT)
    take_step(reviewer, "issue_draft")
    expect(reviewer.locator(".messages .msg-error")).to_contain_text(
        "请先记录专家组合议结果", timeout=WAIT
    )
    shot(reviewer, "key-04-divergent", focus=reviewer.locator("#panel-card"))
    discussion = flagged.locator("form.discuss")
    discussion.locator("[name=points]").fill("3")
    discussion.locator("[name=reason]").fill("省级资金10月才到位，按到位及时性扣1分")
    discussion.locator("button").click()
    agreed = reviewer.locator("#panel-table tbody tr[data-divergent='1']")
    expect(agreed).to_have_attribute("data-method", "agreed", timeout=WAIT)
    expect(agreed).to_contain_text("省级资金10月才到位", timeout=WAIT)
    take_step(reviewer, "issue_draft")
    state_is(reviewer, "draft")

    # The unit reads the draft and responds before the report is final
    unit.goto(url)
    expect(unit.locator("#report-docx")).to_be_visible(timeout=WAIT)
    unit.locator("#give-feedback").click()
    unit.locator("input[name=agrees][value='1']").check()
    unit.locator("[name=text]").fill("对评价结论无异议，资金到位滞后系省级资金下达较晚")
    unit.locator("#send-feedback").click()
    expect(unit.locator("#feedback")).to_contain_text(
        "资金到位滞后系省级资金下达较晚", timeout=WAIT
    )

    reviewer.goto(url)
    reviewer.locator("#finalize-comment").fill("已在报告中说明资金到位原因")
    take_step(reviewer, "finalize")
    state_is(reviewer, "final")
    result = reviewer.locator("#result")
    grade = str(result.get_attribute("data-grade"))
    score = str(result.get_attribute("data-score"))
    assert grade in ("优", "良", "中", "差") and score
    expect(reviewer.locator("#panel-total")).to_have_attribute("data-total", score, timeout=WAIT)
    with reviewer.expect_download() as download:
        reviewer.locator("#report-docx").click()
    text = "\n".join(
        " | ".join(c.text for c in row.cells)
        for table in Document(io.BytesIO(download.value.path().read_bytes())).tables
        for row in table.rows
    )
    assert "专家1 | 专家2 | 第三方机构1 | 最终得分" in text
    # 专家1 is 周 (assigned first), 专家2 吴: the agreed 3 is the final
    assert "资金到位率 | 4 | 4 | 2 | 3 | 3 | 专家组合议" in text, text
    shot(reviewer, "key-05-final")

    # the grade in the budget review list; published, on the public pages
    reviewer.goto(server + "/rectification/budget-review/2022/")
    cell = reviewer.locator("#review tr[data-unit='101003'] td.key-projects")
    expect(cell).to_contain_text(f"“{PROJECT}”", timeout=WAIT)
    expect(cell.locator(f"[data-grade='{grade}']")).to_have_count(1, timeout=WAIT)
    public = new_page()
    public.goto(server + "/key-projects/public/")
    expect(public.locator("#key-results")).not_to_contain_text(PROJECT, timeout=WAIT)
    reviewer.goto(url)
    take_step(reviewer, "publish")
    state_is(reviewer, "published")
    public.goto(server + "/public/")
    public.locator("#key-results-link").click()
    row = public.locator(f"#key-results tr:has-text('{PROJECT}')")
    expect(row).to_have_attribute("data-grade", grade, timeout=WAIT)
    expect(row).to_contain_text(UNIT, timeout=WAIT)
    shot(public, "key-06-public")
