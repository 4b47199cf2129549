"""The bureau's key-project evaluations: the plans, one project with its evaluators, the scores
(only those the caller may see: an evaluator sees the others' once its own is submitted), an
evaluator's sheet written and submitted, the report, and the published results."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema
from pydantic import ConfigDict

from apps.accounts import policy
from apps.api.auth import caller
from apps.api.errors import ErrorOut
from apps.api.pagination import PageParams, paginate
from apps.api.params import Id
from apps.downloads import attachment
from apps.errors import InvalidInput
from apps.evaluations import report as reports
from apps.evaluations import selectors as s
from apps.evaluations.models import Assignment, KeyProject, Plan, ProjectState
from apps.evaluations.scoring import labels, panel_of, recheck_of
from apps.evaluations.sheets import ScoreInput, sheet_save, sheet_submit

router = Router(tags=["财政重点绩效评价"])
public_router = Router(tags=["公开信息"], auth=None)
ERRORS: dict[int, Any] = dict.fromkeys((400, 401, 403, 404, 409, 422), ErrorOut)


class KeyPlanOut(Schema):
    id: int
    year: int
    title: str
    organizer: str
    number: str
    state: str = Field(description="draft 编制中 / published 已印发")
    projects: int = Field(description="本人可见的项目数")


class KeyProjectSummary(Schema):
    id: int
    plan_id: int
    year: int
    title: str
    unit: str
    amount: Decimal = Field(description="预算金额（万元）")
    policy_area: str
    continuing: bool
    last_grade: str
    reason: str = Field(description="列入理由")
    state: str = Field(description="planned / evaluating / panel / draft / final / published")
    score: Decimal | None = None
    grade: str = ""


class KeyPlanDetail(KeyPlanOut):
    items: list[KeyProjectSummary]


class KeyPlanPage(Schema):
    items: list[KeyPlanOut]
    count: int
    page: int
    page_size: int
    pages: int


class AssignmentOut(Schema):
    id: int
    label: str = Field(description="评分表在专家组中的称呼：专家1、第三方机构1 …")
    evaluator: str
    kind: str = Field(description="internal 内部评审 / expert 评审专家 / agency 第三方机构")
    state: str = Field(description="draft 评分中 / submitted 已提交")
    mine: bool = Field(description="本人是否在这份评分表上评分")


class IndicatorOut(Schema):
    key: str
    level1: str
    level2: str
    level3: str
    weight: Decimal
    standard: str
    target: str = Field(description="批复的指标值")
    actual: str = Field(description="评价核实的完成值")


class ResultOut(Schema):
    score: Decimal
    grade: str
    use: str = Field(description="结果应用：优先保障、维持规模、从严审核、压减并整改")
    suggested_budget: Decimal | None = Field(None, description="下年度建议预算（万元）")
    notice_id: int | None = Field(None, description="整改通知编号")


class KeyProjectDetail(KeyProjectSummary):
    indicators: list[IndicatorOut]
    assignments: list[AssignmentOut]
    result: ResultOut | None = None


class ScoreOut(Schema):
    indicator: str
    points: Decimal | None
    reason: str


class SheetOut(Schema):
    id: int
    evaluator: str = Field(description="评分表在专家组中的称呼")
    submitted: bool
    stated_total: Decimal | None = None
    scores: list[ScoreOut]


class PanelLineOut(Schema):
    indicator: str
    weight: Decimal
    spread: Decimal | None
    divergent: bool
    method: str = Field(description="mean / trimmed / agreed / pending / missing")
    final: Decimal | None
    explanation: str


class RecheckOut(Schema):
    indicator: str
    panel: Decimal | None
    computed: Decimal
    flagged: bool
    explanation: str


class PanelOut(Schema):
    total: Decimal | None
    grade: str | None
    lines: list[PanelLineOut]
    problems: list[str]
    recheck: list[RecheckOut]


class ScoresOut(Schema):
    sheets: list[SheetOut] = Field(description="本人此时可见的评分表")
    panel: PanelOut | None = Field(
        None, description="专家组结果（评价人提交后、组织者、报告印发后可见）"
    )


class ScoreIn(Schema):
    indicator: str = Field(max_length=64, description="指标编号（indicators[].key）")
    points: Decimal | None = Field(None, ge=0, le=100, max_digits=7, decimal_places=2)
    reason: str = Field("", max_length=2000)


class SheetIn(Schema):
    model_config = ConfigDict(extra="forbid")  # a misspelt key is refused, not ignored

    scores: list[ScoreIn] = Field(default_factory=list, max_length=200)
    stated_total: Decimal | None = Field(None, ge=0, le=1000, max_digits=7, decimal_places=2)


class PublicKeyResult(Schema):
    id: int
    year: int
    title: str
    unit: str
    amount: Decimal
    score: Decimal | None
    grade: str
    use: str
    published_at: str | None


class PublicKeyPage(Schema):
    items: list[PublicKeyResult]
    count: int
    page: int
    page_size: int
    pages: int


def _summary(p: KeyProject) -> dict[str, Any]:
    return {
        "id": p.pk,
        "plan_id": p.plan_id,
        "year": p.plan.year,
        "title": p.title,
        "unit": p.unit.name,
        "amount": p.amount.quantize(Decimal("0.01")),
        "policy_area": p.policy_area,
        "continuing": p.continuing,
        "last_grade": p.last_grade,
        "reason": p.reason,
        "state": p.state,
        "score": p.score,
        "grade": p.grade,
    }


def _plan(plan: Plan, user: Any) -> dict[str, Any]:
    return {
        "id": plan.pk,
        "year": plan.year,
        "title": plan.title,
        "organizer": plan.organizer,
        "number": plan.number,
        "state": plan.state,
        "projects": s.project_list(user=user, plan=plan).count(),
    }


@router.get("/key-plans", response={200: KeyPlanPage, **ERRORS}, summary="重点评价计划列表")
def key_plans(request: HttpRequest, params: Query[PageParams]) -> Any:
    user = caller(request)
    rows = s.plans_visible(user=user).order_by("-year", "-id")
    return paginate(rows, params, lambda plan: _plan(plan, user))


@router.get(
    "/key-plans/{pk}", response={200: KeyPlanDetail, **ERRORS}, summary="重点评价计划及其项目"
)
def key_plan(request: HttpRequest, pk: Id) -> Any:
    user = caller(request)
    plan = s.plan_get(user=user, pk=pk)
    return {
        **_plan(plan, user),
        "items": [_summary(p) for p in s.project_list(user=user, plan=plan)],
    }


@router.get(
    "/key-projects/{pk}",
    response={200: KeyProjectDetail, **ERRORS},
    summary="评价项目：指标、评价人员与结果",
)
def key_project(request: HttpRequest, pk: Id) -> Any:
    user = caller(request)
    project = s.project_get(user=user, pk=pk)
    assignments = s.assignments_of(project=project)
    named = labels(assignments)
    result = None
    if project.grade and project.score is not None:
        result = {
            "score": project.score,
            "grade": project.grade,
            "use": project.use_label,
            "suggested_budget": project.suggested_budget,
            "notice_id": project.notice_id,
        }
    return {
        **_summary(project),
        "indicators": [
            {
                "key": i.key,
                "level1": i.level1,
                "level2": i.level2,
                "level3": i.level3,
                "weight": i.weight,
                "standard": i.standard,
                "target": i.target,
                "actual": i.actual,
            }
            for i in project.indicators.order_by("position")
        ],
        "assignments": [
            {
                "id": a.pk,
                "label": named[a.pk],
                "evaluator": a.evaluator_name,
                "kind": a.kind,
                "state": a.state,
                "mine": policy.works_on(user, a),
            }
            for a in assignments
        ],
        "result": result,
    }


def _sheet(a: Assignment, label: str, keys: dict[int, str]) -> dict[str, Any]:
    return {
        "id": a.pk,
        "evaluator": label,
        "submitted": a.submitted,
        "stated_total": a.stated_total,
        "scores": [
            {"indicator": keys[sc.indicator_id], "points": sc.points, "reason": sc.reason}
            for sc in sorted(a.scores.all(), key=lambda sc: sc.indicator_id)
        ],
    }


@router.get(
    "/key-projects/{pk}/scores",
    response={200: ScoresOut, **ERRORS},
    summary="评分（仅本人此时可见的评分表）与专家组结果",
)
def key_scores(request: HttpRequest, pk: Id) -> Any:
    """评价人提交自己的评分表之前，看不到其他评价人的评分；被评价单位在报告印发后可见。"""
    user = caller(request)
    project = s.project_get(user=user, pk=pk)
    assignments = s.assignments_of(project=project)
    named = labels(assignments)
    indicators = list(project.indicators.select_related("discussion").order_by("position"))
    keys = {i.pk: i.key for i in indicators}
    visible = s.visible_sheets(user=user, project=project, assignments=assignments)
    mine = [a for a in assignments if policy.works_on(user, a)]
    organizer = policy.can_organize(user, project.unit.region_id)
    issued = project.state in (ProjectState.DRAFT, ProjectState.FINAL, ProjectState.PUBLISHED)
    panel_out = None
    if organizer or (mine and all(a.submitted for a in mine)) or (issued and visible):
        panel = panel_of(project, assignments, indicators=indicators)
        checked = recheck_of(project, panel, indicators)
        panel_out = {
            "total": panel.total,
            "grade": panel.grade,
            "lines": [
                {
                    "indicator": line.indicator.key,
                    "weight": line.indicator.weight,
                    "spread": line.spread,
                    "divergent": line.divergent,
                    "method": line.method.value,
                    "final": line.final,
                    "explanation": line.explanation,
                }
                for line in panel.lines
            ],
            "problems": [p.message for p in panel.problems],
            "recheck": [
                {
                    "indicator": line.key,
                    "panel": line.panel,
                    "computed": line.computed,
                    "flagged": line.flagged,
                    "explanation": line.explanation,
                }
                for line in checked.lines
            ],
        }
    return {"sheets": [_sheet(a, named[a.pk], keys) for a in visible], "panel": panel_out}


@router.put(
    "/key-sheets/{pk}",
    response={200: SheetOut, **ERRORS},
    summary="填写本人的评分表（每项指标的得分与评分理由）",
)
def key_sheet_save(request: HttpRequest, pk: Id, body: SheetIn) -> Any:
    user = caller(request)
    assignment = s.assignment_get(user=user, pk=pk)
    indicators = {i.key: i for i in assignment.project.indicators.all()}
    unknown = [x.indicator for x in body.scores if x.indicator not in indicators]
    if unknown:
        raise InvalidInput(f"没有这些指标：{'、'.join(unknown[:5])}")
    entries = [ScoreInput(indicators[x.indicator].pk, x.points, x.reason) for x in body.scores]
    sheet_save(assignment=assignment, entries=entries, stated_total=body.stated_total, by=user)
    return _own_sheet(assignment)


def _own_sheet(assignment: Assignment) -> dict[str, Any]:
    project = assignment.project
    named = labels(s.assignments_of(project=project))
    keys = dict(project.indicators.values_list("pk", "key"))
    assignment.refresh_from_db()
    return _sheet(assignment, named[assignment.pk], keys)


@router.post(
    "/key-sheets/{pk}/submit",
    response={200: SheetOut, **ERRORS},
    summary="提交本人的评分表（提交后不能修改）",
)
def key_sheet_submit(request: HttpRequest, pk: Id) -> Any:
    user = caller(request)
    assignment = s.assignment_get(user=user, pk=pk)
    sheet_submit(assignment=assignment, by=user)
    return _own_sheet(assignment)


@router.get(
    "/key-projects/{pk}/report/{fmt}",
    response={200: None, **ERRORS},
    summary="下载评价报告（征求意见稿或定稿，docx、pdf）",
    openapi_extra={
        "responses": {
            200: {
                "description": "评价报告",
                "content": {mime: {} for mime in reports.MIME.values()},
            }
        }
    },
)
def key_report(request: HttpRequest, pk: Id, fmt: Literal["docx", "pdf"]) -> Any:
    user = caller(request)
    project = s.project_get(user=user, pk=pk)
    issued = project.state in (ProjectState.DRAFT, ProjectState.FINAL, ProjectState.PUBLISHED)
    if project.state not in reports.REPORT_STATES or not policy.can_read_report(
        user, project, issued=issued
    ):
        raise PermissionDenied("评价报告尚未印发")
    response = HttpResponse(reports.report_bytes(project, fmt), content_type=reports.MIME[fmt])
    attachment(response, reports.filename(project, fmt))
    return response


class PublicKeyFilters(PageParams):
    year: int | None = Field(None, ge=2000, le=2100, description="年度")


@public_router.get(
    "/public/key-projects",
    response={200: PublicKeyPage, **ERRORS},
    summary="已公开的财政重点绩效评价结果",
)
def public_key_results(request: HttpRequest, filters: Query[PublicKeyFilters]) -> Any:
    rows = s.published_results(year=filters.year)
    return paginate(
        rows,
        filters,
        lambda p: {
            "id": p.pk,
            "year": p.plan.year,
            "title": p.title,
            "unit": p.unit.name,
            "amount": p.amount.quantize(Decimal("0.01")),
            "score": p.score,
            "grade": p.grade,
            "use": p.use_label,
            "published_at": p.published_at.isoformat() if p.published_at else None,
        },
    )
