"""The city-wide summary report of a campaign, for the finance bureau: the campaign view's
figures (``overview``) laid out by the core's summary writer as .docx or .pdf."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from apps.campaigns.models import Campaign
from apps.campaigns.overview import CampaignOverview, campaign_overview
from apps.submissions.scores import (
    ASSESSED_GRADE,
    COMPUTED_GRADE,
    COMPUTED_SCORE,
    SELF_SCORE,
    assessed,
)
from jixiao.render.summary import Summary, SummaryPart, summary_docx, summary_pdf

WRITERS = {"docx": summary_docx, "pdf": summary_pdf}
MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def summary_bytes(*, campaign: Campaign, user: Any, fmt: str) -> bytes:
    """The summary of what ``user`` may see of the campaign (a reviewer: their region)."""
    return WRITERS[fmt](campaign_summary(campaign_overview(campaign=campaign, user=user)))


def campaign_summary(overview: CampaignOverview) -> Summary:
    campaign = overview.campaign
    rows = overview.rows
    total = sum((r.submission.total or Decimal(0) for r in rows), Decimal(0))
    opening = (
        f"根据《{campaign.title}》（{campaign.notice_number}），本次评价共涉及{len(rows)}家单位，"
        f"其中逾期未报送{len(overview.overdue)}家；各单位支出合计{total:,.2f}万元。",
    )
    parts = (
        _counts("报送与审核情况", ("状态", "单位数"), overview.states),
        _counts(f"{COMPUTED_GRADE}分布", ("等级", "单位数"), overview.grades),
        _ranking(overview),
        _functional(overview),
        _three_public(overview),
        _counts("核对发现（按规则）", ("核对规则", "出现次数"), overview.findings),
    )
    return Summary(
        title=f"{campaign.year}年度绩效评价汇总报告",
        opening=opening,
        parts=parts,
        signature=(),
    )


def _counts(title: str, columns: tuple[str, str], bars: list[Any]) -> SummaryPart:
    return SummaryPart(
        title=title, columns=columns, rows=tuple((b.label, b.value) for b in bars if b.value)
    )


def _ranking(overview: CampaignOverview) -> SummaryPart:
    rows = tuple(
        (
            place,
            r.submission.unit.name,
            r.submission.score,
            r.submission.grade or None,
            assessed(r.submission)[1] or None,
            r.submission.self_score,
            r.submission.total,
        )
        for place, r in enumerate(overview.ranking, start=1)
    )
    columns = (
        "名次",
        "单位",
        COMPUTED_SCORE,
        COMPUTED_GRADE,
        ASSESSED_GRADE,
        SELF_SCORE,
        "支出合计（万元）",
    )
    return SummaryPart(title=f"{COMPUTED_SCORE}排名", columns=columns, rows=rows)


def _functional(overview: CampaignOverview) -> SummaryPart:
    bars = overview.functional
    rows: tuple[tuple[str | Decimal, ...], ...] = tuple((b.label, b.value) for b in bars)
    if bars:
        rows += (("合计", sum((Decimal(b.value) for b in bars), Decimal(0))),)
    notes = ("各单位按支出功能分类科目汇总，金额单位：万元。",)
    return SummaryPart(
        title="支出功能分类汇总", columns=("功能分类", "金额"), rows=rows, notes=notes
    )


def _three_public(overview: CampaignOverview) -> SummaryPart:
    rows = tuple(
        (
            r.submission.unit.name,
            r.submission.three_public,
            r.previous_three_public,
            r.three_public_change,
            r.three_public_rate,
        )
        for r in overview.three_public
    )
    columns = ("单位", "本年（万元）", "上年（万元）", "增减（万元）", "增减率（%）")
    return SummaryPart(title="“三公”经费同比", columns=columns, rows=rows)
