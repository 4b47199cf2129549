"""Reads on submissions, always through what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Max, QuerySet, Sum
from django.http import Http404

from apps import memo
from apps.accounts.policy import units_q
from apps.campaigns.models import Campaign
from apps.submissions.models import BatchImport, Document, Submission, SubmissionVersion
from apps.units.models import Unit


def submissions_visible(*, user: Any) -> QuerySet[Submission]:
    return Submission.objects.filter(units_q(user, prefix="unit__"))


def submissions_stamp() -> tuple[Any, ...]:
    """A fingerprint of every report's list columns, in one aggregate query (see apps.memo).

    Each write of a report (data, score, workflow) bumps its ``lock_version``, so the sum only
    grows; the count and largest id see reports added or removed; the units' and campaigns'
    ``updated_at`` see a renamed unit or a campaign's changed year.
    """
    stamp = Submission.objects.aggregate(
        count=Count("id"),
        top=Max("id"),
        locks=Sum("lock_version"),
        units=memo.latest_change(Unit),
        campaigns=memo.latest_change(Campaign),
    )
    return tuple(stamp.values())


def submission_get(*, user: Any, pk: int, light: bool = False) -> Submission:
    """The submission, or 404 when it does not exist or the user may not see it (the same
    answer, so that a unit's existence is not revealed to others).

    ``light`` leaves the document's text (often tens of kilobytes) and the report's JSON
    (data, findings, scorecard) in the database until they are asked for: the report's page
    reads them only to render its remembered parts anew (one query each, then)."""
    rows = submissions_visible(user=user).select_related(
        "campaign", "unit", "unit__region", "document", "current_version"
    )
    if light:
        rows = rows.defer("document__text", "data", "findings", "scorecard")
    found = rows.filter(pk=pk).first()
    if found is None:
        raise Http404("没有找到这份报告")
    return found


def submission_list(*, user: Any, campaign_id: int | None = None) -> QuerySet[Submission]:
    rows = submissions_visible(user=user).select_related("campaign", "unit")
    if campaign_id is not None:
        rows = rows.filter(campaign_id=campaign_id)
    return rows.defer("data", "findings", "scorecard", "basic_data").order_by(
        "-campaign__year", "unit__code"
    )


def document_list(*, submission: Submission) -> QuerySet[Document]:
    return submission.documents.defer("text").order_by("-uploaded_at", "-id")


def document_get(*, submission: Submission, pk: int) -> Document:
    found = submission.documents.filter(pk=pk).first()
    if found is None:
        raise Http404("没有找到这个文件")
    return found


def latest_document(*, submission: Submission) -> Document | None:
    return submission.documents.defer("text").order_by("-uploaded_at", "-id").first()


def version_list(*, submission: Submission) -> QuerySet[SubmissionVersion]:
    return submission.versions.select_related("created_by").defer("data", "findings", "scorecard")


def version_get(*, submission: Submission, number: int) -> SubmissionVersion:
    found = submission.versions.select_related("document").filter(number=number).first()
    if found is None:
        raise Http404("没有这个版本")
    return found


def batch_list(*, campaign_id: int, user: Any) -> QuerySet[BatchImport]:
    return BatchImport.objects.filter(campaign_id=campaign_id, uploaded_by=user)


def batch_get(*, user: Any, pk: int) -> BatchImport:
    found = BatchImport.objects.select_related("campaign").filter(pk=pk, uploaded_by=user).first()
    if found is None:
        raise Http404("没有找到这次批量导入")
    return found
