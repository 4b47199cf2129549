"""Evaluators see only what is assigned to them, score blind, and never in conflict."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from apps.errors import Conflict, InvalidInput, NotAllowed
from apps.evaluations.models import Assignment, Expert, KeyProject
from apps.evaluations.services import assign, conflict_declare, plan_publish
from apps.evaluations.sheets import ScoreInput, sheet_save, sheet_submit
from tests.web.conftest import World
from tests.web.evaluations.factory import Pool, panel_of_three, plan_of, project_for, score

D = Decimal


def _get(user: object, name: str, **kwargs: object) -> object:
    client = Client()
    if user is not None:
        client.force_login(user)  # type: ignore[arg-type]
    return client.get(reverse(name, kwargs=kwargs or None))


def _page(user: object, project: KeyProject) -> str:
    response = _get(user, "evaluations:project", pk=project.pk)
    assert response.status_code == 200  # type: ignore[attr-defined]
    return response.content.decode()  # type: ignore[attr-defined]


def test_an_expert_sees_no_other_score_until_its_own_is_submitted(
    world: World, pool: Pool, project: KeyProject
) -> None:
    sheets = panel_of_three(world, project, pool)
    # 李 scores 立项依据充分性 2.37 of 3 (a figure nobody else gives) and submits
    score(sheets["expert2"], pool.expert2, {"立项依据充分性": D("0.79")})
    page = _page(pool.expert, project)
    assert 'id="scores-hidden"' in page and "2.37" not in page
    api = Client()
    api.force_login(pool.expert)
    scores = api.get(f"/api/key-projects/{project.pk}/scores").json()
    assert [s["evaluator"] for s in scores["sheets"]] == ["专家1"]  # its own draft only
    assert "2.37" not in str(scores)
    score(sheets["expert"], pool.expert)
    page = _page(pool.expert, project)
    assert 'id="scores-hidden"' not in page and "2.37" in page
    # the agency, still scoring, sees neither
    assert "2.37" not in _page(pool.staff, project)


def test_an_evaluator_opens_only_its_own_project_and_sheet(
    world: World, pool: Pool, project: KeyProject
) -> None:
    plan = plan_of(world, title="第二批")
    other = project_for(world, plan, (world.prep_b, world.head_b, world.rev_y), title="救助站改造")
    plan_publish(plan=plan, by=world.admin)
    other.refresh_from_db()
    sheets = panel_of_three(world, project, pool)
    theirs = assign(project=other, kind="expert", user=pool.expert2, by=world.rev_y)
    assert _get(pool.expert, "evaluations:project", pk=other.pk).status_code == 404  # type: ignore[attr-defined]
    assert _get(pool.expert, "evaluations:sheet", pk=sheets["expert2"].pk).status_code == 404  # type: ignore[attr-defined]
    assert _get(pool.expert, "evaluations:sheet", pk=theirs.pk).status_code == 404  # type: ignore[attr-defined]
    assert _get(pool.agency_user, "evaluations:project", pk=other.pk).status_code == 404  # type: ignore[attr-defined]
    index = _get(pool.expert, "evaluations:index").content.decode()  # type: ignore[attr-defined]
    assert "农技推广培训" in index and "救助站改造" not in index
    # no unit, no report of any unit: the expert's lists of units and reports are empty
    api = Client()
    api.force_login(pool.expert)
    assert api.get("/api/units").json()["items"] == []
    assert api.get("/api/submissions").json()["items"] == []


def test_agency_staff_see_only_what_the_agency_put_them_on(
    world: World, pool: Pool, project: KeyProject
) -> None:
    agency = assign(project=project, kind="agency", agency=pool.agency, by=world.rev_x)
    assert _get(pool.staff, "evaluations:project", pk=project.pk).status_code == 404  # type: ignore[attr-defined]
    assert _get(pool.agency_user, "evaluations:project", pk=project.pk).status_code == 200  # type: ignore[attr-defined]
    from apps.evaluations.services import staff_add

    staff_add(assignment=agency, user=pool.staff, by=pool.agency_user)
    assert _get(pool.staff, "evaluations:project", pk=project.pk).status_code == 200  # type: ignore[attr-defined]
    entries = [
        ScoreInput(i.pk, i.weight, "资料齐全") for i in project.indicators.order_by("position")
    ]
    sheet_save(assignment=agency, entries=entries, by=pool.staff)
    with pytest.raises(NotAllowed, match="由第三方机构账号确认提交"):
        sheet_submit(assignment=agency, by=pool.staff)
    sheet_submit(assignment=agency, by=pool.agency_user)
    agency.refresh_from_db()
    assert agency.submitted and agency.submitted_by == pool.agency_user


def test_an_expert_employed_by_the_unit_or_its_department_is_refused(
    world: World, pool: Pool, project: KeyProject
) -> None:
    with pytest.raises(Conflict, match="王评审在被评价单位甲区农业农村局任职"):
        assign(project=project, kind="expert", user=pool.insider, by=world.rev_x)
    # 甲区第一中学's department is 甲区农业农村局 (for the test): 王 is refused there too
    world.a2.department = world.a
    world.a2.save()
    prep = __import__("apps.accounts.services", fromlist=["user_create"]).user_create
    people = (
        prep(username="prep_a2", password="x-pass-123", role="preparer", unit=world.a2),
        prep(username="head_a2", password="x-pass-123", role="head", unit=world.a2),
        world.rev_x,
    )
    plan = plan_of(world, title="第二批")
    school = project_for(world, plan, people, title="校舍维修")
    with pytest.raises(Conflict, match="主管部门"):
        assign(project=school, kind="expert", user=pool.insider, by=world.rev_x)
    assert not Assignment.objects.filter(user=pool.insider).exists()


def test_a_declared_conflict_refuses_and_withdraws(
    world: World, pool: Pool, project: KeyProject
) -> None:
    assignment = assign(project=project, kind="expert", user=pool.expert, by=world.rev_x)
    expert = Expert.objects.get(user=pool.expert)
    with pytest.raises(NotAllowed):
        conflict_declare(expert=expert, unit=world.a, reason="亲属任职", by=pool.expert2)
    conflict_declare(expert=expert, unit=world.a, reason="近三年为该单位提供咨询", by=pool.expert)
    assert not Assignment.objects.filter(pk=assignment.pk).exists()
    with pytest.raises(Conflict, match="已申报与甲区农业农村局存在利益冲突"):
        assign(project=project, kind="expert", user=pool.expert, by=world.rev_x)


def test_the_organizer_is_not_an_internal_evaluator_but_another_regions_reviewer_is(
    world: World, pool: Pool, project: KeyProject
) -> None:
    with pytest.raises(InvalidInput, match="不能同时担任评价人"):
        assign(project=project, kind="internal", user=world.rev_x, by=world.admin)
    with pytest.raises(NotAllowed):
        assign(project=project, kind="internal", user=world.rev_y, by=world.rev_y)
    internal = assign(project=project, kind="internal", user=world.rev_y, by=world.rev_x)
    # region Y's reviewer sees this project of region X now, and only as an evaluator
    page = _page(world.rev_y, project)
    assert 'id="workflow"' not in page and "我的评分表" in page
    assert internal.kind == "internal"


def test_the_unit_sees_its_project_once_the_plan_is_issued_and_scores_once_the_draft_is(
    world: World, pool: Pool
) -> None:
    plan = plan_of(world)
    project = project_for(world, plan, (world.prep_a, world.head_a, world.rev_x))
    assert _get(world.prep_a, "evaluations:project", pk=project.pk).status_code == 404  # type: ignore[attr-defined]
    plan_publish(plan=plan, by=world.admin)
    project.refresh_from_db()
    sheets = panel_of_three(world, project, pool)
    score(sheets["expert"], pool.expert, {"立项依据充分性": D("0.79")})
    page = _page(world.prep_a, project)
    assert "2.37" not in page and 'id="panel-table"' not in page
    assert _get(world.prep_b, "evaluations:project", pk=project.pk).status_code == 404  # type: ignore[attr-defined]
