"""Key-project evaluations for tests, written through the services (as the pages would)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from apps.accounts.models import User
from apps.evaluations.models import Agency, Assignment, KeyProject, Plan
from apps.evaluations.services import (
    agency_create,
    agency_staff_create,
    assign,
    expert_create,
    plan_add,
    plan_create,
    plan_publish,
    staff_add,
)
from apps.evaluations.sheets import ScoreInput, sheet_save, sheet_submit
from tests.web.conftest import PASSWORD, World
from tests.web.targets.factory import approved_table

YEAR = 2022


@dataclass
class Pool:
    expert: User  # 张评审, a university's
    expert2: User  # 李评审, an accounting firm's
    insider: User  # 王评审, employed by unit A (甲区农业农村局)
    agency: Agency
    agency_user: User
    staff: User


def make_pool(world: World) -> Pool:
    admin = world.admin

    def expert(username: str, name: str, field: str, employer: str, **more: object) -> User:
        made = expert_create(
            username=username,
            password=PASSWORD,
            full_name=name,
            field=field,
            employer=employer,
            title="高级会计师",
            by=admin,
            **more,  # type: ignore[arg-type]
        )
        return made.user

    agency = agency_create(
        name="雁川正信会计师事务所", username="zhengxin", password=PASSWORD, by=admin
    )
    staff = agency_staff_create(
        agency=agency, username="zhengxin_01", password=PASSWORD, full_name="赵审计", by=admin
    )
    return Pool(
        expert=expert("zhang", "张评审", "农业经济", "雁川农业大学"),
        expert2=expert("li", "李评审", "财务会计", "雁川会计师协会"),
        insider=expert("wang", "王评审", "农业技术", "甲区农业农村局", employer_unit=world.a),
        agency=agency,
        agency_user=User.objects.get(username="zhengxin"),
        staff=staff,
    )


def plan_of(world: World, *, title: str = "2022年度财政重点绩效评价计划") -> Plan:
    return plan_create(
        year=YEAR, title=title, organizer="甲市财政局", number="甲财绩〔2023〕8号", by=world.admin
    )


def project_for(
    world: World, plan: Plan, people: tuple[User, User, User], *, title: str = "农技推广培训"
) -> KeyProject:
    table = approved_table(*people, year=YEAR, title=title)
    return plan_add(plan=plan, table=table, reason="资金量大、受益面广", by=world.admin)


def published_project(world: World) -> KeyProject:
    """Unit A's project on an issued plan: being evaluated."""
    plan = plan_of(world)
    project = project_for(world, plan, (world.prep_a, world.head_a, world.rev_x))
    plan_publish(plan=plan, by=world.admin)
    project.refresh_from_db()
    return project


def panel_of_three(world: World, project: KeyProject, pool: Pool) -> dict[str, Assignment]:
    """Two experts and the agency (its staff member on the team) on the project."""
    organizer = world.rev_x
    found = {
        "expert": assign(project=project, kind="expert", user=pool.expert, by=organizer),
        "expert2": assign(project=project, kind="expert", user=pool.expert2, by=organizer),
        "agency": assign(project=project, kind="agency", agency=pool.agency, by=organizer),
    }
    staff_add(assignment=found["agency"], user=pool.staff, by=pool.agency_user)
    return found


def score(
    assignment: Assignment,
    by: User,
    rates: dict[str, Decimal] | None = None,
    *,
    default: Decimal = Decimal("0.9"),
    submit_as: User | None = None,
) -> Assignment:
    """Score every indicator at ``default`` of its weight (or ``rates[level3]``), with a
    reason, and submit (as ``submit_as`` when given, else ``by``)."""
    rates = rates or {}
    entries = [
        ScoreInput(
            i.pk,
            (i.weight * rates.get(i.level3, default)).quantize(Decimal("0.01")),
            f"依据资料核定{i.level3}",
        )
        for i in assignment.project.indicators.order_by("position")
    ]
    sheet_save(assignment=assignment, entries=entries, by=by)
    return sheet_submit(assignment=assignment, by=submit_as or by)
