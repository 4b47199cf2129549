"""Writes on the plan, the pool of evaluators and the assignments. Who may do what is decided
by apps.accounts.policy and checked here, not only in the views; every write is audited in
the same transaction."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from apps.accounts import policy
from apps.accounts.models import Role, User
from apps.accounts.services import user_create
from apps.audit.models import AuditAction
from apps.audit.services import audit_record
from apps.errors import Conflict as Refused
from apps.errors import InvalidInput, NotAllowed
from apps.evaluations.models import (
    Agency,
    AgencyMember,
    Assignment,
    AssignmentMember,
    Conflict,
    EvaluatorKind,
    Expert,
    Indicator,
    KeyProject,
    Plan,
    PlanState,
    ProjectEvent,
    ProjectState,
    SheetState,
)
from apps.evaluations.selectors import candidates
from apps.submissions.models import State
from apps.targets.models import TargetEvaluation, TargetTable
from apps.targets.tables import core_table
from apps.units.models import Region, Unit
from jixiao.scoring.key_rules import load_key_rules
from jixiao.targets.key_framework import key_indicators

# A project takes evaluators while it is planned or being evaluated, not after scoring closed.
ASSIGNABLE = (ProjectState.PLANNED, ProjectState.EVALUATING)


# -- the plan ------------------------------------------------------------------------------
def plan_create(*, year: int, title: str, organizer: str, number: str = "", by: User) -> Plan:
    if not policy.can_plan(by):
        raise NotAllowed("只有市财政局的系统管理员可以编制重点评价计划")
    if not title.strip() or not organizer.strip():
        raise InvalidInput("请填写计划名称和组织单位")
    if not 2000 <= year <= 2100:
        raise InvalidInput("评价年度应为2000至2100之间的年份")
    with transaction.atomic():
        plan = Plan.objects.create(
            year=year,
            title=title.strip()[:128],
            organizer=organizer.strip()[:64],
            number=number.strip()[:64],
            created_by=by,
        )
        audit_record(action=AuditAction.CREATE, actor=by, target=plan, summary={"year": year})
    return plan


def _check_draft(plan: Plan, by: User) -> None:
    if not policy.can_plan(by):
        raise NotAllowed("只有市财政局的系统管理员可以调整重点评价计划")
    if plan.state != PlanState.DRAFT:
        raise Refused("计划已印发，不能再调整所列项目")


def plan_add(*, plan: Plan, table: TargetTable, reason: str, by: User) -> KeyProject:
    """Put a unit's approved project of the plan's year on the plan, with the reason."""
    _check_draft(plan, by)
    if not reason.strip():
        raise InvalidInput(f"请填写“{table.title}”列入重点评价的理由")
    found = {c.table.pk: c for c in candidates(user=by, year=plan.year)}.get(table.pk)
    if found is None:
        raise InvalidInput(
            f"“{table.title}”不能列入：不是{plan.year}年度已批复的项目，或已列入本年度的计划"
        )
    version = table.approved_version
    assert version is not None
    built = key_indicators(core_table(version.data), load_key_rules().framework)
    if not built.usable:
        raise InvalidInput(f"“{table.title}”的绩效目标不能用于评价：" + "；".join(built.problems))
    own = TargetEvaluation.objects.filter(table=table, state=State.ACCEPTED).first()
    actuals = {str(r.indicator_id): r.actual for r in own.rows.all()} if own else {}
    with transaction.atomic():
        project = KeyProject.objects.create(
            plan=plan,
            table=table,
            unit=table.unit,
            title=table.title,
            amount=found.amount,
            policy_area=found.policy_area,
            continuing=found.continuing,
            last_grade=found.last_grade,
            reason=reason.strip(),
            # the unit's own figures as a start; the evaluation verifies them
            budget=own.budget if own else found.amount,
            executed=own.executed if own else None,
        )
        Indicator.objects.bulk_create(
            Indicator(
                project=project,
                position=n,
                key=i.key,
                level1=i.level1,
                level2=i.level2,
                level3=i.level3,
                weight=i.weight,
                standard=i.standard,
                formula=i.formula,
                row_key=i.row_key,
                target=i.target[:128],
                actual=actuals.get(i.row_key, "")[:128],
            )
            for n, i in enumerate(built.indicators, start=1)
        )
        summary = {"plan": plan.pk, "table": table.pk, "amount": str(found.amount)}
        audit_record(action=AuditAction.CREATE, actor=by, target=project, summary=summary)
    return project


def plan_remove(*, project: KeyProject, by: User) -> None:
    """Take a project off a plan that is still being drawn up."""
    _check_draft(project.plan, by)
    with transaction.atomic():
        audit_record(action=AuditAction.DELETE, actor=by, target=project)
        project.assignments.all().delete()
        project.indicators.all().delete()
        project.delete()


def plan_publish(*, plan: Plan, by: User) -> Plan:
    """Issue the plan: its units see their projects, the evaluations begin."""
    _check_draft(plan, by)
    with transaction.atomic():
        projects = list(plan.projects.select_for_update().order_by("pk"))
        if not projects:
            raise InvalidInput("计划中还没有项目，请先挑选重点项目")
        Plan.objects.filter(pk=plan.pk).update(
            state=PlanState.PUBLISHED, published_at=timezone.now()
        )
        for project in projects:
            KeyProject.objects.filter(pk=project.pk).update(
                state=ProjectState.EVALUATING, lock_version=F("lock_version") + 1
            )
            ProjectEvent.objects.create(
                project=project,
                action="publish_plan",
                from_state=ProjectState.PLANNED,
                to_state=ProjectState.EVALUATING,
                actor=by,
                comment=f"印发{plan.title}",
            )
        summary = {"after": {"state": PlanState.PUBLISHED}, "projects": len(projects)}
        audit_record(action=AuditAction.TRANSITION, actor=by, target=plan, summary=summary)
    plan.refresh_from_db()
    return plan


# -- the pool ------------------------------------------------------------------------------
def expert_create(
    *,
    username: str,
    password: str,
    full_name: str,
    field: str,
    employer: str,
    title: str = "",
    employer_unit: Unit | None = None,
    region: Region | None = None,
    by: User,
) -> Expert:
    """An expert of the pool with its account (role 评审专家)."""
    if not policy.can_manage_pool(by):
        raise NotAllowed("只有系统管理员可以管理专家库")
    if not full_name.strip() or not field.strip() or not employer.strip():
        raise InvalidInput("请填写专家的姓名、专业领域和工作单位")
    with transaction.atomic():
        user = user_create(
            username=username, password=password, role=Role.EXPERT, full_name=full_name, by=by
        )
        expert = Expert.objects.create(
            user=user,
            field=field.strip()[:64],
            title=title.strip()[:32],
            employer=employer.strip()[:128],
            employer_unit=employer_unit,
            region=region,
        )
        summary = {"field": expert.field, "employer": expert.employer}
        audit_record(action=AuditAction.CREATE, actor=by, target=expert, summary=summary)
    return expert


def agency_create(
    *, name: str, username: str, password: str, credit_code: str = "", contact: str = "", by: User
) -> Agency:
    """A third-party agency with its own account (role 第三方机构)."""
    if not policy.can_manage_pool(by):
        raise NotAllowed("只有系统管理员可以登记第三方机构")
    if not name.strip():
        raise InvalidInput("请填写机构名称")
    if Agency.objects.filter(name=name.strip()).exists():
        raise InvalidInput(f"第三方机构“{name.strip()}”已经登记")
    with transaction.atomic():
        agency = Agency.objects.create(
            name=name.strip()[:128], credit_code=credit_code.strip()[:18], contact=contact[:64]
        )
        user = user_create(
            username=username, password=password, role=Role.AGENCY, full_name=agency.name, by=by
        )
        AgencyMember.objects.create(agency=agency, user=user)
        audit_record(
            action=AuditAction.CREATE, actor=by, target=agency, summary={"account": username}
        )
    return agency


def agency_staff_create(
    *, agency: Agency, username: str, password: str, full_name: str, by: User
) -> User:
    """A staff account of the agency (role 第三方机构人员)."""
    if not policy.can_manage_pool(by):
        raise NotAllowed("只有系统管理员可以为第三方机构开设账号")
    if not full_name.strip():
        raise InvalidInput("请填写机构人员的姓名")
    with transaction.atomic():
        user = user_create(
            username=username,
            password=password,
            role=Role.AGENCY_STAFF,
            full_name=full_name.strip(),
            by=by,
        )
        AgencyMember.objects.create(agency=agency, user=user)
        audit_record(
            action=AuditAction.UPDATE, actor=by, target=agency, summary={"staff": username}
        )
    return user


def conflict_declare(*, expert: Expert, unit: Unit, reason: str, by: User) -> Conflict:
    """The expert declares a conflict with a unit (or the administrator records one): the
    expert leaves every assignment on that unit's projects still being evaluated."""
    if not policy.can_declare_conflict(by, expert.user_id):
        raise NotAllowed("利益冲突由专家本人申报，或由系统管理员登记")
    if not reason.strip():
        raise InvalidInput("请说明回避事由")
    if Conflict.objects.filter(expert=expert, unit=unit).exists():
        raise InvalidInput(f"已登记与{unit.name}的利益冲突")
    with transaction.atomic():
        conflict = Conflict.objects.create(
            expert=expert, unit=unit, reason=reason.strip()[:200], declared_by=by
        )
        withdrawn = Assignment.objects.filter(
            user=expert.user, project__unit=unit, project__state__in=ASSIGNABLE
        )
        ids = [a.project_id for a in withdrawn]
        for assignment in withdrawn:
            audit_record(
                action=AuditAction.DELETE,
                actor=by,
                target=assignment,
                summary={"why": "利益冲突回避", "project": assignment.project_id},
            )
        withdrawn.delete()
        summary = {"unit": unit.pk, "reason": conflict.reason, "withdrawn": ids}
        audit_record(action=AuditAction.CREATE, actor=by, target=conflict, summary=summary)
    return conflict


