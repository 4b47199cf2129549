"""What one key project's page shows to whom: every part asks the policy, so an expert who has
not submitted sees no other score, a unit sees the scores only in the issued report, and the
organizer sees the submitted sheets and the tools of each step."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from apps.accounts import policy
from apps.accounts.models import User
from apps.evaluations import forms as f
from apps.evaluations import selectors as s
from apps.evaluations.models import (
    Assignment,
    Feedback,
    Indicator,
    KeyProject,
    ProjectState,
)
from apps.evaluations.report import REPORT_STATES
from apps.evaluations.scoring import execution_rate, labels, panel_of, recheck_of
from apps.evaluations.services import ASSIGNABLE, conflict_of
from apps.evaluations.workflow import PROJECT_WORKFLOW
from jixiao.scoring.key_rules import load_key_rules, survey_flags
from jixiao.scoring.panel import IndicatorResult

ISSUED = (ProjectState.DRAFT, ProjectState.FINAL, ProjectState.PUBLISHED)


@dataclass(frozen=True)
class Row:
    """One indicator of the panel table, as this viewer may see it."""

    indicator: Indicator
    scores: list[Decimal | None]  # of the visible sheets, in their order
    line: IndicatorResult | None  # the panel's line (final, method): None when not shown
    own: Decimal | None  # the viewer's own score, when the viewer evaluates


def project_context(member: User, project: KeyProject) -> dict[str, Any]:
    assignments = s.assignments_of(project=project)
    region = project.unit.region_id
    organizer = policy.can_organize(member, region)
    mine = [a for a in assignments if policy.works_on(member, a)]
    visible = s.visible_sheets(user=member, project=project, assignments=assignments)
    others_hidden = bool(mine) and not all(a.submitted for a in mine)
    indicators = list(project.indicators.select_related("discussion").order_by("position"))
    named = labels(assignments)
    # The panel's result is shown once every sheet the viewer may see is in: the organizer
    # and an evaluator who has submitted (over the submitted sheets), the unit once issued.
    shows_panel = organizer or (bool(mine) and not others_hidden) or project.state in ISSUED
    panel = panel_of(project, assignments, indicators=indicators) if shows_panel else None
    visible_submitted = [a for a in visible if a.submitted]
    scores = {a.pk: {sc.indicator_id: sc.points for sc in a.scores.all()} for a in visible}
    rows = [
        Row(
            indicator=i,
            scores=[scores[a.pk].get(i.pk) for a in visible_submitted],
            line=panel.line(i.key) if panel is not None else None,
            own=scores[mine[0].pk].get(i.pk) if mine and mine[0].pk in scores else None,
        )
        for i in indicators
    ]
    issued = project.state in ISSUED
    papers = policy.can_keep_papers(member, region, assignments)
    answers = policy.can_answer_for_unit(member, project.unit_id)
    context: dict[str, Any] = {
        "project": project,
        "evaluators": [(a, named[a.pk], a in mine) for a in assignments],
        "visible_labels": [named[a.pk] for a in visible_submitted],
        "mine": mine,
        "organizer": organizer,
        "visible": visible_submitted,
        "others_hidden": others_hidden,
        "rows": rows,
        "panel": panel,
        "recheck": recheck_of(project, panel, indicators)
        if panel and (organizer or mine)
        else None,
        "actions": PROJECT_WORKFLOW.available(member, project) if organizer else [],
        "execution_rate": execution_rate(project),
        "papers": papers,
        "answers": answers,
        # the rectification notice opens only for those who see the unit (not its evaluators)
        "notice_link": policy.can_see_unit(member, project.unit_id, region),
        "requests": list(project.requests.prefetch_related("files__uploaded_by")),
        "visits": list(project.visits.select_related("recorded_by")) if papers else [],
        "surveys": _surveys(project) if papers else [],
        "feedback": Feedback.objects.filter(project=project).select_related("given_by").first(),
        "report": project.state in REPORT_STATES
        and policy.can_read_report(member, project, issued=issued),
        "events": project.events.select_related("actor"),
        "issued": issued,
        "open_papers": project.state in (ProjectState.EVALUATING, ProjectState.PANEL),
        "discuss": organizer and project.state == ProjectState.PANEL,
        "finalize_form": f.FinalizeForm(),
    }
    if organizer and project.state in ASSIGNABLE:
        context |= _assign_choices(project, assignments)
    if papers:
        context |= {
            "request_form": f.RequestForm(),
            "visit_form": f.VisitForm(),
            "survey_form": f.SurveyForm(),
        }
    if answers:
        context["upload_form"] = f.UploadForm()
    return context


def _assign_choices(project: KeyProject, assignments: list[Assignment]) -> dict[str, Any]:
    """The pool as the organizer picks from it; a conflicted expert is listed with the reason
    (the service refuses the assignment all the same)."""
    people = {a.user_id for a in assignments if a.user_id}
    agencies = {a.agency_id for a in assignments if a.agency_id}
    experts = []
    for expert in s.experts(active_only=True):
        if expert.user_id in people:
            continue
        why = conflict_of(expert, project)
        note = f"（{why}）" if why else ""
        label = f"{expert.user.full_name}｜{expert.field}｜{expert.title}｜{expert.employer}{note}"
        experts.append((str(expert.user_id), label))
    return {
        "can_assign": True,
        "expert_choices": experts,
        "reviewer_choices": [
            (str(u.pk), f"{u.full_name or u.username}（其他区域的财政审核人）")
            for u in s.internal_reviewers(project=project)
            if u.pk not in people
        ],
        "agency_choices": [
            (str(a.pk), a.name) for a in s.agencies(active_only=True) if a.pk not in agencies
        ],
    }


def _surveys(project: KeyProject) -> list[tuple[Any, tuple[str, ...]]]:
    rules = load_key_rules().survey
    return [
        (sv, survey_flags(rate=sv.rate, sample=sv.sample, satisfied=sv.satisfied, rules=rules))
        for sv in project.surveys.select_related("recorded_by")
    ]
