"""Publishing: the accepted version becomes public, exactly as it was submitted; withdrawing
takes it off the public pages and the open data again (the history and the audit log keep
who did it and why)."""

from __future__ import annotations

from apps.accounts.models import User
from apps.errors import Conflict
from apps.publications.models import Publication
from apps.submissions.models import Submission


def publication_create(
    *, submission: Submission, by: User, open_errors: int = 0, reason: str = ""
) -> Publication:
    """Publish the submission's last submitted version (called by the publish step); with
    open errors, the reviewer's reason is published beside the grade."""
    version = submission.current_version
    if version is None:
        raise Conflict("报告没有报送过的版本，不能公开")
    if Publication.objects.filter(submission=submission).exists():
        raise Conflict("这份报告已经公开")
    return Publication.objects.create(
        submission=submission,
        version=version,
        campaign_id=submission.campaign_id,
        unit_id=submission.unit_id,
        year=submission.campaign.year,
        published_by=by,
        total=submission.total,
        three_public=submission.three_public,
        self_score=submission.self_score,
        score=version.score,
        grade=version.grade,
        self_grade=submission.self_grade,
        open_errors=open_errors,
        reason=reason if open_errors else "",
    )


def publication_withdraw(*, submission: Submission) -> int:
    """Take the submission off the public pages and the open data (called by the withdraw
    step, in its transaction): the number of publications removed (0 or 1)."""
    deleted, _ = Publication.objects.filter(submission=submission).delete()
    return deleted
