"""The campaign view reads a fixed number of queries, whatever the number of units."""

from __future__ import annotations

import datetime
import random
import re
from decimal import Decimal

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from apps.accounts.models import Role
from apps.accounts.services import user_create
from apps.campaigns.models import Campaign
from apps.reviews.context import counts_of
from apps.submissions.models import NOT_DELIVERED_STATES, State, Submission
from apps.units.models import Region, Unit, UnitKind

# session + user, the campaign, the data's fingerprint, its reports, the reports of the year before
MAX_QUERIES = 6
# once remembered (apps.memo): session + user, the campaign, the fingerprint
REMEMBERED_QUERIES = 4
_CLASSES = ("教育支出", "卫生健康支出", "农林水支出", "社会保障和就业支出", "住房保障支出")


def _city(units: int) -> Campaign:
    """``units`` units with two years of reports in every state, figures filled in."""
    rng = random.Random(units)
    regions = [Region.objects.create(code=f"R{units}-{i}", name=f"区{units}-{i}") for i in range(3)]
    kinds = list(UnitKind)
    created = Unit.objects.bulk_create(
        Unit(
            code=f"U{units}-{i:04d}",
            name=f"单位{units}-{i:04d}",
            kind=kinds[i % len(kinds)],
            region=regions[i % 3],
        )
        for i in range(units)
    )
    states = list(State)
    latest = None
    for year in (2021, 2022):
        campaign = Campaign.objects.create(
            year=year,
            notice_number=f"测财绩〔{year + 1}〕{units}号",
            title=f"{year}年度",
            deadline=datetime.date(year + 1, 5, 31),
        )
        campaign.units.set(created)
        Submission.objects.bulk_create(
            Submission(
                campaign=campaign,
                unit=unit,
                state=states[i % len(states)],
                total=Decimal(rng.randint(100, 90000)) / 10,
                three_public=Decimal(rng.randint(0, 3000)) / 100,
                self_score=Decimal(rng.randint(600, 1000)) / 10,
                self_grade="优",
                score=Decimal(rng.randint(500, 1000)) / 10 if i % 4 else None,
                grade=rng.choice(["优", "良", "中", "差"]),
                error_count=i % 3,
                finding_codes=["basic-equals-personnel-plus-public"] if i % 3 else [],
                functional={c: str(rng.randint(1, 999)) for c in rng.sample(_CLASSES, 3)},
            )
            for i, unit in enumerate(created)
        )
        latest = campaign
    assert latest is not None
    return latest


def _queries_for_view(units: int, query: str = "") -> tuple[int, str]:
    campaign = _city(units)
    admin = user_create(username=f"admin{units}", password="x-123456", role=Role.ADMIN)
    client = Client()
    client.force_login(admin)
    # The header's 待办/已办 counts are remembered per user (apps.reviews.context, ADR 0012):
    # counted here first, the page alone is measured.
    counts_of(admin)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/campaigns/{campaign.pk}/{query}")
    assert response.status_code == 200
    return len(captured), response.content.decode()


def _unit_table(page: str) -> str:
    """The per-unit table alone (unit names also appear in the ranking and the charts)."""
    return page.split('id="units"', 1)[1].split("</table>", 1)[0]


def test_300_units_two_years_render_in_a_fixed_number_of_queries(
    db: None, django_assert_max_num_queries: object
) -> None:
    small, _ = _queries_for_view(30)
    large, page = _queries_for_view(300)
    assert large == small
    assert large <= MAX_QUERIES
    assert page.count('class="badge state-') == 50  # one page of the unit table
    table = _unit_table(page)
    assert ">单位300-0049</a>" in table and ">单位300-0050</a>" not in table
    assert "参评单位<b>300</b>" in page  # the summaries still cover every unit
    assert 'rel="next" href="?page=2#unit-table"' in page


