"""The report and the API: the draft the unit responds to, the final with the panel's scores;
the plan, the project and the scores each caller may see; the published results."""

from __future__ import annotations

import io
from decimal import Decimal

from django.test import Client
from docx import Document

from apps.evaluations.models import KeyProject
from apps.evaluations.papers import feedback_give
from apps.evaluations.workflow import project_transition
from tests.web.api.conftest import JsonClient
from tests.web.conftest import World
from tests.web.evaluations.factory import Pool, panel_of_three, score

D = Decimal


def _scored(world: World, pool: Pool, project: KeyProject) -> None:
    sheets = panel_of_three(world, project, pool)
    score(sheets["expert"], pool.expert, default=D("0.9"))
    score(sheets["expert2"], pool.expert2, default=D("0.8"))
    score(sheets["agency"], pool.agency_user, default=D("0.85"))
    project_transition(project=project, action="close_scoring", by=world.rev_x)


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    rows = [" | ".join(c.text for c in r.cells) for t in document.tables for r in t.rows]
    return "\n".join([p.text for p in document.paragraphs] + rows)


def test_the_report_is_a_draft_for_the_unit_then_final(
    world: World, pool: Pool, project: KeyProject
) -> None:
    _scored(world, pool, project)
    unit = JsonClient(world.prep_a)
    url = f"/api/key-projects/{project.pk}/report/docx"
    assert unit.get(url).status_code == 403  # not issued yet: the organizer's preview only
    preview = JsonClient(world.rev_x).get(url)
    assert preview.status_code == 200 and "征求意见稿" in _docx_text(preview.content)
    project_transition(project=project, action="issue_draft", by=world.rev_x)
    draft = _docx_text(unit.get(url).content)
    assert "农技推广培训绩效评价报告（征求意见稿）" in draft
    assert "待被评价单位反馈意见" in draft
    feedback_give(project=project, agrees=True, text="无异议", by=world.prep_a)
    project_transition(project=project, action="finalize", by=world.rev_x, comment="照单采纳")
    final = _docx_text(unit.get(url).content)
    assert "征求意见稿" not in final
    assert "一级指标 | 三级指标 | 分值 | 专家1 | 专家2 | 第三方机构1 | 最终得分 | 计分方法" in final
    assert "单位意见：无异议" in final and "采纳情况：照单采纳" in final
    project.refresh_from_db()
    assert f"该项目综合得分{project.score.normalize():f}分" in final  # type: ignore[union-attr]
    pdf = Client()
    pdf.force_login(world.prep_a)
    response = pdf.get(f"/key-projects/projects/{project.pk}/report.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_api_shows_each_caller_what_it_may_see(
    world: World, pool: Pool, project: KeyProject
) -> None:
    sheets = panel_of_three(world, project, pool)
    expert = JsonClient(pool.expert)
    plans = expert.get("/api/key-plans").json()
    assert [p["projects"] for p in plans["items"]] == [1]
    detail = expert.get(f"/api/key-projects/{project.pk}").json()
    assert len(detail["indicators"]) == 15 and detail["result"] is None
    assert [a["mine"] for a in detail["assignments"]] == [True, False, False]
    body = {"scores": [{"indicator": "c-basis", "points": "3.5", "reason": "x"}]}
    refused = expert.put(f"/api/key-sheets/{sheets['expert'].pk}", body)
    assert refused.status_code == 400 and "0至3分之间" in refused.json()["error"]["message"]
    not_mine = expert.put(f"/api/key-sheets/{sheets['expert2'].pk}", body)
    assert not_mine.status_code == 404
    score(sheets["expert2"], pool.expert2)
    seen = expert.get(f"/api/key-projects/{project.pk}/scores").json()
    assert [s["evaluator"] for s in seen["sheets"]] == ["专家1"] and seen["panel"] is None
    early = expert.post(f"/api/key-sheets/{sheets['expert'].pk}/submit")
    assert early.status_code == 400 and "尚未评分的指标（15项）" in early.json()["error"]["message"]
    score(sheets["expert"], pool.expert)
    seen = expert.get(f"/api/key-projects/{project.pk}/scores").json()
    assert [s["evaluator"] for s in seen["sheets"]] == ["专家1", "专家2"]
    assert seen["panel"]["total"] is not None
    assert JsonClient(world.prep_b).get(f"/api/key-projects/{project.pk}").status_code == 404


def test_the_published_results_are_public(world: World, pool: Pool, project: KeyProject) -> None:
    _scored(world, pool, project)
    project_transition(project=project, action="issue_draft", by=world.rev_x)
    feedback_give(project=project, agrees=True, text="无异议", by=world.prep_a)
    project_transition(project=project, action="finalize", by=world.rev_x)
    public = JsonClient()
    assert public.get("/api/public/key-projects").json()["items"] == []
    project_transition(project=project, action="publish", by=world.rev_x)
    items = public.get("/api/public/key-projects").json()["items"]
    assert [(i["title"], i["unit"]) for i in items] == [("农技推广培训", world.a.name)]
    page = Client().get(f"/key-projects/public/{project.pk}/").content.decode()
    assert "农技推广培训" in page and items[0]["grade"] in page
