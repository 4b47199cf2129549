"""Migration 0006: the 基础数据 items that are report figures move into the report's data."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from apps.campaigns.models import Campaign
from apps.units.models import Region, Unit, UnitKind

BEFORE = [("submissions", "0005_amendments_beside_the_figures")]
AFTER = [("submissions", "0006_report_figures_leave_the_basic_data")]


@pytest.mark.django_db(transaction=True)
def test_report_figures_kept_as_basic_data_move_into_the_data() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    # Only this app went back: the others' tables are as their current models say.
    region = Region.objects.create(code="M", name="迁移区")
    unit = Unit.objects.create(
        code="M01", name="迁移区财政局", kind=UnitKind.ADMINISTRATIVE, region=region
    )
    campaign = Campaign.objects.create(
        year=2022, notice_number="迁财绩〔2023〕1号", title="迁移", deadline="2023-05-31"
    )
    submission = old.get_model("submissions", "Submission").objects.create(
        campaign_id=campaign.pk,
        unit_id=unit.pk,
        data={"budget": {"adjusted": None, "executed": "90"}, "spending": {"total": "90"}},
        basic_data={
            "basic": {"budget": "100", "budget_completed": "95", "authorized_staff": "12"},
            "judgements": {"budget-rules": {"met": "3"}},
        },
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    moved = new.get_model("submissions", "Submission").objects.get(pk=submission.pk)
    # The figure typed as 基础数据 wins, as it did in the score; the others stay where they were.
    assert moved.data["budget"] == {"adjusted": "100", "executed": "95"}
    assert moved.data["spending"] == {"total": "90"}
    assert moved.basic_data == {
        "basic": {"authorized_staff": "12"},
        "judgements": {"budget-rules": {"met": "3"}},
    }
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
