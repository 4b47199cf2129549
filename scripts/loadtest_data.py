"""The data scripts/loadtest.py needs: the seeded city, tokens, generated reports.
Imported once Django is set up (the script's django_setup)."""

# ruff: noqa: PLC0415  (Django's modules are imported once django.setup() has run)

from __future__ import annotations

import random
from typing import Any


def seed(units: int, years: int) -> dict[str, Any]:
    """Regions, units, people, one campaign a year with every unit, reports in every state."""
    import datetime
    from decimal import Decimal

    from apps.accounts.models import Role
    from apps.accounts.services import user_create
    from apps.campaigns.demo.catalogue import DemoUnit, figures_for
    from apps.campaigns.demo.reports import report_text
    from apps.campaigns.models import Campaign
    from apps.publications.models import Publication
    from apps.submissions.models import State, Submission, SubmissionVersion
    from apps.submissions.reportdata import data_from_report
    from apps.units.models import Region, Unit, UnitKind
    from jixiao.intake.parse import parse_text

    rng = random.Random(6)
    regions = [Region.objects.create(code=f"R{i:02d}", name=f"第{i + 1}区") for i in range(10)]
    kinds = list(UnitKind)
    all_units = Unit.objects.bulk_create(
        Unit(
            code=f"U{i:04d}",
            name=f"测试单位{i:04d}",
            kind=kinds[i % len(kinds)],
            region=regions[i % 10],
        )
        for i in range(units)
    )
    demo = DemoUnit(
        "U0000", "测试单位0000", UnitKind.ADMINISTRATIVE, "市本级", "t", 3000, "农林水支出"
    )
    people = {
        "admin": user_create(username="load_admin", password="Load-pass-2024", role=Role.ADMIN)
    }
    people["reviewer"] = user_create(
        username="load_reviewer", password="Load-pass-2024", role=Role.REVIEWER, region=regions[0]
    )
    states = [s for s in State if s != State.PUBLISHED]
    last_year = 2020 + years - 1
    campaigns = []
    for year in range(2020, 2020 + years):
        data = data_from_report(
            parse_text(report_text(demo, year, figures_for(demo, year, "")), source="seed")
        )
        campaign = Campaign.objects.create(
            year=year,
            notice_number=f"测财绩〔{year + 1}〕{year}号",
            title=f"{year}年度部门整体支出绩效自评",
            deadline=datetime.date(year + 1, 5, 31),
        )
        campaign.units.set(all_units)
        latest = year == last_year
        rows = Submission.objects.bulk_create(
            Submission(
                campaign=campaign,
                unit=unit,
                # the latest year is under way (its first 25 units still drafting, for the
                # uploads); earlier years are mostly published
                state=(
                    (State.DRAFT if i < 25 else states[i % len(states)])
                    if latest
                    else (State.PUBLISHED if i % 5 else State.ACCEPTED)
                ),
                data=data,
                total=Decimal(rng.randint(1000, 900000)) / 100,
                basic=Decimal(rng.randint(100, 90000)) / 100,
                project=Decimal(rng.randint(100, 90000)) / 100,
                three_public=Decimal(rng.randint(0, 3000)) / 100,
                execution_rate=Decimal(rng.randint(800, 1000)) / 10,
                self_score=Decimal(rng.randint(700, 1000)) / 10,
                self_grade=rng.choice(["优", "良", "中"]),
                score=Decimal(rng.randint(600, 1000)) / 10,
                grade=rng.choice(["优", "良", "中", "差"]),
                error_count=i % 3,
                warning_count=i % 2,
                finding_codes=["basic-equals-personnel-plus-public"] if i % 3 else [],
                functional={"农林水支出": "100.5", "教育支出": "20"},
            )
            for i, unit in enumerate(all_units)
        )
        published = [s for s in rows if s.state == State.PUBLISHED]
        versions = SubmissionVersion.objects.bulk_create(
            SubmissionVersion(
                submission=s, number=1, data=data, findings=[], score=s.score, grade=s.grade
            )
            for s in published
        )
        Publication.objects.bulk_create(
            Publication(
                submission=s, version=v, campaign=campaign, unit_id=s.unit_id, year=year,
                total=s.total, three_public=s.three_public, self_score=s.self_score,
                score=s.score, grade=s.grade, self_grade=s.self_grade,
            )
            for s, v in zip(published, versions, strict=True)
        )  # fmt: skip
        campaigns.append(campaign)
    latest_campaign = campaigns[-1]
    drafts = list(
        Submission.objects.filter(campaign=latest_campaign, state=State.DRAFT).select_related(
            "unit"
        )[:21]
    )
    preparers = [
        user_create(
            username=f"load_prep_{i}", password="Load-pass-2024", role=Role.PREPARER, unit=s.unit
        )
        for i, s in enumerate(drafts)
    ]
    return {
        "campaign": latest_campaign.pk,
        "submissions": list(
            Submission.objects.filter(campaign=latest_campaign).values_list("pk", flat=True)[:200]
        ),
        "drafts": [(s.pk, s.unit.name, p.username) for s, p in zip(drafts, preparers, strict=True)],
        "rows": Submission.objects.count(),
        "published": Publication.objects.count(),
    }


def token_for(username: str) -> str:
    from apps.accounts.models import User
    from apps.api.tokens import token_issue

    return token_issue(owner=User.objects.get(username=username), name="负载测试").secret


def report_bytes(unit_name: str, year: int, repeat: int = 1) -> bytes:
    from apps.campaigns.demo.catalogue import DemoUnit, figures_for
    from apps.campaigns.demo.reports import report_text
    from apps.units.models import UnitKind

    demo = DemoUnit("X", unit_name, UnitKind.ADMINISTRATIVE, "市本级", "t", 3000, "农林水支出")
    text = report_text(demo, year, figures_for(demo, year, ""))
    return "\n".join([text] * repeat).encode("utf-8")


def report_of_size(unit_name: str, year: int, size: int) -> bytes:
    """The unit's report repeated to about ``size`` bytes (the upload round's 10 MB file)."""
    one = report_bytes(unit_name, year)
    return report_bytes(unit_name, year, repeat=max(1, size // len(one)))
