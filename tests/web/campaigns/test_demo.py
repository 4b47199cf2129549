"""manage.py jixiao_demo: a city with two years of reports in every state; idempotent."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from apps.accounts.models import User
from apps.campaigns.demo.catalogue import DEMO_PASSWORD, EMPTY_DRAFT, UNITS
from apps.campaigns.models import Campaign
from apps.evaluations.models import KeyProject, Score
from apps.monitoring.models import Checkpoint
from apps.publications.models import Publication
from apps.rectification.models import Notice
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
    # the bureau's key projects (apps.evaluations.demo): one published with its grade and
    # notice, one under way; the pool's accounts listed with the others
    finished, under_way = KeyProject.objects.order_by("pk")
    assert finished.state == "published" and finished.grade and finished.score is not None
    assert under_way.state == "evaluating" and under_way.assignments.count() == 2
    assert "zj_zhou" in printed and "jg_zhengxin" in printed
    key_projects = (KeyProject.objects.count(), Score.objects.count())
    # dates relative to the day it is built: what the demo asks for now is still open
    current, earlier = Campaign.objects.order_by("-year")[:2]
    assert not current.is_overdue_on() and current.deadline > timezone.localdate()
    assert earlier.is_overdue_on()
    assert Checkpoint.objects.exists()
    assert all(c.due_date >= timezone.localdate() for c in Checkpoint.objects.all())
    notices = Notice.objects.all()
    assert notices and not any(n.overdue for n in notices)

    call_command("jixiao_demo", "--quiet", stdout=io.StringIO())
    assert (Unit.objects.count(), User.objects.count(), Submission.objects.count()) == counts
    assert ReviewEvent.objects.count() == events
    assert (KeyProject.objects.count(), Score.objects.count()) == key_projects

    client = Client()
    for username in ("admin", "czj_shi", f"{UNITS[0].slug}_tb", f"{UNITS[0].slug}_fz"):
        assert client.login(username=username, password=DEMO_PASSWORD), username
    assert client.get("/").status_code == 200
