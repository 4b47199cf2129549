"""Reads on results use: notices, the units that call for one, and the budget review list."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from apps.accounts.models import Role
from apps.accounts.policy import as_member, is_reviewer, units_q
from apps.evaluations.models import KeyProject
from apps.evaluations.selectors import result_projects
from apps.rectification.models import Attachment, Notice, NoticeState, Source
from apps.submissions.models import State, Submission
from apps.targets.models import TargetEvaluation
from apps.units.models import Unit
from jixiao.targets.comparison import load_rules

# The reports the finance bureau has in hand (a draft's grade is not a result yet).
DELIVERED = (State.UNDER_REVIEW, State.RESUBMITTED, State.ACCEPTED, State.PUBLISHED)
GRADE_ORDER = ("优", "良", "中", "差")


def notices_waiting(*, user: Any) -> QuerySet[Notice]:
    """Notices waiting for this user: the unit's answer (待整改), the bureau's check (已反馈)."""
    member = as_member(user)
    if member is None:
        return Notice.objects.none()
    if is_reviewer(member):
        state = NoticeState.ANSWERED
    elif member.role == Role.PREPARER:
        state = NoticeState.SENT
    else:
        return Notice.objects.none()  # a unit's head follows, the preparer answers
    return (
        notices_visible(user=user)
        .filter(state=state)
        .select_related("unit")
        .order_by("due_date", "unit__code")
    )


def notices_visible(*, user: Any) -> QuerySet[Notice]:
    return Notice.objects.filter(units_q(user, prefix="unit__"))


def notice_list(*, user: Any, year: int | None = None, state: str = "") -> QuerySet[Notice]:
    rows = notices_visible(user=user).select_related("unit", "unit__region")
    if year is not None:
        rows = rows.filter(year=year)
    if state:
        rows = rows.filter(state=state)
    return rows.order_by("state", "due_date", "unit__code")


def notice_get(*, user: Any, pk: int) -> Notice:
    found = (
        notices_visible(user=user)
        .select_related("unit", "unit__region", "issued_by", "submission", "evaluation")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404("没有找到这份整改通知")
    return found


def attachment_get(*, notice: Notice, pk: int) -> Attachment:
    found = Attachment.objects.filter(reply__notice=notice, pk=pk).first()
    if found is None:
        raise Http404("没有找到这个附件")
    return found


def result_years(*, user: Any) -> list[int]:
    """The years with results this user may see: campaigns' years and evaluations' years."""
    years = set(
        Submission.objects.filter(units_q(user, prefix="unit__"))
        .values_list("campaign__year", flat=True)
        .distinct()
    )
    years.update(
        TargetEvaluation.objects.filter(units_q(user, prefix="unit__"))
        .values_list("year", flat=True)
        .distinct()
    )
    return sorted(years, reverse=True)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A unit whose result calls for a rectification notice, and why."""

    unit: Unit
    year: int
    source: str
    grade: str
    reasons: str
    submission: Submission | None = None
    evaluation: TargetEvaluation | None = None

    @property
    def key(self) -> str:
        if self.submission is not None:
            return f"report-{self.submission.pk}"
        assert self.evaluation is not None
        return f"evaluation-{self.evaluation.pk}"


def report_grade(s: Submission) -> tuple[str, bool]:
    """The report's grade: the computed one, else the unit's own (True when it is the own)."""
    if s.grade:
        return s.grade, False
    return s.self_grade, bool(s.self_grade)


def _report_reasons(s: Submission, grades: tuple[str, ...], serious: int) -> str:
    parts = []
    grade, own = report_grade(s)
    if grade in grades and own:
        parts.append(f"{s.campaign.year}年度绩效自评得分{s.self_score}分，等级“{grade}”")
    elif grade in grades:
        parts.append(f"{s.campaign.year}年度绩效评价核算得分{s.score}分，等级“{grade}”")
    if s.error_count >= serious:
        codes = "、".join(s.finding_codes[:5])
        parts.append(f"审核发现错误{s.error_count}条（{codes}）")
    return "；".join(parts)


