"""Writes on the scoring: an evaluator's sheet (saved, then submitted), the panel's discussion
of a divergent indicator, the figures the evaluation verified, and the report's own words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from apps.accounts import policy
from apps.accounts.models import User
from apps.audit.models import AuditAction
from apps.audit.services import audit_record
from apps.errors import Conflict, InvalidInput, NotAllowed
from apps.evaluations.models import (
    Assignment,
    Discussion,
    Indicator,
    KeyProject,
    ProjectState,
    Score,
    SheetState,
)
from apps.evaluations.scoring import indicators_of, labels, panel_indicators, panel_of, sheet_of
from apps.evaluations.selectors import assignments_of
from jixiao.scoring.panel import sheet_problems

MAX_REASON = 2000


@dataclass(frozen=True, slots=True)
class ScoreInput:
    indicator_id: int
    points: Decimal | None
    reason: str = ""


def _locked(assignment: Assignment, lock_version: int | None) -> Assignment:
    locked = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if lock_version is not None and locked.lock_version != lock_version:
        raise Conflict("评分表在您查看期间已被修改（可能是同一机构的其他人员），请刷新页面后再保存")
    return locked


def _check_open(assignment: Assignment, by: User) -> None:
    if not policy.works_on(by, assignment):
        raise NotAllowed("只能填写委派给自己的评分表")
    if assignment.state != SheetState.DRAFT:
        raise Conflict("评分表已提交，不能再修改")
    if assignment.project.state != ProjectState.EVALUATING:
        raise Conflict("项目当前不在评分阶段")


def sheet_save(
    *,
    assignment: Assignment,
    entries: Sequence[ScoreInput],
    stated_total: Decimal | None = None,
    by: User,
    lock_version: int | None = None,
) -> Assignment:
    """Save the evaluator's scores and reasons (blank ones may be filled in later)."""
    _check_open(assignment, by)
    indicators = {i.pk: i for i in assignment.project.indicators.all()}
    for entry in entries:
        indicator = indicators.get(entry.indicator_id)
        if indicator is None:
            raise InvalidInput("评分表中有不属于本项目的指标")
        if entry.points is not None and not Decimal(0) <= entry.points <= indicator.weight:
            raise InvalidInput(
                f"“{indicator.level3}”的得分应在0至{indicator.weight.normalize():f}分之间"
            )
        if len(entry.reason) > MAX_REASON:
            raise InvalidInput(f"“{indicator.level3}”的评分理由不能超过{MAX_REASON}字")
    with transaction.atomic():
        locked = _locked(assignment, lock_version)
        for entry in entries:
            Score.objects.update_or_create(
                assignment=locked,
                indicator_id=entry.indicator_id,
                defaults={"points": entry.points, "reason": entry.reason.strip(), "updated_by": by},
            )
        locked.stated_total = stated_total
        locked.lock_version = F("lock_version") + 1
        locked.save(update_fields=["stated_total", "lock_version"])
        scored = sum(1 for e in entries if e.points is not None)
        summary = {"scored": scored, "of": len(indicators)}
        audit_record(action=AuditAction.UPDATE, actor=by, target=locked, summary=summary)
    assignment.refresh_from_db()
    return assignment


def sheet_readiness(assignment: Assignment) -> list[str]:
    """What keeps the sheet from being submitted (Chinese): indicators without a score or a
    reason, a score outside its weight, a stated total that is not the sum."""
    indicators = indicators_of(assignment.project)
    reasons = {s.indicator_id: s.reason for s in assignment.scores.all()}
    sheet = sheet_of(assignment, indicators, "本评分表")
    found = sheet_problems(panel_indicators(indicators), sheet)
    unscored = [i.level3 for i in indicators if sheet.scores.get(i.key) is None]
    problems = []
    if unscored:
        problems.append(f"尚未评分的指标（{len(unscored)}项）：{'、'.join(unscored)}")
    problems.extend(p.message for p in found if p.code != "score-missing")
    unexplained = [i.level3 for i in indicators if not reasons.get(i.pk, "").strip()]
    if unexplained:
        problems.append(f"尚未写评分理由的指标（{len(unexplained)}项）：{'、'.join(unexplained)}")
    return problems


