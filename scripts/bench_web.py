"""The web rows of the speed table (`make bench`): the finance bureau's campaign view.

In-process with Django's test client against an in-memory SQLite database seeded with 300 units
and two yearly campaigns (every workflow state, figures filled in), so the figure is the
server's own time: URL routing, the overview's queries, the template; no network, no browser.
"""

from __future__ import annotations

import datetime
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import django
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment

ROOT = Path(__file__).resolve().parent.parent
UNITS = 300
YEARS = (2021, 2022)
_CLASSES = ("教育支出", "卫生健康支出", "农林水支出", "社会保障和就业支出", "住房保障支出")

Row = tuple[str, float, float, str]


def _django() -> None:
    """Test settings on an in-memory database, whatever DATABASE_URL the shell holds."""
    sys.path.insert(0, str(ROOT / "web"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    database_url = os.environ.pop("DATABASE_URL", None)
    try:
        django.setup()
    finally:
        if database_url is not None:
            os.environ["DATABASE_URL"] = database_url
    setup_test_environment()  # the test client's host, the fast password hasher
    call_command("migrate", run_syncdb=True, verbosity=0)  # as the test runner does


def _seed_city() -> int:
    """300 units, two campaigns made by the service, reports in every state; the last pk."""
    # The models exist only once django.setup() has run: imported here, not at the top.
    from apps.campaigns.services import campaign_create  # noqa: PLC0415
    from apps.submissions.models import State, Submission  # noqa: PLC0415
    from apps.units.models import Region, Unit, UnitKind  # noqa: PLC0415

    rng = random.Random(UNITS)
    regions = [Region.objects.create(code=f"R{i}", name=f"第{i}区") for i in range(1, 4)]
    kinds = list(UnitKind)
    units = Unit.objects.bulk_create(
        Unit(code=f"U{i:04d}", name=f"测试单位{i:04d}", kind=kinds[i % len(kinds)], region=r)
        for i, r in ((i, regions[i % 3]) for i in range(UNITS))
    )
    states = list(State)
    campaign_pk = 0
    for year in YEARS:
        campaign = campaign_create(
            year=year,
            notice_number=f"测财绩〔{year + 1}〕1号",
            title=f"{year}年度部门整体支出绩效自评",
            deadline=datetime.date(year + 1, 5, 31),
            units=units,
            by=None,
        )
        reports = list(Submission.objects.filter(campaign=campaign).order_by("unit__code"))
        for i, report in enumerate(reports):
            total = Decimal(rng.randint(1000, 900000)) / 100
            report.state = states[i % len(states)]
            report.total, report.basic = total, (total * Decimal("0.4")).quantize(Decimal("0.01"))
            report.project = total - report.basic
            report.three_public = Decimal(rng.randint(0, 3000)) / 100
            report.execution_rate = Decimal(rng.randint(8000, 10000)) / 100
            report.self_score = Decimal(rng.randint(600, 1000)) / 10
            report.self_grade = rng.choice(["优", "良", "中"])
            report.score = Decimal(rng.randint(500, 1000)) / 10 if i % 4 else None
            report.grade = rng.choice(["优", "良", "中", "差"]) if report.score else ""
            report.error_count, report.warning_count = i % 3, i % 5
            report.finding_codes = ["basic-equals-personnel-plus-public"] if i % 3 else []
            report.functional = {c: str(rng.randint(1, 999)) for c in rng.sample(_CLASSES, 3)}
        Submission.objects.bulk_update(
            reports,
            [
                "state", "total", "basic", "project", "three_public", "execution_rate",
                "self_score", "self_grade", "score", "grade", "error_count", "warning_count",
                "finding_codes", "functional",
            ],
        )  # fmt: skip
        campaign_pk = campaign.pk
    return campaign_pk


def _median_ms(client: Client, url: str, runs: int, before: Callable[[], None]) -> float:
    samples = []
    for _ in range(runs):
        before()
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    return statistics.median(samples)


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def campaign_view_rows(runs: int = 20) -> list[Row]:
    """Median server time of GET /campaigns/<pk>/ as an administrator, and its SQL queries:
    computed afresh (the page memo emptied first, as after any change to the data) and read
    again (remembered under the data's fingerprint, apps.memo)."""
    _django()
    from apps import memo  # noqa: PLC0415
    from apps.accounts.models import Role  # noqa: PLC0415
    from apps.accounts.services import user_create  # noqa: PLC0415

    url = f"/campaigns/{_seed_city()}/"
    client = Client()
    client.force_login(user_create(username="bench", password="bench-123456", role=Role.ADMIN))
    for _ in range(3):  # warm-up: template loading, first queries
        assert client.get(url).status_code == 200
    cold = _median_ms(client, url, runs, memo.pages.clear)
    warm = _median_ms(client, url, runs, lambda: None)
    memo.pages.clear()
    cold_queries = _queries(client, url)
    warm_queries = _queries(client, url)
    label = f"评价任务总览 {UNITS} 单位×{len(YEARS)} 年"
    return [
        (f"{label}：服务器用时（重新计算）", cold, 300.0, "毫秒"),
        (f"{label}：服务器用时（再次打开）", warm, 300.0, "毫秒"),
        (f"{label}：再次打开 / 重新计算", warm / cold, 0.5, "倍"),
        (f"{label}：SQL 查询数（重新计算）", float(cold_queries), 6.0, "条"),
        (f"{label}：SQL 查询数（再次打开）", float(warm_queries), 4.0, "条"),
    ]
