"""Who gave a score, named the same on every page, export and download.

A report carries up to three scores, each with its grade:

- 单位自评: what the unit's report states (``Submission.self_score``, ``self_grade``);
- 财政核算: what jixiao computes by the campaign's framework from the report's figures and the
  unit's 基础数据 (``Submission.score``, ``grade``), while the report is worked on;
- 财政评定: the 财政核算 score of the version the finance bureau accepted (a report 审核通过 or
  已公开): the bureau's result, the one published (``Publication.score``, ``grade``).

Columns and labels come from here so that a download and a page never name them differently.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from apps.submissions.models import State

SELF, COMPUTED, ASSESSED = "单位自评", "财政核算", "财政评定"
SELF_SCORE, SELF_GRADE = f"{SELF}得分", f"{SELF}等级"
COMPUTED_SCORE, COMPUTED_GRADE = f"{COMPUTED}得分", f"{COMPUTED}等级"
ASSESSED_SCORE, ASSESSED_GRADE = f"{ASSESSED}得分", f"{ASSESSED}等级"
# The states in which the bureau's acceptance stands behind the computed score.
ASSESSED_STATES = frozenset({State.ACCEPTED, State.PUBLISHED})


def assessed(submission: Any) -> tuple[Decimal | None, str]:
    """The 财政评定 score and grade: the computed ones once the bureau accepted the report
    (the working copy cannot change after submission, so they are the accepted version's)."""
    if submission.state not in ASSESSED_STATES:
        return None, ""
    return submission.score, submission.grade or ""


def rows(submission: Any) -> list[tuple[str, Decimal | None, str]]:
    """(who, score, grade) of each score the report has, in the order pages show them."""
    out = [
        (SELF, submission.self_score, submission.self_grade or ""),
        (COMPUTED, submission.score, submission.grade or ""),
    ]
    if submission.state in ASSESSED_STATES:
        out.append((ASSESSED, *assessed(submission)))
    return out
