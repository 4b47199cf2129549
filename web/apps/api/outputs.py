"""Model rows as the API's output dictionaries (the schemas in ``schemas`` describe them)."""

from __future__ import annotations

from typing import Any

from apps.accounts.models import Role, User
from apps.accounts.policy import can_prepare
from apps.campaigns.models import Campaign
from apps.reviews.models import ReviewEvent
from apps.reviews.workflow import available
from apps.submissions.models import Document, State, Submission, SubmissionVersion
from apps.units.models import Region, Unit, UnitKind

JSON = dict[str, Any]


def region_out(region: Region) -> JSON:
    return {"id": region.pk, "code": region.code, "name": region.name}


def unit_ref(unit: Unit) -> JSON:
    return {"id": unit.pk, "code": unit.code, "name": unit.name}


def unit_out(unit: Unit) -> JSON:
    return {
        **unit_ref(unit),
        "kind": unit.kind,
        "kind_label": str(UnitKind(unit.kind).label),
        "region": region_out(unit.region),
        "active": unit.active,
    }


def campaign_out(campaign: Campaign, *, report_count: int) -> JSON:
    return {
        "id": campaign.pk,
        "year": campaign.year,
        "notice_number": campaign.notice_number,
        "title": campaign.title,
        "deadline": campaign.deadline,
        "outline": campaign.outline,
        "framework": campaign.framework,
        "overdue": campaign.is_overdue_on(),
        "report_count": report_count,
    }


def submission_out(submission: Submission) -> JSON:
    return {
        "id": submission.pk,
        "campaign_id": submission.campaign_id,
        "year": submission.campaign.year,
        "unit": unit_ref(submission.unit),
        "state": submission.state,
        "state_label": str(State(submission.state).label),
        "lock_version": submission.lock_version,
        "total": submission.total,
        "three_public": submission.three_public,
        "execution_rate": submission.execution_rate,
        "self_score": submission.self_score,
        "self_grade": submission.self_grade,
        "score": submission.score,
        "grade": submission.grade,
        "error_count": submission.error_count,
        "warning_count": submission.warning_count,
        "updated_at": submission.updated_at,
        "submitted_at": submission.submitted_at,
    }


def document_out(document: Document) -> JSON:
    return {
        "id": document.pk,
        "original_name": document.original_name,
        "size": document.size,
        "sha256": document.sha256,
        "uploaded_at": document.uploaded_at,
        "intake_state": document.intake_state,
        "intake_message": document.intake_message,
    }


def submission_detail(submission: Submission, user: User) -> JSON:
    version = submission.current_version
    return {
        **submission_out(submission),
        "editable": submission.editable and can_prepare(user, submission.unit_id),
        "actions": [
            {"action": t.action, "label": t.label, "needs_comment": t.needs_comment}
            for t in available(user, submission)
        ],
        "document": document_out(submission.document) if submission.document else None,
        "current_version": version.number if version else None,
    }


def _name(user: User | None) -> str | None:
    return user.username if user is not None else None


def event_out(event: ReviewEvent) -> JSON:
    return {
        "id": event.pk,
        "action": event.action,
        "from_state": event.from_state,
        "to_state": event.to_state,
        "actor": _name(event.actor),
        "at": event.at,
        "comment": event.comment,
        "version": event.version.number if event.version else None,
        "comments": [
            {"target": c.target, "key": c.key, "label": c.label, "text": c.text}
            for c in event.comments.all()
        ],
    }


def version_out(version: SubmissionVersion) -> JSON:
    return {
        "number": version.number,
        "created_at": version.created_at,
        "created_by": _name(version.created_by),
        "score": version.score,
        "grade": version.grade,
        "document_id": version.document_id,
    }


def version_detail(version: SubmissionVersion) -> JSON:
    return {
        **version_out(version),
        "data": version.data,
        "findings": version.findings,
        "scorecard": version.scorecard,
    }


def me_out(user: User) -> JSON:
    return {
        "username": user.username,
        "full_name": user.full_name,
        "role": user.role,
        "role_label": str(Role(user.role).label) if user.role in Role.values else "",
        "unit": unit_ref(user.unit) if user.unit else None,
        "region": region_out(user.region) if user.region else None,
    }
