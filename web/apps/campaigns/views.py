"""Campaign pages: the list, creation (administrators), the bureau's overview with its .xlsx
export, and the batch upload of a .zip of reports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string

from apps import memo
from apps.accounts.policy import as_member, is_admin, is_reviewer, sees_overview
from apps.campaigns.export import overview_xlsx
from apps.campaigns.forms import BatchUploadForm, CampaignForm
from apps.campaigns.overview import RULE_TITLES, Row, chart_data, remembered_overview
from apps.campaigns.selectors import campaign_amendments, campaign_get, campaign_list
from apps.campaigns.services import campaign_create
from apps.downloads import attachment
from apps.errors import ServiceError
from apps.submissions import engine
from apps.submissions.batch import batch_upload
from apps.submissions.selectors import batch_get, batch_list, submission_list
from apps.units.models import UnitKind

# Rows per page of the overview's per-unit tables: the summaries above them cover every unit.
PER_PAGE = 50


@login_required
def campaign_list_view(request: HttpRequest) -> HttpResponse:
    context = {"campaigns": campaign_list(user=request.user)}
    return render(request, "campaigns/campaign_list.html", context)


@login_required
def campaign_create_view(request: HttpRequest) -> HttpResponse:
    if not is_admin(request.user):
        raise PermissionDenied("只有系统管理员可以创建评价任务")
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = campaign_create(
                **{k: form.cleaned_data[k] for k in form.Meta.fields},
                units=form.cleaned_data["units"],
                by=as_member(request.user),
            )
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"已创建评价任务“{campaign}”")
            return redirect("campaigns:detail", pk=campaign.pk)
    return render(request, "campaigns/campaign_form.html", {"form": form})


@login_required
def campaign_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_get(pk=pk)
    if not sees_overview(request.user):
        # A unit sees its own report of this campaign, not the bureau's overview (a
        # department sees the overview of its own units).
        own = submission_list(user=request.user, campaign_id=campaign.pk).first()
        if own is None:
            raise PermissionDenied("您的单位不在本次评价范围内")
        return redirect("submissions:detail", pk=own.pk)
    kind = request.GET.get("kind", "")
    overview, key = remembered_overview(
        campaign=campaign, user=request.user, kind=kind if kind in UnitKind.values else ""
    )

    def body() -> str:
        page = Paginator(overview.rows, PER_PAGE).get_page(request.GET.get("page"))
        context = {
            "o": overview,
            "page": page,
            **_table_slices(overview.ranking or overview.self_ranking, overview.three_public, page),
            "charts": chart_data(overview),
            "campaign": campaign,
            "kinds": UnitKind.choices,
            "rule_titles": RULE_TITLES,
            "scoring_pending": None if overview.scored else _why_unscored(),
        }
        return render_to_string("campaigns/overview_body.html", context, request=request)

    # The body depends on nothing but the overview and the query string (page, filter): the
    # page around it (who is signed in, messages, the CSRF token) is rendered per request.
    html = memo.pages.get_or_compute((*key, "body", request.GET.urlencode()), body)
    return render(request, "campaigns/overview.html", {"campaign": campaign, "body": html})


def _table_slices(ranking: list[Row], three_public: list[Row], page: Page[Row]) -> dict[str, Any]:
    """The same page of the ranking and of the "三公" table as of the unit table, so that one
    pager walks all three; ``rank_offset`` keeps the ranks global (51, 52, … on page 2)."""
    start = page.start_index() - 1 if page.object_list else 0
    end = start + PER_PAGE
    return {
        "ranking_page": ranking[start:end],
        "three_public_page": three_public[start:end],
        "rank_offset": start,
    }


def _why_unscored() -> str:
    if engine.scoring_available():
        return "各单位评分所需的基础数据尚不完整，暂无评分"
    return engine.SCORING_PENDING


@login_required
def campaign_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    if not is_reviewer(request.user):
        raise PermissionDenied("只有财政审核人或管理员可以导出")
    campaign = campaign_get(pk=pk)
    kind = request.GET.get("kind", "")
    overview, _ = remembered_overview(
        campaign=campaign, user=request.user, kind=kind if kind in UnitKind.values else ""
    )
    response = HttpResponse(
        overview_xlsx(
            overview,
            campaign_amendments(submission_ids=[r.submission.pk for r in overview.rows]),
        ),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    return attachment(response, f"{campaign.title}（{campaign.notice_number}）总览.xlsx")


@login_required
def batch_upload_view(request: HttpRequest, pk: int) -> HttpResponse:
    if not is_reviewer(request.user):
        raise PermissionDenied("只有财政审核人或管理员可以批量导入")
    campaign = campaign_get(pk=pk)
    form = BatchUploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        member = as_member(request.user)
        assert member is not None
        try:
            found = batch_upload(campaign=campaign, upload=form.cleaned_data["file"], by=member)
        except ServiceError as error:
            form.add_error("file", error.message)
            status = error.status
        else:
            return redirect("campaigns:batch", pk=found.pk)
    elif request.method == "POST":
        status = 400  # no file, or not a file the form takes
    context = {
        "campaign": campaign,
        "form": form,
        "batches": batch_list(campaign_id=campaign.pk, user=request.user),
    }
    return render(request, "campaigns/batch_upload.html", context, status=status)


@login_required
def batch_status_view(request: HttpRequest, pk: int) -> HttpResponse:
    found = batch_get(user=request.user, pk=pk)
    return render(request, "campaigns/batch_status.html", {"batch": found})