def test_page_2_shows_the_next_units_with_the_filter_kept(db: None) -> None:
    kind = UnitKind.ADMINISTRATIVE  # every sixth unit
    queries, page = _queries_for_view(360, f"?kind={kind.value}&page=2")
    assert queries <= MAX_QUERIES
    every = [f"单位360-{i:04d}" for i in range(360) if i % len(UnitKind) == 0]
    assert len(every) == 60
    table = _unit_table(page)
    shown = [name for name in every if f">{name}</a>" in table]
    assert shown == every[50:100]
    assert f'rel="prev" href="?kind={kind.value}&amp;page=1#unit-table"' in page
    assert f"参评单位<b>{len(every)}</b>" in page
    assert 'rel="next"' not in page  # the last page
    assert "本页之后没有更多排名" in page  # 30 of these 60 are scored


def test_page_2_continues_the_ranking(db: None) -> None:
    _, page = _queries_for_view(300, "?page=2")
    table = _unit_table(page)
    assert ">单位300-0050</a>" in table and ">单位300-0099</a>" in table
    assert ">单位300-0049</a>" not in table and ">单位300-0100</a>" not in table
    ranking = page.split('id="ranking"', 1)[1].split("</table>", 1)[0]
    ranks = [int(cell) for cell in re.findall(r'<tr><td class="num">(\d+)</td>', ranking)]
    assert ranks == list(range(51, 101))


def test_the_overview_itself_reads_two_queries(db: None, django_assert_num_queries: object) -> None:
    from apps.campaigns.overview import campaign_overview

    campaign = _city(120)
    admin = user_create(username="boss", password="x-123456", role=Role.ADMIN)
    with django_assert_num_queries(2):  # type: ignore[operator]
        overview = campaign_overview(campaign=campaign, user=admin)
        assert len(overview.rows) == 120
        assert overview.three_public and overview.functional and overview.ranking


def test_a_long_overdue_list_is_cut_to_fifty_names_with_the_count(db: None) -> None:
    _, page = _queries_for_view(300)  # the 2022 deadline is long past: every draft is late
    overdue = page.split("逾期未报送", 1)[1].split("</section>", 1)[0]
    late = sum(1 for i in range(300) if list(State)[i % len(State)] in NOT_DELIVERED_STATES)
    assert late > 50
    assert overdue.count("<a href=") == 50
    assert f"等共 {late} 个单位" in overdue


def test_read_again_it_costs_the_fingerprint_query_only(db: None) -> None:
    campaign = _city(300)
    admin = user_create(username="again", password="x-123456", role=Role.ADMIN)
    client = Client()
    client.force_login(admin)
    first = client.get(f"/campaigns/{campaign.pk}/").content.decode()
    with CaptureQueriesContext(connection) as captured:
        again = client.get(f"/campaigns/{campaign.pk}/").content.decode()
    assert len(captured) == REMEMBERED_QUERIES
    assert _unit_table(again) == _unit_table(first)


def test_a_change_shows_on_the_next_read(db: None) -> None:
    """Nothing is invalidated by hand: a report written, a unit renamed or the campaign's
    deadline moved changes the fingerprint, and the next read computes again."""
    campaign = _city(60)
    admin = user_create(username="fresh", password="x-123456", role=Role.ADMIN)
    client = Client()
    client.force_login(admin)
    url = f"/campaigns/{campaign.pk}/"
    assert "参评单位<b>60</b>" in client.get(url).content.decode()

    first = Submission.objects.filter(campaign=campaign).order_by("unit__code").first()
    assert first is not None
    first.state = State.PUBLISHED
    first.lock_version += 1  # as every write of a report does
    first.save()
    published = client.get(url).content.decode()
    count = Submission.objects.filter(campaign=campaign, state=State.PUBLISHED).count()
    assert f"已公开<b>{count}</b>" in published

    unit = first.unit
    unit.name = "改名后的单位"
    unit.save()
    assert ">改名后的单位</a>" in _unit_table(client.get(url).content.decode())

    campaign.deadline = datetime.date(2099, 5, 31)
    campaign.save()
    assert "2099年5月31日" in client.get(url).content.decode()
    assert '逾期未报<b class="">0</b>' in client.get(url).content.decode()
