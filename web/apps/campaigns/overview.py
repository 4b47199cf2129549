"""The finance bureau's view of a campaign, read with a fixed number of queries.

Every figure comes from the denormalized columns of ``Submission`` (never its JSON), in one
query for the campaign's reports and one for the year before, whatever the number of units.
``remembered_overview`` keeps the result per process until the data it was computed from
changes (see apps.memo), so that a page read again costs one aggregate query.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Sum
from django.utils import timezone

from apps import memo
from apps.accounts.models import Role
from apps.accounts.policy import as_member, units_q
from apps.campaigns.models import Campaign
from apps.submissions import amendments, scores, slot_checks
from apps.submissions.models import NOT_DELIVERED_STATES, State, Submission
from apps.units.models import Region, Unit, UnitKind
from jixiao.audit.titles import TITLES, rule_title

GRADES = ("优", "良", "中", "差")
# Chinese titles of the rule codes (the core's table; a code is never shown to a person),
# and of the findings the web layer adds (apps.submissions.slot_checks, amendments).
RULE_TITLES = {**TITLES, **slot_checks.TITLES, amendments.CODE: amendments.TITLE}
_FIELDS = (
    "id",
    "state",
    "unit_id",
    "unit__code",
    "unit__name",
    "unit__kind",
    "unit__region__name",
    "total",
    "basic",
    "project",
    "three_public",
    "execution_rate",
    "self_score",
    "self_grade",
    "score",
    "grade",
    "error_count",
    "warning_count",
    "finding_codes",
    "functional",
)
_STATE_LABELS = {s.value: str(s.label) for s in State}
_KIND_LABELS = {k.value: str(k.label) for k in UnitKind}


# Plain values rather than model instances: building two thousand Submission, Unit and Region
# objects cost most of the view's time, and these carry the same attribute names the
# templates, the .xlsx export and the summary report read.
@dataclass(frozen=True, slots=True)
class RegionName:
    name: str


@dataclass(frozen=True, slots=True)
class UnitLine:
    pk: int
    code: str
    name: str
    kind: str
    region: RegionName

    def get_kind_display(self) -> str:
        return _KIND_LABELS.get(self.kind, self.kind)


@dataclass(frozen=True, slots=True)
class SubmissionLine:
    pk: int
    state: str
    unit_id: int
    unit: UnitLine
    total: Decimal | None
    basic: Decimal | None
    project: Decimal | None
    three_public: Decimal | None
    execution_rate: Decimal | None
    self_score: Decimal | None
    self_grade: str
    score: Decimal | None
    grade: str
    error_count: int
    warning_count: int
    finding_codes: list[str]
    functional: dict[str, Any]

    def get_state_display(self) -> str:
        return _STATE_LABELS.get(self.state, self.state)

    @property
    def assessed_grade(self) -> str:
        """财政评定 (apps.submissions.scores): the computed grade the bureau accepted."""
        return scores.assessed(self)[1]


def _line(values: tuple[Any, ...]) -> SubmissionLine:
    (pk, state, unit_id, code, name, kind, region, *figures) = values
    unit = UnitLine(pk=unit_id, code=code, name=name, kind=kind, region=RegionName(region))
    (total, basic, project, three_public, rate, self_score, self_grade, score, grade) = figures[:9]
    errors, warnings, codes, functional = figures[9:]
    return SubmissionLine(
        pk=pk,
        state=state,
        unit_id=unit_id,
        unit=unit,
        total=total,
        basic=basic,
        project=project,
        three_public=three_public,
        execution_rate=rate,
        self_score=self_score,
        self_grade=self_grade,
        score=score,
        grade=grade,
        error_count=errors,
        warning_count=warnings,
        finding_codes=codes or [],
        functional=functional or {},
    )


@dataclass(slots=True)
class Row:
    submission: SubmissionLine
    overdue: bool
    previous_three_public: Decimal | None = None

    @property
    def three_public_change(self) -> Decimal | None:
        now, before = self.submission.three_public, self.previous_three_public
        return None if now is None or before is None else now - before

    @property
    def three_public_rate(self) -> Decimal | None:
        change, before = self.three_public_change, self.previous_three_public
        if change is None or not before:
            return None
        return (change / before * 100).quantize(Decimal("0.01"))


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: Decimal | int
    percent: int  # of the largest bar, for the CSS width
    key: str = ""


@dataclass(slots=True)
class CampaignOverview:
    campaign: Campaign
    kind: str
    rows: list[Row]
    states: list[Bar] = field(default_factory=list)
    overdue: list[Row] = field(default_factory=list)
    grades: list[Bar] = field(default_factory=list)
    self_grades: list[Bar] = field(default_factory=list)
    ranking: list[Row] = field(default_factory=list)
    self_ranking: list[Row] = field(default_factory=list)
    functional: list[Bar] = field(default_factory=list)
    three_public: list[Row] = field(default_factory=list)
    findings: list[Bar] = field(default_factory=list)
    scored: bool = False

    @property
    def total(self) -> int:
        return len(self.rows)


def _bars(counts: dict[str, Decimal | int], labels: dict[str, str] | None = None) -> list[Bar]:
    largest = max((abs(v) for v in counts.values()), default=0) or 1
    return [
        Bar(
            label=(labels or {}).get(key, key),
            value=value,
            percent=round(abs(value) * 100 / largest),
            key=key,
        )
        for key, value in counts.items()
    ]


def campaign_overview(
    *, campaign: Campaign, user: Any, kind: str = "", today: datetime.date | None = None
) -> CampaignOverview:
    visible = units_q(user, prefix="unit__")
    rows_query = Submission.objects.filter(visible, campaign=campaign)
    before_query = Submission.objects.filter(visible, campaign__year=campaign.year - 1)
    if kind:
        rows_query = rows_query.filter(unit__kind=kind)
        before_query = before_query.filter(unit__kind=kind)
    submissions = [_line(v) for v in rows_query.order_by("unit__code").values_list(*_FIELDS)]
    before = dict(before_query.values_list("unit_id", "three_public"))
    late = campaign.is_overdue_on(today or timezone.localdate())
    rows = [
        Row(
            submission=s,
            overdue=late and s.state in NOT_DELIVERED_STATES,
            previous_three_public=before.get(s.unit_id),
        )
        for s in submissions
    ]
    overview = CampaignOverview(campaign=campaign, kind=kind, rows=rows)
    _summarize(overview)
    return overview


def overview_stamp(campaign: Campaign) -> tuple[Any, ...]:
    """A fingerprint of everything the overview is computed from, in one aggregate query.

    Every write of a report bumps its ``lock_version`` (data, findings, score and workflow
    alike), so their sum only grows; the count and the largest id see reports added or
    removed; the units' and regions' ``updated_at`` see a renamed or moved unit. The campaign's
    own fields are added by the caller, who has the row already.
    """
    years = Campaign.objects.filter(year__in=(campaign.year, campaign.year - 1)).values("id")
    stamp = Submission.objects.filter(campaign_id__in=years).aggregate(
        count=Count("id"),
        top=Max("id"),
        locks=Sum("lock_version"),
        units=memo.latest_change(Unit),
        regions=memo.latest_change(Region),
    )
    return tuple(stamp.values())


def viewer_scope(user: Any) -> tuple[str, int | None]:
    """What part of the city a user's overview covers: everything, or one region."""
    member = as_member(user)
    if member is None:
        return ("public", None)
    if member.role == Role.ADMIN:
        return (member.role, None)
    if member.role == Role.REVIEWER:
        return (member.role, member.region_id)
    return (member.role, member.unit_id)


