"""The demo's yearly cycle: targets in several states, a July checkpoint with lights of all
three colours, a 2022 self-evaluation graded 差 and its notice; built twice, written once."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.test import Client

from apps.campaigns.demo.catalogue import DEMO_PASSWORD
from apps.monitoring.models import Checkpoint, MonitoringRecord
from apps.rectification.models import Notice
from apps.targets.demo import build_cycle
from apps.targets.models import TargetEvaluation, TargetEvent, TargetTable


def test_the_demo_holds_the_whole_cycle_and_is_idempotent(db: None) -> None:
    out = io.StringIO()
    call_command("jixiao_demo", "--quiet", stdout=out)
    assert "监控时点：2023年1–7月绩效运行监控（6个单位已报送）" in out.getvalue()
    states = set(TargetTable.objects.filter(year=2023).values_list("state", flat=True))
    assert states == {"accepted", "under_review", "draft"}
    checkpoint = Checkpoint.objects.get()
    lights = set(
        MonitoringRecord.objects.filter(checkpoint=checkpoint).values_list("light", flat=True)
    )
    assert lights == {"red", "yellow", "green"}
    evaluation = TargetEvaluation.objects.get()
    assert evaluation.grade == "差" and evaluation.state == "accepted"
    notice = Notice.objects.get(source="evaluation")  # (the key projects' demo sends one too)
    assert notice.evaluation == evaluation and notice.state == "sent"
    notices = Notice.objects.count()
    counts = (
        TargetTable.objects.count(),
        TargetEvent.objects.count(),
        MonitoringRecord.objects.count(),
    )
    build_cycle(say=lambda _: None)
    assert (
        TargetTable.objects.count(),
        TargetEvent.objects.count(),
        MonitoringRecord.objects.count(),
    ) == counts
    assert Notice.objects.count() == notices

    bureau = Client()
    assert bureau.login(username="czj_shi", password=DEMO_PASSWORD)
    page = bureau.get(f"/monitoring/{checkpoint.pk}/").content.decode()
    assert page.count('data-light="red"') >= 1 and 'data-count="green">' in page
    pages = [
        "/targets/",
        "/monitoring/",
        "/rectification/?year=2022",
        "/rectification/budget-review/2022/",
        "/rectification/peers/2022/?kind=school",
        f"/rectification/{notice.pk}/",
        f"/targets/evaluations/{evaluation.pk}/",
    ]
    for url in pages:
        assert bureau.get(url).status_code == 200, url
    unit = Client()
    assert unit.login(username="linkesuo_tb", password=DEMO_PASSWORD)
    assert 'id="answer-notice"' in unit.get(f"/rectification/{notice.pk}/").content.decode()