def candidates(*, user: Any, year: int) -> list[Candidate]:
    """Delivered reports graded 差 (or with many errors) and accepted self-evaluations graded
    差, of units this user may see, that have no notice for that result yet."""
    rules = load_rules()
    noticed_reports = set(
        Notice.objects.filter(year=year, submission__isnull=False).values_list(
            "submission_id", flat=True
        )
    )
    noticed_evaluations = set(
        Notice.objects.filter(year=year, evaluation__isnull=False).values_list(
            "evaluation_id", flat=True
        )
    )
    found: list[Candidate] = []
    reports = (
        Submission.objects.filter(units_q(user, prefix="unit__"), campaign__year=year)
        .filter(state__in=DELIVERED)
        .select_related("unit", "campaign")
        .defer("data", "findings", "scorecard")
        .order_by("unit__code")
    )
    for s in reports:
        serious = s.error_count >= rules.serious_errors
        grade, _ = report_grade(s)
        if (grade in rules.grades or serious) and s.pk not in noticed_reports:
            reasons = _report_reasons(s, rules.grades, rules.serious_errors)
            found.append(Candidate(s.unit, year, Source.REPORT, grade, reasons, submission=s))
    evaluations = (
        TargetEvaluation.objects.filter(units_q(user, prefix="unit__"), year=year)
        .filter(state=State.ACCEPTED, grade__in=rules.grades)
        .select_related("unit", "table")
        .order_by("unit__code")
    )
    for e in evaluations:
        if e.pk in noticed_evaluations:
            continue
        reasons = f"{e.table.name}绩效自评按原目标核算得分{e.score}分，等级“{e.grade}”"
        found.append(Candidate(e.unit, year, Source.EVALUATION, e.grade, reasons, evaluation=e))
    return found


@dataclass
class ReviewRow:
    """One unit in the budget review list: its grades, open notices and the advice."""

    unit: Unit
    report: Submission | None = None
    evaluations: list[TargetEvaluation] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    # the bureau's own key-project evaluations of the year (apps.evaluations), graded
    key_projects: list[KeyProject] = field(default_factory=list)

    @property
    def report_grade(self) -> str:
        """The report's grade as shown: computed, else the unit's own marked 自评."""
        if self.report is None:
            return ""
        grade, own = report_grade(self.report)
        return f"{grade}（自评）" if own else grade

    @property
    def grades(self) -> list[str]:
        found = [report_grade(self.report)[0]] if self.report else []
        found.extend(e.grade for e in self.evaluations if e.grade)
        found.extend(p.grade for p in self.key_projects if p.grade)
        return [g for g in found if g]

    @property
    def worst(self) -> str:
        known = [g for g in self.grades if g in GRADE_ORDER]
        return max(known, key=GRADE_ORDER.index) if known else ""

    @property
    def advice(self) -> str:
        return load_rules().advice(self.worst) if self.worst else "无评价结果，按常规审核"

    @property
    def open_notices(self) -> list[Notice]:
        return [n for n in self.notices if n.state != NoticeState.CLOSED]

    @property
    def score(self) -> Decimal | None:
        return self.report.score if self.report else None


def budget_review(*, user: Any, year: int, kind: str = "") -> list[ReviewRow]:
    """Every unit this user may see with its results of ``year`` (five queries)."""
    units = Unit.objects.filter(units_q(user), active=True).select_related("region")
    if kind:
        units = units.filter(kind=kind)
    rows = {u.pk: ReviewRow(u) for u in units.order_by("code")}
    reports = (
        Submission.objects.filter(unit_id__in=rows, campaign__year=year, state__in=DELIVERED)
        .select_related("campaign")
        .defer("data", "findings", "scorecard")
        .order_by("campaign_id")
    )
    for report in reports:
        rows[report.unit_id].report = report  # the latest campaign of the year wins
    evaluations = TargetEvaluation.objects.filter(
        unit_id__in=rows, year=year, state=State.ACCEPTED
    ).select_related("table")
    for evaluation in evaluations:
        rows[evaluation.unit_id].evaluations.append(evaluation)
    for notice in Notice.objects.filter(unit_id__in=rows, year=year).order_by("issued_at"):
        rows[notice.unit_id].notices.append(notice)
    for project in result_projects(user=user, year=year).filter(unit_id__in=rows):
        rows[project.unit_id].key_projects.append(project)
    return list(rows.values())
