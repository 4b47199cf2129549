"""A key project's steps on the shared workflow machine (apps.reviews.machine):

    评价中 -close_scoring-> 专家合议 -issue_draft-> 征求意见 -finalize-> 报告定稿 -publish-> 已公开

Each step is the organizer's (the region's reviewer or the administrator) and is refused until
what it needs is there: every evaluator's sheet submitted (and enough of them) to close the
scoring; every divergent indicator discussed to issue the draft; the unit's written response
to make the report final. Making it final fixes the score, the grade and the use of the result
(next year's budget suggestion, by the rules in jixiao/data/key_projects.toml) and sends a
rectification notice through the rectification app when the rules say so.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from apps.accounts import policy
from apps.accounts.models import User
from apps.audit.models import AuditAction
from apps.audit.services import audit_record
from apps.errors import InvalidInput
from apps.evaluations.models import Feedback, KeyProject, ProjectEvent, ProjectState
from apps.evaluations.scoring import indicators_of, panel_of, recheck_of
from apps.evaluations.selectors import assignments_of
from apps.rectification.models import Notice, Source
from apps.rectification.services import notice_issue
from apps.reviews.machine import Move, Transition, Workflow
from jixiao.domain.scorecard import display, rounded
from jixiao.scoring.key_rules import load_key_rules
from jixiao.scoring.panel import PanelResult


def _organizer(user: Any, project: KeyProject) -> bool:
    return policy.can_organize(user, project.unit.region_id)


P = ProjectState
WHO = "组织评价的财政审核人"
STEPS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition("close_scoring", "汇总评分", (P.EVALUATING,), P.PANEL, WHO, _organizer),
        Transition("issue_draft", "印发征求意见稿", (P.PANEL,), P.DRAFT, WHO, _organizer),
        Transition("finalize", "报告定稿", (P.DRAFT,), P.FINAL, WHO, _organizer),
        Transition("publish", "公开评价结果", (P.FINAL,), P.PUBLISHED, WHO, _organizer),
    )
}  # fmt: skip

PROJECT_WORKFLOW: Workflow[KeyProject] = Workflow(
    noun="评价项目",
    model=KeyProject,
    transitions=STEPS,
    labels=dict(ProjectState.choices),
    related=("unit", "plan"),
)


def current_panel(project: KeyProject) -> PanelResult:
    return panel_of(project, assignments_of(project=project))


def _ready(project: KeyProject, action: str) -> None:
    """Refuse the step (InvalidInput, in Chinese) while what it needs is missing."""
    assignments = assignments_of(project=project)
    if action == "close_scoring":
        waiting = [a.evaluator_name for a in assignments if not a.submitted]
        if waiting:
            raise InvalidInput(f"还有评价人未提交评分表：{'、'.join(waiting)}")
        needed = load_key_rules().panel.min_evaluators
        if len(assignments) < needed:
            raise InvalidInput(f"至少需要{needed}个评价人提交评分，目前{len(assignments)}个")
    elif action == "issue_draft":
        panel = panel_of(project, assignments)
        pending = [line.indicator.level3 for line in panel.pending]
        if pending:
            raise InvalidInput(
                f"以下指标评分分歧较大，请先记录专家组合议结果：{'、'.join(pending)}"
            )
        if panel.problems or panel.total is None:
            problems = "；".join(p.message for p in panel.problems) or "尚有指标没有得分"
            raise InvalidInput(f"评分还不能汇总：{problems}")
    elif action == "finalize" and not Feedback.objects.filter(project=project).exists():
        raise InvalidInput("被评价单位尚未反馈意见，报告不能定稿")


def project_transition(
    *,
    project: KeyProject,
    action: str,
    by: User,
    comment: str = "",
    lock_version: int | None = None,
) -> ProjectEvent:
    """Take one step of the project's evaluation (the rules above)."""

    def record(move: Move[KeyProject]) -> ProjectEvent:
        locked = move.subject
        _ready(locked, action)
        extra: dict[str, Any] = {}
        if action == "finalize":
            extra = _finalize(locked, by, move.comment)
        elif action == "publish":
            locked.published_at = timezone.now()
            locked.save(update_fields=["published_at"])
        event = ProjectEvent.objects.create(
            project=locked,
            action=action,
            from_state=move.from_state,
            to_state=move.transition.target,
            actor=by,
            comment=move.comment,
        )
        summary = {
            "action": action,
            "before": {"state": move.from_state},
            "after": {"state": str(move.transition.target), **extra},
            "comment": move.comment,
        }
        audit_record(action=AuditAction.TRANSITION, actor=by, target=locked, summary=summary)
        return event

    return PROJECT_WORKFLOW.take(
        subject=project,
        action=action,
        by=by,
        record=record,
        comment=comment,
        lock_version=lock_version,
    )


def _finalize(project: KeyProject, by: User, comment: str) -> dict[str, Any]:
    """Fix the result: score, grade, its use next year, and the notice it calls for."""
    indicators = indicators_of(project)
    panel = panel_of(project, assignments_of(project=project), indicators=indicators)
    assert panel.total is not None and panel.grade is not None  # issue_draft made sure
    rules = load_key_rules()
    use = rules.use_for(panel.grade)
    assert use is not None  # the rules file has a use for every grade (checked on loading)
    checked = recheck_of(project, panel, indicators)
    project.score = rounded(panel.total)
    project.grade = panel.grade
    project.use_label = use.label
    project.suggested_budget = use.suggested_budget(project.amount)
    project.finalized_at = timezone.now()
    project.result = {
        "total": str(panel.total),
        "grade": panel.grade,
        "evaluators": list(panel.evaluators),
        "lines": [
            {
                "key": line.indicator.key,
                "level3": line.indicator.level3,
                "weight": str(line.indicator.weight),
                "scores": [None if s is None else str(s) for s in line.scores],
                "final": None if line.final is None else str(line.final),
                "method": line.method.value,
            }
            for line in panel.lines
        ],
        "recheck_flagged": [line.key for line in checked.flagged],
        "use": {"label": use.label, "advice": use.advice},
    }
    if comment:
        Feedback.objects.filter(project=project).update(handling=comment)
    if use.rectify:
        project.notice = _notice(project, panel, use.advice, use.rectify_days, by)
    project.save(
        update_fields=[
            "score",
            "grade",
            "use_label",
            "suggested_budget",
            "finalized_at",
            "result",
            "notice",
        ]
    )
    return {"score": display(panel.total), "grade": panel.grade, "use": use.label}


def _notice(project: KeyProject, panel: PanelResult, advice: str, days: int, by: User) -> Notice:
    assert panel.total is not None
    weakest = sorted(
        (line for line in panel.lines if line.final is not None and line.indicator.weight),
        key=lambda line: (line.final or 0) / line.indicator.weight,
    )[:3]
    lost = "、".join(
        f"{line.indicator.level3}（{display(line.final or 0)}/{display(line.indicator.weight)}分）"
        for line in weakest
    )
    return notice_issue(
        unit=project.unit,
        year=project.plan.year,
        source=Source.KEY_PROJECT,
        grade=panel.grade or "",
        number=project.plan.number,
        reasons=(
            f"{project.plan.year}年度“{project.title}”财政重点绩效评价得分"
            f"{display(panel.total)}分，等级“{panel.grade}”；失分较多的指标：{lost}"
        ),
        requirements=f"{advice}。请针对评价报告指出的问题逐项整改，按期提交整改情况和佐证材料。",
        due_date=timezone.localdate() + datetime.timedelta(days=days),
        by=by,
    )