# -- assignments ---------------------------------------------------------------------------
def conflict_of(expert: Expert, project: KeyProject) -> str:
    """Why the expert may not evaluate the project (Chinese), or "" when nothing stands in
    the way: employed by the unit or by its 主管部门, or a declared conflict."""
    unit = project.unit
    name = expert.user.full_name or expert.user.username
    if expert.employer_unit_id is not None and expert.employer_unit_id == unit.pk:
        return f"{name}在被评价单位{unit.name}任职，应当回避"
    if expert.employer_unit_id is not None and expert.employer_unit_id == unit.department_id:
        return f"{name}在被评价单位的主管部门{expert.employer}任职，应当回避"
    declared = Conflict.objects.filter(expert=expert, unit_id__in=_unit_and_department(unit))
    found = declared.select_related("unit").first()
    if found is not None:
        return f"{name}已申报与{found.unit.name}存在利益冲突（{found.reason}），应当回避"
    return ""


def _unit_and_department(unit: Unit) -> Iterable[int]:
    return [unit.pk] + ([unit.department_id] if unit.department_id else [])


def _check_assignable(project: KeyProject, by: User) -> None:
    if not policy.can_organize(by, project.unit.region_id):
        raise NotAllowed("只有本区域的财政审核人可以委派评价人员")
    if project.state not in ASSIGNABLE:
        label = ProjectState(project.state).label
        raise Refused(f"项目当前为“{label}”，评分已汇总，不能再委派评价人员")


