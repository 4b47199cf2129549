"""Who may do what on the key-project pages and endpoints (apps.evaluations), written as the
specification (the words of ``who`` are explained in spec.py), merged into the matrix's rules.

What issue 15 asks: the plan and the pool are the city bureau's administrator's; a project is
organised by its unit's region's reviewer (and the administrator); its unit sees it once the
plan is issued and answers the document requests and the draft report through its preparer;
an evaluator sees only what is assigned to it, writes only its own sheet (an agency's staff
fill the agency's sheet, the agency's account submits it and puts its staff on the team);
the working papers are kept by the organizer and the evaluators; the results are public once
published. A refused write leaves the rows as they were (each POST rule names what it watches).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from apps.evaluations.models import (
    AgencyMember,
    Assignment,
    AssignmentMember,
    Conflict,
    Discussion,
    DocumentRequest,
    Expert,
    Feedback,
    KeyProject,
    Plan,
    RequestFile,
    Score,
    SiteVisit,
    Survey,
)
from apps.evaluations.services import plan_add
from apps.evaluations.workflow import STEPS as KEY_STEPS
from tests.web.security.conftest import Scene
from tests.web.security.key_scene import divergent_panel, fill_sheet, project_at
from tests.web.security.spec import Rule

Form = dict[str, Any]
SOURCE = {
    "close_scoring": "evaluating",
    "issue_draft": "panel",
    "finalize": "draft",
    "publish": "final",
}


def _project(scene: Scene, scope: str) -> dict[str, Any]:
    return {"pk": scene.key.projects[scope].pk}


def _plan(scene: Scene, scope: str) -> dict[str, Any]:
    # own: the issued plan (A's and B's projects); other: the draft plan, of no project yet
    return {"pk": (scene.key.plan if scope == "own" else scene.key.draft_plan).pk}


def _draft_plan(scene: Scene, scope: str) -> dict[str, Any]:
    return {"pk": scene.key.draft_plan.pk}


def _expert_sheet(scene: Scene, scope: str) -> dict[str, Any]:
    return {"pk": scene.key.expert_sheets[scope].pk}


def _agency_sheet(scene: Scene, scope: str) -> dict[str, Any]:
    # other: 李's sheet on unit B's project, which no agency works on
    return {"pk": _agency_or_other(scene, scope).pk}


def project_state(scene: Scene, scope: str) -> Any:
    rows = KeyProject.objects.filter(pk=scene.key.projects[scope].pk)
    return rows.values_list("state", "lock_version", "budget", "experience", "notice_id").get()


def assignments_of(scene: Scene, scope: str) -> int:
    return Assignment.objects.filter(project=scene.key.projects[scope]).count()


def papers_of(scene: Scene, scope: str) -> tuple[int, int, int, int]:
    project = scene.key.projects[scope]
    return (
        DocumentRequest.objects.filter(project=project).count(),
        RequestFile.objects.filter(request__project=project).count(),
        SiteVisit.objects.filter(project=project).count(),
        Survey.objects.filter(project=project).count(),
    )


def sheet_state(sheet: Assignment) -> Any:
    row = Assignment.objects.values_list("state", "lock_version", "stated_total").get(pk=sheet.pk)
    return row, list(Score.objects.filter(assignment=sheet).values_list("points", "reason"))


def expert_sheet_state(scene: Scene, scope: str) -> Any:
    return sheet_state(scene.key.expert_sheets[scope])


def agency_sheet_state(scene: Scene, scope: str) -> Any:
    sheet = _agency_or_other(scene, scope)
    members = AssignmentMember.objects.filter(assignment=sheet).count()
    return sheet_state(sheet), members, Conflict.objects.count()


def declared(scene: Scene, scope: str) -> tuple[bool, int]:
    sheet = scene.key.expert_sheets[scope]
    return Assignment.objects.filter(pk=sheet.pk).exists(), Conflict.objects.count()


def plans_and_projects(scene: Scene, scope: str) -> tuple[int, int, str]:
    draft = Plan.objects.get(pk=scene.key.draft_plan.pk)
    return Plan.objects.count(), KeyProject.objects.count(), draft.state


def pool_state(scene: Scene, scope: str) -> tuple[int, int, int]:
    return Expert.objects.count(), Conflict.objects.count(), AgencyMember.objects.count()


# -- preparing ------------------------------------------------------------------------------
def _step_source(scene: Scene, scope: str, variant: dict[str, Any]) -> None:
    action = variant["action"]
    project_at(scene.key, scope, SOURCE[action], feedback=action == "finalize")


def _in_draft_plan(scene: Scene, scope: str, variant: dict[str, Any]) -> None:
    """A project on the draft plan (removing it, or issuing the plan, needs one)."""
    key = scene.key
    plan_add(plan=key.draft_plan, table=key.spare_table, reason="资金量大", by=scene.world.admin)


def _drafted(scene: Scene, scope: str, variant: dict[str, Any]) -> None:
    project_at(scene.key, scope, "draft")


def _previewed(scene: Scene, scope: str, variant: dict[str, Any]) -> None:
    project_at(scene.key, scope, "panel")


def _published(scene: Scene, scope: str, variant: dict[str, Any]) -> None:
    if scope == "own":  # the other project stays unpublished: nobody sees its result
        project = project_at(scene.key, scope, "published")
        KeyProject.objects.filter(pk=project.pk).update(
            score="91.50", grade="优", use_label="优先保障", result={"lines": []}
        )


def _divergent(scene: Scene, scope: str, variant: dict[str, Any]) -> None:
    divergent_panel(scene.key, scope)


def _agency_or_other(scene: Scene, scope: str) -> Assignment:
    return scene.key.agency_sheet if scope == "own" else scene.key.expert_sheets["other"]


def _filled(scene: Scene, scope: str, variant: dict[str, Any]) -> None:
    fill_sheet(scene.key.expert_sheets[scope], submit=False)


def _agency_filled(scene: Scene, scope: str, variant: dict[str, Any]) -> None:
    fill_sheet(_agency_or_other(scene, scope), submit=False)


# -- bodies ---------------------------------------------------------------------------------
def _sheet_form(scene: Scene, scope: str, variant: dict[str, Any]) -> Form:
    return _form_of(scene.key.expert_sheets[scope])


def _agency_sheet_form(scene: Scene, scope: str, variant: dict[str, Any]) -> Form:
    return _form_of(_agency_or_other(scene, scope))


def _form_of(sheet: Assignment) -> Form:
    first = sheet.project.indicators.order_by("position").first()
    assert first is not None
    return {
        "lock_version": str(Assignment.objects.get(pk=sheet.pk).lock_version),
        f"points-{first.pk}": "1.5",
        f"reason-{first.pk}": "依据立项文件",
    }


def _sheet_json(scene: Scene, scope: str, variant: dict[str, Any]) -> Form:
    return {"scores": [{"indicator": "c-basis", "points": "2", "reason": "依据立项文件"}]}


def _assign_form(scene: Scene, scope: str, variant: dict[str, Any]) -> Form:
    return {"kind": "expert", "evaluator": str(scene.key.spare_expert.pk)}


def _candidate_form(scene: Scene, scope: str, variant: dict[str, Any]) -> Form:
    table = scene.key.spare_table.pk
    return {"table": str(table), f"reason-{table}": "资金量大、受益面广"}


def _plan_form(scene: Scene, scope: str, variant: dict[str, Any]) -> Form:
    return {"year": "2022", "title": "2022年度第三批计划", "organizer": "甲市财政局"}


def _figures_form(scene: Scene, scope: str, variant: dict[str, Any]) -> Form:
    return {"budget": "400", "executed": "377"}


def _text_form(scene: Scene, scope: str, variant: dict[str, Any]) -> Form:
    return {"experience": "建立了培训台账", "problems": "", "suggestions": ""}


def _discussion_form(scene: Scene, scope: str, variant: dict[str, Any]) -> Form:
    return {"points": "2", "reason": "核实立项文件齐全"}


def _discussion_kwargs(scene: Scene, scope: str) -> dict[str, Any]:
    project = scene.key.projects[scope]
    first = project.indicators.order_by("position").first()
    assert first is not None
    return {"pk": project.pk, "indicator_id": first.pk}


def discussions_of(scene: Scene, scope: str) -> int:
    return Discussion.objects.filter(indicator__project=scene.key.projects[scope]).count()


def _request_form(scene: Scene, scope: str, variant: dict[str, Any]) -> Form:
    due = datetime.date.today() + datetime.timedelta(days=5)
    return {"title": "验收报告", "due_date": due.isoformat()}


def _upload_form(scene: Scene, scope: str, variant: dict[str, Any]) -> Form:
    return {"files": SimpleUploadedFile("验收报告.pdf", b"%PDF-1.4 acceptance")}


def _upload_kwargs(scene: Scene, scope: str) -> dict[str, Any]:
    return {**_project(scene, scope), "request_id": scene.key.requests[scope].pk}


def _file_kwargs(scene: Scene, scope: str) -> dict[str, Any]:
    return {**_project(scene, scope), "file_id": scene.key.files[scope].pk}


def _visit_form(scene: Scene, scope: str, variant: dict[str, Any]) -> Form:
    return {
        "visited_on": datetime.date.today().isoformat(),
        "place": "培训基地",
        "people": "张评审、赵审计",
        "notes": "查看培训签到表和现场照片",
    }


def _survey_form(scene: Scene, scope: str, variant: dict[str, Any]) -> Form:
    return {"subject": "参训农户", "method": "入户问卷", "sample": "120", "satisfied": "110"}


def _feedback_form(scene: Scene, scope: str, variant: dict[str, Any]) -> Form:
    return {"agrees": "1", "text": "对评价结论无异议"}


def feedback_of(scene: Scene, scope: str) -> int:
    return Feedback.objects.filter(project=scene.key.projects[scope]).count()


def _staff_form(scene: Scene, scope: str, variant: dict[str, Any]) -> Form:
    return {"user": str(scene.key.spare_staff.pk)}


def _declare_form(scene: Scene, scope: str, variant: dict[str, Any]) -> Form:
    return {"reason": "近三年为该单位提供咨询"}


def _expert_form(scene: Scene, scope: str, variant: dict[str, Any]) -> Form:
    return {
        "full_name": "孙评审",
        "username": "sun",
        "password": "sun-pass-2024",
        "field": "水利工程",
        "employer": "雁川水利设计院",
    }


def _conflict_form(scene: Scene, scope: str, variant: dict[str, Any]) -> Form:
    return {"unit": str(scene.unit_id(scope)), "reason": "曾在该单位任职"}


def _expert_kwargs(scene: Scene, scope: str) -> dict[str, Any]:
    return {"pk": Expert.objects.get(user=scene.key.spare_expert).pk}


def _agency_form(scene: Scene, scope: str, variant: dict[str, Any]) -> Form:
    return {"name": "雁川信达评估公司", "username": "xinda", "password": "xinda-pass-24"}


def _staff_account_form(scene: Scene, scope: str, variant: dict[str, Any]) -> Form:
    return {"full_name": "周审计", "username": "zhengxin_03", "password": "zhou-pass-24"}


def _agency_kwargs(scene: Scene, scope: str) -> dict[str, Any]:
    return {"pk": scene.key.pool.agency.pk}


def _public_kwargs(scene: Scene, scope: str) -> dict[str, Any]:
    return _project(scene, scope)


KEY_STEP_VARIANTS = tuple({"action": action} for action in KEY_STEPS)

KEY_PAGE_RULES: dict[str, tuple[Rule, ...]] = {
    "evaluations:index": (Rule("member"),),
    "evaluations:plan_create": (
        Rule("admin"),
        Rule("admin", method="POST", body=_plan_form, effect=plans_and_projects),
    ),
    "evaluations:plan": (Rule("key_plan", kwargs=_plan),),
    "evaluations:candidates": (
        Rule("admin", kwargs=_draft_plan),
        Rule(
            "admin",
            method="POST",
            kwargs=_draft_plan,
            body=_candidate_form,
            effect=plans_and_projects,
        ),
    ),
    "evaluations:plan_publish": (
        Rule(
            "admin",
            method="POST",
            kwargs=_draft_plan,
            effect=plans_and_projects,
            prepare=_in_draft_plan,
        ),
    ),
    "evaluations:project": (Rule("key_sees", kwargs=_project),),
    "evaluations:project_remove": (
        Rule(
            "admin",
            method="POST",
            kwargs=lambda s, scope: {"pk": KeyProject.objects.get(plan=s.key.draft_plan).pk},
            effect=plans_and_projects,
            prepare=_in_draft_plan,
        ),
    ),
    "evaluations:assign": (
        Rule("review", method="POST", kwargs=_project, body=_assign_form, effect=assignments_of),
    ),
    "evaluations:step": (
        Rule(
            "review",
            method="POST",
            kwargs=_project,
            variants=KEY_STEP_VARIANTS,
            effect=project_state,
            prepare=_step_source,
        ),
    ),
    "evaluations:figures": (
        Rule("review", kwargs=_project),
        Rule("review", method="POST", kwargs=_project, body=_figures_form, effect=project_state),
    ),
    "evaluations:text": (
        Rule("review", kwargs=_project),
        Rule("review", method="POST", kwargs=_project, body=_text_form, effect=project_state),
    ),
    "evaluations:discussion": (
        Rule(
            "review",
            method="POST",
            kwargs=_discussion_kwargs,
            body=_discussion_form,
            effect=discussions_of,
            prepare=_divergent,
        ),
    ),
    "evaluations:report": (
        # the draft report: whoever sees the project; before it is issued the organizer only
        Rule(
            "key_sees",
            kwargs=lambda s, scope: {**_project(s, scope), "fmt": "docx"},
            prepare=_drafted,
        ),
        Rule(
            "review",
            kwargs=lambda s, scope: {**_project(s, scope), "fmt": "docx"},
            prepare=_previewed,
        ),
    ),
    "evaluations:request_create": (
        Rule("key_papers", method="POST", kwargs=_project, body=_request_form, effect=papers_of),
    ),
    "evaluations:request_upload": (
        Rule("prepare", method="POST", kwargs=_upload_kwargs, body=_upload_form, effect=papers_of),
    ),
    "evaluations:file": (Rule("key_sees", kwargs=_file_kwargs),),
    "evaluations:visit": (
        Rule("key_papers", method="POST", kwargs=_project, body=_visit_form, effect=papers_of),
    ),
    "evaluations:survey": (
        Rule("key_papers", method="POST", kwargs=_project, body=_survey_form, effect=papers_of),
    ),
    "evaluations:feedback": (
        Rule("prepare", kwargs=_project, prepare=_drafted),
        Rule(
            "prepare",
            method="POST",
            kwargs=_project,
            body=_feedback_form,
            effect=feedback_of,
            prepare=_drafted,
        ),
    ),
    "evaluations:sheet": (
        Rule("sheet_expert", kwargs=_expert_sheet),
        Rule("sheet_agency", kwargs=_agency_sheet),
        Rule(
            "sheet_expert",
            method="POST",
            kwargs=_expert_sheet,
            body=_sheet_form,
            effect=expert_sheet_state,
        ),
        Rule(
            "sheet_agency",
            method="POST",
            kwargs=_agency_sheet,
            body=_agency_sheet_form,
            effect=agency_sheet_state,
        ),
    ),
    "evaluations:sheet_submit": (
        Rule(
            "sheet_expert",
            method="POST",
            kwargs=_expert_sheet,
            effect=expert_sheet_state,
            prepare=_filled,
        ),
        # the agency's staff fill its sheet in; the agency's own account submits it
        Rule(
            "agency_own",
            method="POST",
            kwargs=_agency_sheet,
            effect=agency_sheet_state,
            prepare=_agency_filled,
        ),
    ),
    "evaluations:staff": (
        Rule(
            "agency_own",
            method="POST",
            kwargs=_agency_sheet,
            body=_staff_form,
            effect=agency_sheet_state,
        ),
    ),
    "evaluations:declare": (
        Rule(
            "sheet_expert",
            method="POST",
            kwargs=_expert_sheet,
            body=_declare_form,
            effect=declared,
        ),
    ),
    "evaluations:experts": (
        Rule("admin"),
        Rule("admin", method="POST", body=_expert_form, effect=pool_state),
    ),
    "evaluations:expert_conflict": (
        Rule("admin", method="POST", kwargs=_expert_kwargs, body=_conflict_form, effect=pool_state),
    ),
    "evaluations:agencies": (
        Rule("admin"),
        Rule("admin", method="POST", body=_agency_form, effect=pool_state),
    ),
    "evaluations:agency_staff": (
        Rule(
            "admin",
            method="POST",
            kwargs=_agency_kwargs,
            body=_staff_account_form,
            effect=pool_state,
        ),
    ),
    "evaluations:public": (Rule("public"),),
    "evaluations:public_detail": (Rule("published", kwargs=_public_kwargs, prepare=_published),),
}


def _api_report(scene: Scene, scope: str) -> dict[str, Any]:
    return {**_project(scene, scope), "fmt": "docx"}


KEY_API_RULES: dict[tuple[str, str], tuple[Rule, ...]] = {
    ("GET", "/api/key-plans"): (Rule("member"),),
    ("GET", "/api/key-plans/{pk}"): (Rule("key_plan", kwargs=_plan),),
    ("GET", "/api/key-projects/{pk}"): (Rule("key_sees", kwargs=_project),),
    ("GET", "/api/key-projects/{pk}/scores"): (Rule("key_sees", kwargs=_project),),
    ("GET", "/api/key-projects/{pk}/report/{fmt}"): (
        Rule("key_sees", kwargs=_api_report, prepare=_drafted),
    ),
    ("PUT", "/api/key-sheets/{pk}"): (
        Rule(
            "sheet_expert",
            method="PUT",
            kwargs=_expert_sheet,
            body=_sheet_json,
            effect=expert_sheet_state,
        ),
        Rule(
            "sheet_agency",
            method="PUT",
            kwargs=_agency_sheet,
            body=_sheet_json,
            effect=agency_sheet_state,
        ),
    ),
    ("POST", "/api/key-sheets/{pk}/submit"): (
        Rule(
            "sheet_expert",
            method="POST",
            kwargs=_expert_sheet,
            effect=expert_sheet_state,
            prepare=_filled,
        ),
        Rule(
            "agency_own",
            method="POST",
            kwargs=_agency_sheet,
            effect=agency_sheet_state,
            prepare=_agency_filled,
        ),
    ),
    ("GET", "/api/public/key-projects"): (Rule("public"),),
}
