"""The public sees published versions only: pages, a unit's years, CSV and JSON."""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Callable

import pytest
from django.test import Client

from apps.accounts.models import User
from apps.campaigns.services import campaign_create
from apps.exports import safe_cell
from apps.publications.models import Publication
from apps.reviews.services import submission_transition
from apps.submissions.models import Submission
from apps.units.models import Unit
from tests.web.conftest import World, report_for

Upload = Callable[..., Submission]


def _publish(world: World, submission: Submission, prep: User, head: User, rev: User) -> None:
    for action, user in (("submit", prep), ("approve", head), ("accept", rev), ("publish", rev)):
        submission_transition(
            submission=submission, action=action, by=user, confirmed=action == "publish"
        )


@pytest.fixture
def published(world: World, upload: Upload) -> Submission:
    a = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    _publish(world, a, world.prep_a, world.head_a, world.rev_x)
    b = upload(world.submission(world.b), world.prep_b, report_for(world.b, flaw="three"))
    submission_transition(submission=b, action="submit", by=world.prep_b)  # not published
    return a


def test_the_public_list_shows_only_published_reports(world: World, published: Submission) -> None:
    page = Client().get("/public/").content.decode()
    assert world.a.name in page
    assert world.b.name not in page and world.a2.name not in page


def test_the_public_never_reaches_working_pages(world: World, published: Submission) -> None:
    client = Client()
    for url in (
        f"/submissions/{published.pk}/",
        f"/submissions/{world.submission(world.b).pk}/",
        f"/campaigns/{world.campaign.pk}/",
        "/units/",
    ):
        assert client.get(url).status_code == 302, url  # to the log-in page
    assert client.get("/").status_code == 302


def test_the_published_report_page_and_json(world: World, published: Submission) -> None:
    publication = Publication.objects.get()
    client = Client()
    page = client.get(f"/public/reports/{publication.pk}/").content.decode()
    assert world.a.name in page and "主要数据" in page
    data = json.loads(client.get(f"/public/reports/{publication.pk}.json").content)
    assert data["unit"]["name"] == world.a.name
    assert data["data"]["spending"]["total"] == published.data["spending"]["total"]
    assert "evidence" not in data["data"]  # internal parts are left out


def test_campaign_csv_and_json_list_published_reports(world: World, published: Submission) -> None:
    client = Client()
    response = client.get(f"/public/campaigns/{world.campaign.pk}/data.csv")
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0][:3] == ["年度", "单位编码", "单位名称"]
    assert [r[2] for r in rows[1:]] == [world.a.name]
    total_column = rows[0].index("支出合计")
    assert rows[1][total_column] == published.data["spending"]["total"]
    payload = json.loads(client.get(f"/public/campaigns/{world.campaign.pk}/data.json").content)
    assert payload["campaign"]["notice_number"] == "甲财绩〔2023〕1号"
    assert [r["unit"]["code"] for r in payload["reports"]] == ["A01"]


def test_formula_like_text_is_neutralised_in_csv(world: World, upload: Upload) -> None:
    Unit.objects.filter(pk=world.a.pk).update(name="=cmd|' /C calc'!A0")
    world.a.refresh_from_db()
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    _publish(world, submission, world.prep_a, world.head_a, world.rev_x)
    body = Client().get(f"/public/campaigns/{world.campaign.pk}/data.csv").content.decode()
    assert "'=cmd|" in body
    assert safe_cell("-12.5") == "-12.5" and safe_cell("@SUM(A1)") == "'@SUM(A1)"


def test_a_units_years_side_by_side(world: World, published: Submission, upload: Upload) -> None:
    later = campaign_create(
        year=2023,
        notice_number="甲财绩〔2024〕1号",
        title="2023年度",
        deadline=datetime.date(2024, 5, 31),
        units=[world.a],
        by=None,
    )
    next_year = upload(
        Submission.objects.get(campaign=later, unit=world.a),
        world.prep_a,
        report_for(world.a, year=2023),
    )
    _publish(world, next_year, world.prep_a, world.head_a, world.rev_x)
    page = Client().get(f"/public/units/{world.a.pk}/").content.decode()
    assert "2022年度" in page and "2023年度" in page
    assert published.data["spending"]["total"] in page
    assert next_year.data["spending"]["total"] in page
    assert Client().get(f"/public/units/{world.b.pk}/").status_code == 404


def test_the_public_list_is_paged_with_its_filters_kept(
    world: World, published: Submission, monkeypatch: pytest.MonkeyPatch
) -> None:
    from apps.publications import views

    b = world.submission(world.b)  # submitted by the fixture: take it to publication
    for action, user in (
        ("approve", world.head_b),
        ("accept", world.rev_y),
        ("publish", world.rev_y),
    ):
        reason = "" if action == "approve" else "差异已核实，同意通过"  # b has an open error
        submission_transition(submission=b, action=action, by=user, comment=reason, confirmed=True)
    monkeypatch.setattr(views, "PER_PAGE", 1)
    year = world.campaign.year
    client = Client()
    first = client.get(f"/public/?year={year}&q=").content.decode()
    second = client.get(f"/public/?year={year}&q=&page=2").content.decode()
    names = {world.a.name, world.b.name}
    on_first = {n for n in names if f">{n}</a>" in first}
    on_second = {n for n in names if f">{n}</a>" in second}
    assert len(on_first) == 1 and on_first | on_second == names and not on_first & on_second
    assert f'rel="next" href="?year={year}&amp;q=&amp;page=2"' in first
    assert f'rel="prev" href="?year={year}&amp;q=&amp;page=1"' in second
    assert 'rel="next"' not in second
    # The download links cover the whole filtered list, not only this page.
    assert f"/public/campaigns/{world.campaign.pk}/data.csv" in second
