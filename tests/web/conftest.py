"""Fixtures for the web application: two regions, three units, every role, one campaign.

Region X holds units A and A2, region Y holds unit B. Reports are written by the demo's own
generator (no text from ../shared is copied), with one deliberate inconsistency when asked.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.accounts.models import Role, User
from apps.accounts.services import user_create
from apps.campaigns.demo.catalogue import DemoUnit, figures_for
from apps.campaigns.demo.reports import report_text
from apps.campaigns.models import Campaign
from apps.campaigns.services import campaign_create
from apps.submissions.models import Submission
from apps.submissions.services import document_upload
from apps.units.models import Region, Unit, UnitKind

PASSWORD = "test-pass-123"


@pytest.fixture(autouse=True)
def _forget_remembered_pages() -> None:
    """Each test starts with an empty page memo (apps.memo): ids are reused between tests."""
    from apps import memo
    from apps.reviews import context

    memo.pages.clear()
    context.forget()


@dataclass
class World:
    x: Region
    y: Region
    a: Unit
    a2: Unit
    b: Unit
    prep_a: User
    head_a: User
    prep_b: User
    head_b: User
    rev_x: User
    rev_y: User
    admin: User
    campaign: Campaign

    def submission(self, unit: Unit) -> Submission:
        return Submission.objects.get(campaign=self.campaign, unit=unit)


@pytest.fixture(autouse=True)
def _uploads(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "uploads"


@pytest.fixture
def world(db: None) -> World:
    x = Region.objects.create(code="X", name="甲区")
    y = Region.objects.create(code="Y", name="乙县")
    a = Unit.objects.create(
        code="A01", name="甲区农业农村局", kind=UnitKind.ADMINISTRATIVE, region=x
    )
    a2 = Unit.objects.create(code="A02", name="甲区第一中学", kind=UnitKind.SCHOOL, region=x)
    b = Unit.objects.create(code="B01", name="乙县民政局", kind=UnitKind.ADMINISTRATIVE, region=y)

    def make(name: str, role: Role, **scope: Any) -> User:
        return user_create(username=name, password=PASSWORD, role=role, **scope)

    campaign = campaign_create(
        year=2022,
        notice_number="甲财绩〔2023〕1号",
        title="2022年度部门整体支出绩效自评",
        deadline=datetime.date(2023, 5, 31),
        units=[a, a2, b],
        by=None,
    )
    return World(
        x=x,
        y=y,
        a=a,
        a2=a2,
        b=b,
        prep_a=make("prep_a", Role.PREPARER, unit=a),
        head_a=make("head_a", Role.HEAD, unit=a),
        prep_b=make("prep_b", Role.PREPARER, unit=b),
        head_b=make("head_b", Role.HEAD, unit=b),
        rev_x=make("rev_x", Role.REVIEWER, region=x),
        rev_y=make("rev_y", Role.REVIEWER, region=y),
        admin=make("admin", Role.ADMIN),
        campaign=campaign,
    )


def report_for(unit: Unit, year: int = 2022, flaw: str = "") -> str:
    """A five-part 绩效情况说明 for the unit; ``flaw``: basic, three, functional, rate, grade."""
    demo = DemoUnit(unit.code, unit.name, UnitKind(unit.kind), "市本级", "t", 3000, "农林水支出")
    return report_text(demo, year, figures_for(demo, year, flaw))


@pytest.fixture
def upload(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> Callable[..., Submission]:
    """Upload a text report as the user and read it (ImmediateBackend: at once)."""

    def do(submission: Submission, user: User, text: str, name: str = "报告.txt") -> Submission:
        file = SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")
        with django_capture_on_commit_callbacks(execute=True):
            document_upload(submission=submission, upload=file, by=user)
        submission.refresh_from_db()
        return submission

    return do
