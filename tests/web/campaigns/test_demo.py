"""manage.py jixiao_demo: a city with two years of reports in every state; idempotent."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.test import Client

from apps.accounts.models import User
from apps.campaigns.demo.catalogue import DEMO_PASSWORD, EMPTY_DRAFT, UNITS
from apps.campaigns.models import Campaign
from apps.publications.models import Publication
from apps.reviews.models import ReviewEvent
from apps.submissions.models import State, Submission
from apps.units.models import Unit


def test_demo_builds_every_state_twice_and_is_idempotent(db: None) -> None:
    out = io.StringIO()
    call_command("jixiao_demo", stdout=out)
    printed = out.getvalue()
    assert f"密码均为 {DEMO_PASSWORD}" in printed and "czj_shi" in printed
    counts = (Unit.objects.count(), User.objects.count(), Submission.objects.count())
    events = ReviewEvent.objects.count()
    assert counts[0] >= 12 and len({u.kind for u in Unit.objects.all()}) >= 5
    for campaign in Campaign.objects.all():
        states = set(campaign.submissions.values_list("state", flat=True))
        assert states == set(State.values), campaign
    assert Publication.objects.count() == Submission.objects.filter(state=State.PUBLISHED).count()
    empty_code, empty_year = EMPTY_DRAFT
    empty = Submission.objects.get(unit__code=empty_code, campaign__year=empty_year)
    assert empty.state == State.DRAFT and empty.document is None
    flawed = Submission.objects.filter(error_count__gt=0).count()
    assert flawed >= 5

    call_command("jixiao_demo", "--quiet", stdout=io.StringIO())
    assert (Unit.objects.count(), User.objects.count(), Submission.objects.count()) == counts
    assert ReviewEvent.objects.count() == events

    client = Client()
    for username in ("admin", "czj_shi", f"{UNITS[0].slug}_tb", f"{UNITS[0].slug}_fz"):
        assert client.login(username=username, password=DEMO_PASSWORD), username
    assert client.get("/").status_code == 200