def sheet_submit(
    *, assignment: Assignment, by: User, lock_version: int | None = None
) -> Assignment:
    """Submit the sheet: from now on the evaluator sees the others' submitted scores and
    cannot change its own."""
    if not policy.can_submit_sheet(by, assignment):
        if policy.works_on(by, assignment):
            raise NotAllowed("机构人员可以填写评分表，由第三方机构账号确认提交")
        raise NotAllowed("只能提交委派给自己的评分表")
    _check_open(assignment, by)
    with transaction.atomic():
        locked = _locked(assignment, lock_version)
        problems = sheet_readiness(locked)
        if problems:
            raise InvalidInput("评分表还不能提交：" + "；".join(problems[:5]))
        locked.state = SheetState.SUBMITTED
        locked.submitted_at = timezone.now()
        locked.submitted_by = by
        locked.lock_version = F("lock_version") + 1
        locked.save(update_fields=["state", "submitted_at", "submitted_by", "lock_version"])
        summary = {"after": {"state": SheetState.SUBMITTED}}
        audit_record(action=AuditAction.TRANSITION, actor=by, target=locked, summary=summary)
    assignment.refresh_from_db()
    return assignment


def _check_organizer(project: KeyProject, by: User, states: tuple[str, ...], what: str) -> None:
    if not policy.can_organize(by, project.unit.region_id):
        raise NotAllowed(f"只有本区域的财政审核人可以{what}")
    if project.state not in states:
        raise Conflict(f"项目当前为“{ProjectState(project.state).label}”，不能{what}")


def discussion_record(
    *, indicator: Indicator, points: Decimal, reason: str, by: User
) -> Discussion:
    """The panel's agreed score of a divergent indicator, and why."""
    project = indicator.project
    _check_organizer(project, by, (ProjectState.PANEL,), "记录专家组合议")
    if not reason.strip():
        raise InvalidInput("请写明合议理由：依据什么、为何这样定分")
    if not Decimal(0) <= points <= indicator.weight:
        raise InvalidInput(f"合议得分应在0至{indicator.weight.normalize():f}分之间")
    panel = panel_of(project, assignments_of(project=project))
    line = panel.line(indicator.key)
    if not line.divergent:
        raise InvalidInput(f"“{indicator.level3}”的评分没有分歧，按计分规则取值，无需合议")
    with transaction.atomic():
        discussion, _ = Discussion.objects.update_or_create(
            indicator=indicator,
            defaults={"points": points, "reason": reason.strip(), "decided_by": by},
        )
        summary = {"indicator": indicator.key, "points": str(points), "reason": reason.strip()}
        audit_record(action=AuditAction.UPDATE, actor=by, target=project, summary=summary)
    return discussion


def figures_save(
    *,
    project: KeyProject,
    budget: Decimal | None,
    executed: Decimal | None,
    actuals: Mapping[int, str],
    by: User,
) -> KeyProject:
    """The budget, execution and each target's actual as the evaluation verified them."""
    _check_organizer(project, by, (ProjectState.EVALUATING, ProjectState.PANEL), "修改核实的数据")
    for value in (budget, executed):
        if value is not None and value < 0:
            raise InvalidInput("金额不能为负数")
    indicators = {i.pk: i for i in project.indicators.exclude(row_key="")}
    if set(actuals) - set(indicators):
        raise InvalidInput("核实的完成值中有不属于本项目绩效目标的指标")
    with transaction.atomic():
        KeyProject.objects.filter(pk=project.pk).update(budget=budget, executed=executed)
        for pk, text in actuals.items():
            Indicator.objects.filter(pk=pk).update(actual=text.strip()[:128])
        summary = {
            "budget": None if budget is None else str(budget),
            "executed": None if executed is None else str(executed),
            "actuals": {indicators[pk].level3: text for pk, text in actuals.items()},
        }
        audit_record(action=AuditAction.UPDATE, actor=by, target=project, summary=summary)
    project.refresh_from_db()
    return project


def report_text_save(
    *, project: KeyProject, experience: str, problems: str, suggestions: str, by: User
) -> KeyProject:
    """The report's own words: experience, problems, suggestions (one item per line)."""
    states = (ProjectState.EVALUATING, ProjectState.PANEL, ProjectState.DRAFT)
    _check_organizer(project, by, states, "修改报告文字")
    with transaction.atomic():
        KeyProject.objects.filter(pk=project.pk).update(
            experience=experience.strip()[:5000],
            problems=problems.strip()[:5000],
            suggestions=suggestions.strip()[:5000],
        )
        audit_record(action=AuditAction.UPDATE, actor=by, target=project, summary={"text": True})
    project.refresh_from_db()
    return project


def sheet_labels(project: KeyProject) -> dict[int, str]:
    return labels(assignments_of(project=project))
