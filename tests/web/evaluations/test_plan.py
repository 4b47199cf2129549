"""The plan: the units' approved projects filtered by amount, new or continuing, policy area
and last grade; each added with its reason; issued to the units concerned."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from apps.errors import Conflict, InvalidInput, NotAllowed
from apps.evaluations.models import KeyProject, PlanState, ProjectState
from apps.evaluations.selectors import CandidateFilter, candidates
from apps.evaluations.services import plan_add, plan_create, plan_publish, plan_remove
from apps.targets.services import LineInput
from tests.web.conftest import World
from tests.web.evaluations.factory import YEAR, plan_of, project_for
from tests.web.targets.factory import approved_table

D = Decimal


def test_candidates_carry_amount_area_continuation_and_last_grade(world: World) -> None:
    people = (world.prep_a, world.head_a, world.rev_x)
    lines = (LineInput("农技推广培训项目", D("400"), "农林水支出"), LineInput("基本支出", D("200")))
    approved_table(*people, year=YEAR - 1, title="农技推广培训")  # last year's: continuing
    approved_table(*people, year=YEAR, title="农技推广培训", lines=lines)
    approved_table(*people, year=YEAR, title="农机安全宣传", lines=(LineInput("宣传", D("50")),))
    found = {c.table.title: c for c in candidates(user=world.admin, year=YEAR)}
    training, leaflets = found["农技推广培训"], found["农机安全宣传"]
    assert training.amount == D(600) and training.policy_area == "农林水支出"
    assert training.continuing and not leaflets.continuing
    assert candidates(user=world.rev_x, year=YEAR) == []  # the plan is the city bureau's
    keeps = CandidateFilter(min_amount=D(100), continuing="continuing", policy_area="农林水支出")
    assert [c.table.title for c in found.values() if keeps.keeps(c)] == ["农技推广培训"]
    assert not CandidateFilter(last_grade="优").keeps(training)
    assert CandidateFilter(last_grade="none").keeps(training)


def test_adding_needs_a_reason_and_a_usable_table(world: World) -> None:
    plan = plan_of(world)
    table = approved_table(world.prep_a, world.head_a, world.rev_x, year=YEAR)
    with pytest.raises(InvalidInput, match="列入重点评价的理由"):
        plan_add(plan=plan, table=table, reason=" ", by=world.admin)
    with pytest.raises(NotAllowed):
        plan_add(plan=plan, table=table, reason="资金量大", by=world.rev_x)
    project = plan_add(plan=plan, table=table, reason="资金量大", by=world.admin)
    # 11 framework indicators, then the table's four targets, adding up to 100
    assert project.indicators.count() == 15
    assert sum(i.weight for i in project.indicators.all()) == D(100)
    with pytest.raises(InvalidInput, match="已列入本年度的计划"):
        plan_add(plan=plan, table=table, reason="资金量大", by=world.admin)
    later = approved_table(world.prep_a, world.head_a, world.rev_x, year=YEAR + 1, title="次年项目")
    with pytest.raises(InvalidInput, match="不是2022年度已批复的项目"):
        plan_add(plan=plan, table=later, reason="资金量大", by=world.admin)


def test_issuing_starts_the_evaluations_and_freezes_the_plan(world: World) -> None:
    plan = plan_of(world)
    with pytest.raises(InvalidInput, match="计划中还没有项目"):
        plan_publish(plan=plan, by=world.admin)
    project = project_for(world, plan, (world.prep_a, world.head_a, world.rev_x))
    with pytest.raises(NotAllowed):
        plan_publish(plan=plan, by=world.rev_x)
    plan_publish(plan=plan, by=world.admin)
    plan.refresh_from_db()
    project.refresh_from_db()
    assert plan.state == PlanState.PUBLISHED and plan.published_at is not None
    assert project.state == ProjectState.EVALUATING
    assert project.events.get().action == "publish_plan"
    with pytest.raises(Conflict, match="计划已印发"):
        plan_remove(project=project, by=world.admin)


def test_a_plan_needs_its_title_and_organizer(world: World) -> None:
    with pytest.raises(InvalidInput):
        plan_create(year=YEAR, title="计划", organizer=" ", by=world.admin)
    with pytest.raises(NotAllowed):
        plan_create(year=YEAR, title="计划", organizer="甲市财政局", by=world.rev_x)


def test_the_candidates_page_adds_the_ticked_projects_with_their_reasons(world: World) -> None:
    plan = plan_of(world)
    table = approved_table(world.prep_a, world.head_a, world.rev_x, year=YEAR)
    client = Client()
    client.force_login(world.admin)
    url = reverse("evaluations:candidates", kwargs={"pk": plan.pk})
    page = client.get(url, {"min_amount": "1000"}).content.decode()
    assert "农技推广培训" not in page  # 600万元 is below 1000
    assert "农技推广培训" in client.get(url).content.decode()  # the default threshold, 100
    response = client.post(url, {"table": str(table.pk), f"reason-{table.pk}": "受益面广"})
    assert response.status_code == 302
    added = KeyProject.objects.get(plan=plan)
    assert added.reason == "受益面广" and added.amount == D(600)
    # a ticked project without its reason is refused, with the message on the page
    other = approved_table(world.prep_b, world.head_b, world.rev_y, year=YEAR, title="救助站改造")
    response = client.post(url, {"table": str(other.pk)}, follow=True)
    assert "请填写“救助站改造”列入重点评价的理由" in response.content.decode()
