"""Reads on key-project evaluations, always through what the user may see (accounts.policy)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from apps.accounts.models import Role, User
from apps.accounts.policy import (
    agency_of,
    as_member,
    can_organize,
    can_plan,
    can_see_sheet,
    key_projects_q,
    works_on,
)
from apps.evaluations.models import (
    RESULT_STATES,
    Agency,
    Assignment,
    Conflict,
    DocumentRequest,
    Expert,
    KeyProject,
    Plan,
    PlanState,
    ProjectState,
    SheetState,
)
from apps.submissions.models import State
from apps.targets.models import TargetEvaluation, TargetTable


def projects_visible(*, user: Any) -> QuerySet[KeyProject]:
    ids = KeyProject.objects.filter(key_projects_q(user)).values("pk")
    return KeyProject.objects.filter(pk__in=ids)


def project_list(*, user: Any, plan: Plan | None = None) -> QuerySet[KeyProject]:
    rows = projects_visible(user=user).select_related("unit", "unit__region", "plan")
    if plan is not None:
        rows = rows.filter(plan=plan)
    return rows.order_by("-plan__year", "plan_id", "unit__code", "title")


def project_get(*, user: Any, pk: int) -> KeyProject:
    found = (
        projects_visible(user=user)
        .select_related("unit", "unit__region", "unit__department", "plan", "table", "notice")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404("没有找到这个评价项目")
    return found


def plans_visible(*, user: Any) -> QuerySet[Plan]:
    """The bureau sees every plan; others the published plans with a project they see."""
    member = as_member(user)
    if member is None:
        return Plan.objects.none()
    if member.role in (Role.ADMIN, Role.REVIEWER):
        return Plan.objects.all()
    ids = projects_visible(user=user).values("plan_id")
    return Plan.objects.filter(pk__in=ids, state=PlanState.PUBLISHED)


def plan_get(*, user: Any, pk: int) -> Plan:
    found = plans_visible(user=user).filter(pk=pk).first()
    if found is None:
        raise Http404("没有找到这个评价计划")
    return found


def assignments_of(*, project: KeyProject) -> list[Assignment]:
    return list(
        project.assignments.select_related("user", "agency", "submitted_by")
        .prefetch_related("members__user", "scores")
        .order_by("id")
    )


def assignment_get(*, user: Any, pk: int) -> Assignment:
    """An assignment the user works on (its sheet), else 404."""
    found = (
        Assignment.objects.select_related("project", "project__unit", "user", "agency")
        .prefetch_related("members")
        .filter(pk=pk)
        .first()
    )
    if found is None or not works_on(user, found):
        raise Http404("没有找到这份评分表")
    return found


def visible_sheets(
    *, user: Any, project: KeyProject, assignments: list[Assignment]
) -> list[Assignment]:
    """The sheets (assignments) whose scores this user may see now."""
    issued = project.state not in (
        ProjectState.PLANNED,
        ProjectState.EVALUATING,
        ProjectState.PANEL,
    )
    return [a for a in assignments if can_see_sheet(user, a, assignments, project, issued=issued)]


def my_assignments(*, user: Any) -> QuerySet[Assignment]:
    """The assignments an evaluator works on, with their projects."""
    member = as_member(user)
    if member is None:
        return Assignment.objects.none()
    if member.role == Role.AGENCY:
        filter_ = Q(agency_id=agency_of(member)) if agency_of(member) else Q(pk__in=[])
    elif member.role == Role.AGENCY_STAFF:
        filter_ = Q(members__user=member)
    else:
        filter_ = Q(user=member)
    return (
        Assignment.objects.filter(filter_)
        .select_related("project", "project__unit", "project__plan", "agency")
        .order_by("-project__plan__year", "state", "project__title")
        .distinct()
    )


def waiting(*, user: Any) -> list[tuple[KeyProject, str]]:
    """Key projects waiting for this user's step (for 我的待办): what to do on each."""
    member = as_member(user)
    if member is None:
        return []
    found: list[tuple[KeyProject, str]] = []
    for a in my_assignments(user=member).filter(state=SheetState.DRAFT):
        if a.project.state == ProjectState.EVALUATING:
            found.append((a.project, "评分"))
    if member.role == Role.PREPARER:
        for p in project_list(user=member).filter(state=ProjectState.DRAFT, feedback=None):
            found.append((p, "反馈意见"))
        open_requests = DocumentRequest.objects.filter(
            project__in=project_list(user=member).filter(state=ProjectState.EVALUATING),
            files=None,
        ).select_related("project", "project__unit", "project__plan")
        for request in open_requests:
            found.append((request.project, f"提交资料：{request.title}"))
    if member.role in (Role.REVIEWER, Role.ADMIN):
        found.extend(_organizer_steps(member))
    return found


