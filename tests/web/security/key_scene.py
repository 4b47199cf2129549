"""The key-project part of the permission matrix's scene, written through the services.

A published plan holds unit A's project ("own", region X) and unit B's ("other", region Y).
On A's: the expert 张评审 (the matrix's "expert") and the agency (the matrix's "agency", with
its staff member 赵审计, the matrix's "agency staff", on the team). On B's: the expert 李评审,
who is none of the matrix's roles. Each project has a document request answered with a file.
A draft plan, an approved project in no plan, an expert on no project and a staff member on
no team are there for the writes that need them. The helpers below put a project in the
state a rule starts from (inside the case's savepoint, so nothing outlives the case).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from apps.accounts.models import User
from apps.evaluations.models import (
    Assignment,
    DocumentRequest,
    Feedback,
    Indicator,
    KeyProject,
    Plan,
    RequestFile,
    Score,
    SheetState,
)
from apps.evaluations.papers import request_create, request_upload
from apps.evaluations.services import (
    agency_staff_create,
    assign,
    expert_create,
    plan_publish,
    staff_add,
)
from apps.targets.models import TargetTable
from tests.web.conftest import PASSWORD, World
from tests.web.evaluations.factory import Pool, make_pool, plan_of, project_for
from tests.web.targets.factory import approved_table

KEY_ROLES = ("expert", "agency", "agency staff")


@dataclass
class KeyScene:
    pool: Pool
    plan: Plan
    draft_plan: Plan
    projects: dict[str, KeyProject]
    expert_sheets: dict[str, Assignment]  # own: the matrix's expert on A; other: 李 on B
    agency_sheet: Assignment  # the agency's on A
    requests: dict[str, DocumentRequest]
    files: dict[str, RequestFile]
    spare_table: TargetTable
    spare_expert: User
    spare_staff: User

    def user(self, role: str) -> User:
        return {
            "expert": self.pool.expert,
            "agency": self.pool.agency_user,
            "agency staff": self.pool.staff,
        }[role]


def build_key_scene(world: World) -> KeyScene:
    pool = make_pool(world)
    plan = plan_of(world)
    own = project_for(world, plan, (world.prep_a, world.head_a, world.rev_x))
    other = project_for(world, plan, (world.prep_b, world.head_b, world.rev_y), title="救助站改造")
    plan_publish(plan=plan, by=world.admin)
    own.refresh_from_db()
    other.refresh_from_db()
    agency = assign(project=own, kind="agency", agency=pool.agency, by=world.rev_x)
    staff_add(assignment=agency, user=pool.staff, by=pool.agency_user)
    due = datetime.date.today() + datetime.timedelta(days=10)
    requests, files = {}, {}
    for scope, project, reviewer, preparer in (
        ("own", own, world.rev_x, world.prep_a),
        ("other", other, world.rev_y, world.prep_b),
    ):
        requests[scope] = request_create(
            project=project, title="培训签到表", due_date=due, by=reviewer
        )
        upload = SimpleUploadedFile("签到表.pdf", b"%PDF-1.4 sign-in")
        files[scope] = request_upload(request=requests[scope], files=[upload], by=preparer)[0]
    spare_expert = expert_create(
        username="chen",
        password=PASSWORD,
        full_name="陈评审",
        field="公共管理",
        employer="雁川行政学院",
        by=world.admin,
    ).user
    return KeyScene(
        pool=pool,
        plan=plan,
        draft_plan=plan_of(world, title="2022年度第二批重点评价计划"),
        projects={"own": own, "other": other},
        expert_sheets={
            "own": assign(project=own, kind="expert", user=pool.expert, by=world.rev_x),
            "other": assign(project=other, kind="expert", user=pool.expert2, by=world.rev_y),
        },
        agency_sheet=agency,
        requests=requests,
        files=files,
        spare_table=approved_table(
            world.prep_a, world.head_a, world.rev_x, year=2022, title="高标准农田建设"
        ),
        spare_expert=spare_expert,
        spare_staff=agency_staff_create(
            agency=pool.agency,
            username="zhengxin_02",
            password=PASSWORD,
            full_name="钱审计",
            by=world.admin,
        ),
    )


# -- putting a project where a rule starts ------------------------------------------------
def fill_sheet(assignment: Assignment, *, rate: Decimal = Decimal("0.9"), submit: bool) -> None:
    """Every indicator scored at ``rate`` of its weight, with a reason (ORM, for the setup)."""
    for indicator in Indicator.objects.filter(project_id=assignment.project_id):
        Score.objects.update_or_create(
            assignment=assignment,
            indicator=indicator,
            defaults={
                "points": (indicator.weight * rate).quantize(Decimal("0.01")),
                "reason": "依据资料核定",
            },
        )
    if submit:
        Assignment.objects.filter(pk=assignment.pk).update(state=SheetState.SUBMITTED)


def second_sheet(key: KeyScene, project: KeyProject) -> Assignment:
    """A second sheet: the agency's on A's project; on B's, one of 陈评审, who is none of the
    matrix's roles (the agency on B's project would let the matrix's agency see it)."""
    found = project.assignments.exclude(user=key.pool.expert2).first()
    if found is not None:
        return found
    return Assignment.objects.create(project=project, kind="expert", user=key.spare_expert)


def project_at(key: KeyScene, scope: str, state: str, *, feedback: bool = False) -> KeyProject:
    """The project in ``state`` with a complete, agreeing panel (and the unit's response)."""
    project = key.projects[scope]
    second_sheet(key, project)
    for assignment in project.assignments.all():
        fill_sheet(assignment, submit=True)
    KeyProject.objects.filter(pk=project.pk).update(state=state)
    if feedback:
        Feedback.objects.get_or_create(project=project, defaults={"agrees": True, "text": "无异议"})
    project.refresh_from_db()
    return project


def divergent_panel(key: KeyScene, scope: str) -> Indicator:
    """The project at the panel's discussion, its first indicator divergent (100% and 10%)."""
    project = key.projects[scope]
    sheets = [key.expert_sheets[scope], second_sheet(key, project)]
    for assignment, rate in zip(sheets, (Decimal(1), Decimal("0.1")), strict=True):
        fill_sheet(assignment, rate=rate, submit=True)
    KeyProject.objects.filter(pk=project.pk).update(state="panel")
    return Indicator.objects.filter(project=project).order_by("position").first()  # type: ignore[return-value]
