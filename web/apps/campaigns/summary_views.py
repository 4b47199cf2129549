"""The summary report download: finance reviewers (and administrators) only, of their region."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from apps.accounts.policy import is_reviewer
from apps.campaigns.selectors import campaign_get
from apps.campaigns.summary import MIME, summary_bytes
from apps.downloads import attachment


@login_required
def campaign_summary_view(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if not is_reviewer(request.user):
        raise PermissionDenied("只有财政审核人可以下载汇总报告")
    if fmt not in MIME:
        raise Http404("不支持这种格式")
    campaign = campaign_get(pk=pk)
    response = HttpResponse(
        summary_bytes(campaign=campaign, user=request.user, fmt=fmt), content_type=MIME[fmt]
    )
    filename = f"{campaign.year}年度绩效评价汇总报告.{fmt}"
    attachment(response, filename)
    return response
