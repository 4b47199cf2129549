"""The finance bureau's view of a campaign, read with a fixed number of queries.

Every figure comes from the denormalized columns of ``Submission`` (never its JSON), in one
query for the campaign's reports and one for the year before, whatever the number of units.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from apps.accounts.policy import units_q
from apps.campaigns.models import Campaign
from apps.submissions.models import NOT_DELIVERED_STATES, State, Submission

GRADES = ("优", "良", "中", "差")
RULE_TITLES = {
    "total-equals-basic-plus-project": "支出合计 ≠ 基本支出 + 项目支出",
    "basic-equals-personnel-plus-public": "基本支出 ≠ 人员经费 + 公用经费",
    "functional-sum-equals-total": "功能分类之和 ≠ 支出合计",
    "three-public-equals-parts": "“三公”经费 ≠ 各项之和",
    "execution-rate-matches": "预算执行率计算有误",
    "functional-class-name": "功能分类科目名称不规范",
    "required-section-missing": "缺少提纲要求的部分",
    "self-score-missing": "未给出自评得分",
    "indicator-table-missing": "没有绩效指标表",
    "score-grade-band": "自评得分与等级不符",
    "income-equals-expenditure-totals": "收入总计 ≠ 支出总计",
    "three-public-change-equals-parts": "“三公”经费增减额不等于各项之和",
    "change-rate-matches": "增减率计算有误",
    "figure-restated-differently": "同一数字前后不一致",
    "rule-failed": "核对规则未能完成",
}
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
    "updated_at",
)


@dataclass(slots=True)
class Row:
    submission: Submission
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
    submissions = list(
        rows_query.select_related("unit", "unit__region").only(*_FIELDS).order_by("unit__code")
    )
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
    overview.findings = _bars(dict(codes.most_common()), RULE_TITLES)


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