def assign(
    *,
    project: KeyProject,
    kind: str,
    by: User,
    user: User | None = None,
    agency: Agency | None = None,
) -> Assignment:
    """Put an evaluator on the project: an expert of the pool (never one in conflict), a
    reviewer of another region, or a third-party agency."""
    _check_assignable(project, by)
    if kind == EvaluatorKind.AGENCY:
        if agency is None or not agency.active:
            raise InvalidInput("请选择在用的第三方机构")
        user = None
        exists = project.assignments.filter(agency=agency).exists()
        name = agency.name
    elif kind in (EvaluatorKind.EXPERT, EvaluatorKind.INTERNAL):
        if user is None or not user.is_active:
            raise InvalidInput("请选择评价人员")
        agency = None
        _check_person(project, kind, user)
        exists = project.assignments.filter(user=user).exists()
        name = user.full_name or user.username
    else:
        raise InvalidInput("评价人类型无效")
    if exists:
        raise InvalidInput(f"{name}已是本项目的评价人")
    with transaction.atomic():
        assignment = Assignment.objects.create(
            project=project, kind=kind, user=user, agency=agency, assigned_by=by
        )
        summary = {"project": project.pk, "kind": kind, "evaluator": name}
        audit_record(action=AuditAction.CREATE, actor=by, target=assignment, summary=summary)
    return assignment


def _check_person(project: KeyProject, kind: str, user: User) -> None:
    if kind == EvaluatorKind.EXPERT:
        expert = Expert.objects.filter(user=user, active=True).select_related("user").first()
        if user.role != Role.EXPERT or expert is None:
            raise InvalidInput("请从专家库中选择在库的专家")
        why = conflict_of(expert, project)
        if why:
            raise Refused(why)
        return
    if user.role != Role.REVIEWER:
        raise InvalidInput("内部评审应为财政审核人")
    if policy.can_organize(user, project.unit.region_id):
        raise InvalidInput("本区域的财政审核人负责组织本项目评价，不能同时担任评价人（独立评分）")


def staff_add(*, assignment: Assignment, user: User, by: User) -> AssignmentMember:
    """The agency puts one of its staff on its assignment."""
    if not policy.can_staff(by, assignment):
        raise NotAllowed("只有受托的第三方机构可以安排本机构人员")
    if user.role != Role.AGENCY_STAFF or policy.agency_of(user) != assignment.agency_id:
        raise InvalidInput("只能安排本机构的工作人员")
    if assignment.state != SheetState.DRAFT:
        raise Refused("评分表已提交，不能再调整项目组成员")
    if assignment.members.filter(user=user).exists():
        raise InvalidInput(f"{user}已在项目组中")
    with transaction.atomic():
        member = AssignmentMember.objects.create(assignment=assignment, user=user, added_by=by)
        summary = {"staff": user.username}
        audit_record(action=AuditAction.UPDATE, actor=by, target=assignment, summary=summary)
    return member


def amount_text(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01')):,}万元"