def _organizer_steps(member: User) -> list[tuple[KeyProject, str]]:
    """The organizer's next steps: scoring to close once every sheet is in, a divergence to
    discuss (or the draft to issue), a report to make final once the unit has responded."""
    states = (ProjectState.EVALUATING, ProjectState.PANEL, ProjectState.DRAFT)
    rows = (
        project_list(user=member)
        .filter(state__in=states)
        .prefetch_related("assignments")
        .select_related("feedback")
    )
    found = []
    for p in rows:
        if not can_organize(member, p.unit.region_id):
            continue
        sheets = list(p.assignments.all())
        if p.state == ProjectState.EVALUATING and sheets and all(a.submitted for a in sheets):
            found.append((p, "汇总评分"))
        elif p.state == ProjectState.PANEL:
            found.append((p, "专家合议，印发征求意见稿"))
        elif p.state == ProjectState.DRAFT and hasattr(p, "feedback"):
            found.append((p, "单位已反馈，报告定稿"))
    return found


# -- candidates for the plan ---------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Candidate:
    """A unit's approved project of the year, with what the bureau filters on."""

    table: TargetTable
    amount: Decimal
    policy_area: str
    continuing: bool
    last_grade: str


@dataclass(frozen=True, slots=True)
class CandidateFilter:
    min_amount: Decimal | None = None
    continuing: str = ""  # "", "new", "continuing"
    policy_area: str = ""
    last_grade: str = ""  # "", a grade, or "none"

    def keeps(self, c: Candidate) -> bool:
        if self.min_amount is not None and c.amount < self.min_amount:
            return False
        if self.continuing and (self.continuing == "continuing") != c.continuing:
            return False
        if self.policy_area and c.policy_area != self.policy_area:
            return False
        if self.last_grade == "none":
            return not c.last_grade
        return not self.last_grade or c.last_grade == self.last_grade


def _amount(data: dict[str, Any]) -> Decimal:
    total = Decimal(0)
    for line in data.get("budget_lines") or []:
        try:
            total += Decimal(str(line.get("amount") or "0"))
        except ArithmeticError:
            continue
    return total


def _area(data: dict[str, Any]) -> str:
    lines = data.get("budget_lines") or []
    return next((str(x["functional"]) for x in lines if x.get("functional")), "")


def candidates(*, user: Any, year: int) -> list[Candidate]:
    """Every approved project table of ``year`` not yet in a plan of that year (the bureau's
    view: administrators only), with its amount, policy area, new or continuing, last grade."""
    if not can_plan(user):
        return []
    planned = KeyProject.objects.filter(plan__year=year).values("table_id")
    tables = (
        TargetTable.objects.filter(year=year, kind="project", approved_version__isnull=False)
        .exclude(pk__in=planned)
        .select_related("unit", "unit__region", "approved_version")
        .order_by("unit__code", "title")
    )
    earlier = set(
        TargetTable.objects.filter(year=year - 1, kind="project").values_list("unit_id", "title")
    )
    grades: dict[tuple[int, str], str] = {}
    for e in TargetEvaluation.objects.filter(
        year=year - 1, table__kind="project", state=State.ACCEPTED
    ).select_related("table"):
        grades[(e.unit_id, e.table.title)] = e.grade
    for p in KeyProject.objects.filter(plan__year=year - 1, state__in=RESULT_STATES):
        grades[(p.unit_id, p.title)] = p.grade  # the bureau's grade over the unit's own
    out = []
    for table in tables:
        assert table.approved_version is not None
        data = table.approved_version.data
        key = (table.unit_id, table.title)
        out.append(
            Candidate(table, _amount(data), _area(data), key in earlier, grades.get(key, ""))
        )
    return out


# -- the pool ------------------------------------------------------------------------------
def experts(*, active_only: bool = False) -> QuerySet[Expert]:
    conflicts = Prefetch("conflicts", queryset=Conflict.objects.select_related("unit"))
    rows = Expert.objects.select_related("user", "employer_unit", "region").prefetch_related(
        conflicts
    )
    if active_only:
        rows = rows.filter(active=True, user__is_active=True)
    return rows.order_by("field", "user__full_name")


def agencies(*, active_only: bool = False) -> QuerySet[Agency]:
    rows = Agency.objects.prefetch_related("members__user")
    return rows.filter(active=True) if active_only else rows


def internal_reviewers(*, project: KeyProject) -> QuerySet[User]:
    """Reviewers who may evaluate the project: those of another region (not its organizer)."""
    return User.objects.filter(role=Role.REVIEWER, is_active=True).exclude(
        region_id=project.unit.region_id
    )


def agency_staff(*, agency_id: int) -> QuerySet[User]:
    return User.objects.filter(
        role=Role.AGENCY_STAFF, is_active=True, agency_membership__agency_id=agency_id
    ).order_by("username")


def result_projects(*, user: Any, year: int) -> QuerySet[KeyProject]:
    """The graded key projects of ``year`` this user sees (the budget review list's column)."""
    return (
        projects_visible(user=user)
        .filter(plan__year=year, state__in=RESULT_STATES)
        .select_related("unit", "plan")
    )


def published_results(*, year: int | None = None) -> QuerySet[KeyProject]:
    rows = KeyProject.objects.filter(state=ProjectState.PUBLISHED).select_related(
        "unit", "unit__region", "plan"
    )
    if year is not None:
        rows = rows.filter(plan__year=year)
    return rows.order_by("-plan__year", "-score", "unit__code")


def published_result(*, pk: int) -> KeyProject:
    found = published_results().filter(pk=pk).first()
    if found is None:
        raise Http404("没有找到这项公开的评价结果")
    return found
