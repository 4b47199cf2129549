"""Campaigns: creation covers units with empty drafts; the overview and its .xlsx export."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client
from openpyxl import load_workbook

from apps.campaigns.export import overview_xlsx
from apps.campaigns.overview import campaign_overview
from apps.campaigns.services import campaign_create, campaign_units_set
from apps.errors import Conflict, InvalidInput, NotAllowed
from apps.reviews.services import submission_transition
from apps.submissions.models import State, Submission
from apps.units.models import Unit, UnitKind
from tests.web.conftest import World, report_for

Upload = Callable[..., Submission]


def test_a_campaign_covers_its_units_with_drafts(world: World) -> None:
    rows = Submission.objects.filter(campaign=world.campaign)
    assert {s.unit.code for s in rows} == {"A01", "A02", "B01"}
    assert all(s.state == State.DRAFT and s.data["year"] == 2022 for s in rows)


def test_campaign_rules(world: World, upload: Upload) -> None:
    with pytest.raises(InvalidInput, match="已被其他评价任务使用"):
        campaign_create(
            year=2022,
            notice_number="甲财绩〔2023〕1号",
            title="重复",
            deadline=datetime.date(2023, 1, 1),
            units=[],
            by=None,
        )
    with pytest.raises(NotAllowed):
        campaign_units_set(campaign=world.campaign, units=[world.a], by=world.rev_x)
    upload(world.submission(world.b), world.prep_b, report_for(world.b))
    with pytest.raises(Conflict, match="已开始填报"):
        campaign_units_set(campaign=world.campaign, units=[world.a], by=world.admin)
    campaign_units_set(campaign=world.campaign, units=[world.a, world.b], by=world.admin)
    assert not Submission.objects.filter(unit=world.a2).exists()


def test_the_create_page(world: World) -> None:
    client = Client()
    client.force_login(world.admin)
    assert client.get("/campaigns/new/").status_code == 200
    bad = client.post("/campaigns/new/", {"year": "2023", "title": "年度评价"})
    assert bad.status_code == 200 and 'value="年度评价"' in bad.content.decode()
    response = client.post(
        "/campaigns/new/",
        {
            "year": "2023",
            "notice_number": "甲财绩〔2024〕3号",
            "title": "2023年度评价",
            "deadline": "2024-05-31",
            "units": [world.a.pk, world.b.pk],
        },
    )
    assert response.status_code == 302
    client.force_login(world.rev_x)
    assert client.get("/campaigns/new/").status_code == 403


def _walk(submission: Submission, world: World, actions: list[str]) -> None:
    people = {"submit": world.prep_a, "approve": world.head_a, "accept": world.rev_x}
    for action in actions:
        submission_transition(submission=submission, action=action, by=people[action])


def test_overview_counts_ranks_and_sums(world: World, upload: Upload) -> None:
    earlier = campaign_create(
        year=2021,
        notice_number="甲财绩〔2022〕1号",
        title="2021年度",
        deadline=datetime.date(2022, 5, 31),
        units=[world.a],
        by=None,
    )
    Submission.objects.filter(campaign=earlier, unit=world.a).update(three_public=Decimal("20"))
    a = upload(world.submission(world.a), world.prep_a, report_for(world.a, flaw="basic"))
    _walk(a, world, ["submit", "approve"])
    b = upload(world.submission(world.b), world.prep_b, report_for(world.b))
    Submission.objects.filter(pk=b.pk).update(score=Decimal("91.5"), grade="优")
    overview = campaign_overview(
        campaign=world.campaign, user=world.admin, today=datetime.date(2023, 6, 1)
    )
    states = {bar.key: bar.value for bar in overview.states}
    assert states[State.DRAFT] == 2 and states[State.UNDER_REVIEW] == 1
    assert {r.submission.unit.code for r in overview.overdue} == {"A02", "B01"}
    assert {bar.label: bar.value for bar in overview.grades}["优"] == 1
    assert [r.submission.unit.code for r in overview.ranking] == ["B01"]
    assert len(overview.self_ranking) == 2
    total = sum((bar.value for bar in overview.functional), Decimal(0))
    a.refresh_from_db()
    b.refresh_from_db()
    assert total == (a.total + b.total).quantize(Decimal("0.01"))
    row = next(r for r in overview.three_public if r.submission.unit_id == world.a.pk)
    assert row.previous_three_public == Decimal("20")
    assert row.three_public_change == a.three_public - 20
    assert {bar.key: bar.value for bar in overview.findings}[
        "basic-equals-personnel-plus-public"
    ] == 1
    schools = campaign_overview(campaign=world.campaign, user=world.admin, kind=UnitKind.SCHOOL)
    assert [r.submission.unit.code for r in schools.rows] == ["A02"]


def test_a_reviewer_sees_nothing_of_another_region(world: World, upload: Upload) -> None:
    upload(world.submission(world.b), world.prep_b, report_for(world.b, flaw="three"))
    overview = campaign_overview(campaign=world.campaign, user=world.rev_x)
    assert {r.submission.unit.code for r in overview.rows} == {"A01", "A02"}
    assert overview.findings == [] and overview.functional == []
    client = Client()
    client.force_login(world.rev_x)
    page = client.get(f"/campaigns/{world.campaign.pk}/").content.decode()
    assert world.b.name not in page and world.a.name in page
    assert 'id="chart-data"' in page and "echarts.min.js" in page
    assert client.get(f"/submissions/{world.submission(world.b).pk}/").status_code == 404


def test_a_unit_opening_the_campaign_lands_on_its_own_report(world: World) -> None:
    client = Client()
    client.force_login(world.prep_a)
    response = client.get(f"/campaigns/{world.campaign.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/submissions/{world.submission(world.a).pk}/"
    assert client.get(f"/campaigns/{world.campaign.pk}/export.xlsx").status_code == 403


def test_the_xlsx_export_neutralises_formulas(world: World, upload: Upload) -> None:
    Unit.objects.filter(pk=world.a.pk).update(name='=HYPERLINK("http://x")')
    upload(world.submission(world.a), world.prep_a, report_for(world.a))
    overview = campaign_overview(campaign=world.campaign, user=world.admin)
    book = load_workbook(io.BytesIO(overview_xlsx(overview)))
    assert book.sheetnames == ["单位情况", "功能分类", "三公经费", "问题统计", "已修改数据"]
    sheet = book["单位情况"]
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert '\'=HYPERLINK("http://x")' in names
    totals = [row[6] for row in sheet.iter_rows(min_row=2, values_only=True) if row[6] is not None]
    assert len(totals) == 1 and isinstance(totals[0], int | float)
    client = Client()
    client.force_login(world.rev_x)
    response = client.get(f"/campaigns/{world.campaign.pk}/export.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
