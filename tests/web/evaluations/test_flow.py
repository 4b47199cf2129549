"""A key project from the plan to the published result, through the services and the pages."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from apps.errors import InvalidInput, NotAllowed
from apps.evaluations.models import KeyProject, ProjectState
from apps.evaluations.papers import feedback_give, request_create, request_upload
from apps.evaluations.sheets import discussion_record
from apps.evaluations.workflow import project_transition
from apps.rectification.models import Notice, Source
from tests.web.conftest import World
from tests.web.evaluations.factory import Pool, panel_of_three, score

D = Decimal


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_the_whole_way_to_a_published_grade(world: World, pool: Pool, project: KeyProject) -> None:
    sheets = panel_of_three(world, project, pool)
    rev = world.rev_x
    # 张 and 李 diverge on 培训完成时间 (weight 11.67 of 产出's 35): 90% and 40%
    score(sheets["expert"], pool.expert, default=D("0.9"))
    score(sheets["expert2"], pool.expert2, {"培训完成时间": D("0.4")}, default=D("0.85"))
    score(sheets["agency"], pool.staff, default=D("0.8"), submit_as=pool.agency_user)
    project_transition(project=project, action="close_scoring", by=rev)
    with pytest.raises(InvalidInput, match="培训完成时间"):
        project_transition(project=project, action="issue_draft", by=rev)
    timing = project.indicators.get(level3="培训完成时间")
    discussion_record(indicator=timing, points=D(7), reason="12月10日才完成，逾期十天", by=rev)
    project_transition(project=project, action="issue_draft", by=rev)
    with pytest.raises(InvalidInput, match="尚未反馈意见"):
        project_transition(project=project, action="finalize", by=rev)
    feedback_give(project=project, agrees=True, text="对评价结论无异议", by=world.prep_a)
    project_transition(project=project, action="finalize", by=rev, comment="无需调整")
    project.refresh_from_db()
    assert project.state == ProjectState.FINAL
    assert project.grade in ("优", "良", "中", "差") and project.score is not None
    # the finals are the trimmed means (three evaluators), 培训完成时间 the agreed 7
    assert project.result["lines"][0]["method"] == "trimmed"
    timing_line = next(x for x in project.result["lines"] if x["level3"] == "培训完成时间")
    assert timing_line["final"] == "7.00" and timing_line["method"] == "agreed"
    project_transition(project=project, action="publish", by=rev)
    page = Client().get(reverse("evaluations:public")).content.decode()
    assert "农技推广培训" in page and world.a.name in page


def test_a_poor_grade_sends_a_rectification_notice(
    world: World, pool: Pool, project: KeyProject
) -> None:
    sheets = panel_of_three(world, project, pool)
    score(sheets["expert"], pool.expert, default=D("0.55"))
    score(sheets["expert2"], pool.expert2, default=D("0.6"))
    score(sheets["agency"], pool.agency_user, default=D("0.5"))
    rev = world.rev_x
    for action in ("close_scoring", "issue_draft"):
        project_transition(project=project, action=action, by=rev)
    feedback_give(project=project, agrees=False, text="培训场地受限，请酌情考虑", by=world.prep_a)
    project_transition(project=project, action="finalize", by=rev)
    project.refresh_from_db()
    assert project.grade == "差" and project.use_label == "压减并整改"
    assert project.suggested_budget == (project.amount * D("0.8")).quantize(D("0.01"))
    notice = Notice.objects.get(pk=project.notice_id)
    assert notice.source == Source.KEY_PROJECT and notice.unit == world.a and notice.grade == "差"
    assert "农技推广培训" in notice.reasons and "压减20%" in notice.requirements
    # the bureau's budget review list shows the grade and the suggestion
    review = _client(rev).get(reverse("rectification:budget_review", kwargs={"year": 2022}))
    row = review.content.decode()
    assert "农技推广培训" in row and "压减并整改" in row


def test_the_unit_uploads_what_was_requested(world: World, pool: Pool, project: KeyProject) -> None:
    import datetime

    sheets = panel_of_three(world, project, pool)
    wanted = request_create(
        project=project,
        title="培训签到表",
        due_date=datetime.date.today() + datetime.timedelta(days=7),
        by=pool.expert,
    )
    with pytest.raises(NotAllowed):
        request_upload(
            request=wanted, files=[SimpleUploadedFile("a.pdf", b"%PDF x")], by=world.head_a
        )
    rows = request_upload(
        request=wanted, files=[SimpleUploadedFile("签到表.pdf", b"%PDF-1.4 sign")], by=world.prep_a
    )
    assert rows[0].uploaded_by == world.prep_a and rows[0].size == len(b"%PDF-1.4 sign")
    page = _client(pool.expert).get(reverse("evaluations:project", kwargs={"pk": project.pk}))
    assert "签到表.pdf" in page.content.decode()
    download = _client(pool.staff).get(
        reverse("evaluations:file", kwargs={"pk": project.pk, "file_id": rows[0].pk})
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 sign"
    assert sheets["agency"].members.filter(user=pool.staff).exists()


def test_my_todo_lists_each_persons_next_key_project_step(
    world: World, pool: Pool, project: KeyProject
) -> None:
    from apps.evaluations.selectors import waiting

    sheets = panel_of_three(world, project, pool)
    assert [what for _, what in waiting(user=pool.expert)] == ["评分"]
    assert waiting(user=world.rev_x) == []
    for key, user in (("expert", pool.expert), ("expert2", pool.expert2)):
        score(sheets[key], user)
    score(sheets["agency"], pool.agency_user)
    assert waiting(user=pool.expert) == []
    assert [what for _, what in waiting(user=world.rev_x)] == ["汇总评分"]
    for action in ("close_scoring", "issue_draft"):
        project_transition(project=project, action=action, by=world.rev_x)
    assert [what for _, what in waiting(user=world.prep_a)] == ["反馈意见"]
    home = _client(world.prep_a).get("/").content.decode()
    assert 'id="waiting-key-projects"' in home and "反馈意见" in home
    feedback_give(project=project, agrees=True, text="无异议", by=world.prep_a)
    assert waiting(user=world.prep_a) == []
    assert [what for _, what in waiting(user=world.rev_x)] == ["单位已反馈，报告定稿"]