def campaign_key(campaign: Campaign, user: Any, kind: str, today: datetime.date) -> tuple[Any, ...]:
    """The memo key of a campaign's overview as this user sees it (see apps.memo)."""
    fields = tuple(getattr(campaign, f.attname) for f in campaign._meta.concrete_fields)
    return ("campaign", fields, viewer_scope(user), kind, today, overview_stamp(campaign))


def remembered_overview(
    *, campaign: Campaign, user: Any, kind: str = "", today: datetime.date | None = None
) -> tuple[CampaignOverview, tuple[Any, ...]]:
    """The overview, computed once per process for each state of its data; with its key, for
    callers that remember more (the rendered page) under the same fingerprint."""
    day = today or timezone.localdate()
    key = campaign_key(campaign, user, kind, day)
    overview = memo.pages.get_or_compute(
        key, lambda: campaign_overview(campaign=campaign, user=user, kind=kind, today=day)
    )
    return overview, key


def _summarize(overview: CampaignOverview) -> None:
    rows = overview.rows
    states = Counter(r.submission.state for r in rows)
    overview.states = _bars(
        {s.value: states.get(s.value, 0) for s in State}, {s.value: str(s.label) for s in State}
    )
    overview.overdue = [r for r in rows if r.overdue]
    grades = Counter(r.submission.grade or "未评分" for r in rows)
    overview.grades = _bars({g: grades.get(g, 0) for g in (*GRADES, "未评分")})
    self_grades = Counter(_grade_word(r.submission.self_grade) for r in rows)
    overview.self_grades = _bars({g: self_grades.get(g, 0) for g in (*GRADES, "未自评")})
    scored = [r for r in rows if r.submission.score is not None]
    overview.scored = bool(scored)
    overview.ranking = sorted(
        scored, key=lambda r: (-(r.submission.score or 0), -(r.submission.self_score or 0))
    )
    self_scored = [r for r in rows if r.submission.self_score is not None]
    overview.self_ranking = sorted(self_scored, key=lambda r: -(r.submission.self_score or 0))
    functional: dict[str, Decimal] = {}
    for row in rows:
        for name, amount in (row.submission.functional or {}).items():
            functional[name] = functional.get(name, Decimal(0)) + Decimal(str(amount))
    ordered = dict(sorted(functional.items(), key=lambda kv: -kv[1]))
    overview.functional = _bars({k: v.quantize(Decimal("0.01")) for k, v in ordered.items()})
    overview.three_public = [
        r for r in rows if r.submission.three_public is not None or r.previous_three_public
    ]
    codes = Counter(code for r in rows for code in (r.submission.finding_codes or []))
    overview.findings = _bars(dict(codes.most_common()), {code: rule_title(code) for code in codes})


def _grade_word(text: str) -> str:
    """The four grades from a unit's own wording (优秀 → 优)."""
    return next((g for g in GRADES if text.startswith(g)), text or "未自评")


def chart_data(overview: CampaignOverview) -> dict[str, dict[str, list[Any]]]:
    """The figures the page's charts draw (the same as its CSS bars), as JSON-ready lists."""

    def series(bars: list[Bar], limit: int = 20) -> dict[str, list[Any]]:
        shown = bars[:limit]
        return {"labels": [b.label for b in shown], "values": [str(b.value) for b in shown]}

    rows = overview.three_public[:40]
    return {
        "states": series(overview.states),
        "grades": series([b for b in overview.grades if b.value]),
        "self_grades": series([b for b in overview.self_grades if b.value]),
        "functional": series(overview.functional),
        "findings": series(overview.findings),
        "three_public": {
            "labels": [r.submission.unit.name for r in rows],
            "before": [_text(r.previous_three_public) for r in rows],
            "now": [_text(r.submission.three_public) for r in rows],
        },
    }


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)
