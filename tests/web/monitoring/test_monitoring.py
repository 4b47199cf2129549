"""Monitoring: checkpoints, each unit's lights against the time elapsed, reasons where red,
and the bureau's page of all lights in a fixed number of queries."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from apps.errors import Conflict, InvalidInput, NotAllowed
from apps.monitoring.assess import IndicatorEntry, LineEntry
from apps.monitoring.models import Checkpoint, MonitoringRecord
from apps.monitoring.selectors import latest_progress, overview
from apps.monitoring.services import ReasonsMissing, checkpoint_create, record_save
from apps.targets.models import TargetTable
from tests.web.conftest import PASSWORD, World
from tests.web.targets.factory import approved_table, draft_table

D = Decimal


@pytest.fixture
def checkpoint(world: World) -> Checkpoint:
    return checkpoint_create(
        year=2023,
        as_of=datetime.date(2023, 7, 31),
        title="",
        due_date=datetime.date(2023, 8, 15),
        by=world.admin,
    )


@pytest.fixture
def table(world: World) -> TargetTable:
    return approved_table(world.prep_a, world.head_a, world.rev_x)


def _lines(table: TargetTable, *executed: str, reason: str = "") -> list[LineEntry]:
    lines = table.budget_lines.order_by("position")
    return [
        LineEntry(line.pk, D(amount), reason, "加快进度" if reason else "")
        for line, amount in zip(lines, executed, strict=True)
    ]


def _save(
    world: World,
    checkpoint: Checkpoint,
    table: TargetTable,
    lines: list[LineEntry],
    indicators: list[IndicatorEntry] | None = None,
    **kwargs: object,
) -> MonitoringRecord:
    return record_save(
        checkpoint=checkpoint,
        unit=world.a,
        lines=lines,
        indicators=indicators or [],
        lock_version=kwargs.pop("lock_version", None),  # type: ignore[arg-type]
        submit=bool(kwargs.pop("submit", True)),
        by=world.prep_a,
        **kwargs,  # type: ignore[arg-type]
    )


def test_only_the_city_bureau_sets_checkpoints_within_the_year(world: World) -> None:
    # A checkpoint holds for the whole city: neither a unit nor one region's reviewer sets it.
    for who in (world.prep_a, world.rev_x):
        with pytest.raises(NotAllowed, match="只有系统管理员"):
            checkpoint_create(year=2023, as_of=datetime.date(2023, 7, 31), title="",
                              due_date=datetime.date(2023, 8, 15), by=who)  # fmt: skip
    with pytest.raises(InvalidInput, match="监控时点应在2023年内"):
        checkpoint_create(year=2023, as_of=datetime.date(2024, 7, 31), title="",
                          due_date=datetime.date(2024, 8, 15), by=world.admin)  # fmt: skip
    checkpoint_create(year=2023, as_of=datetime.date(2023, 7, 31), title="七月",
                      due_date=datetime.date(2023, 8, 15), by=world.admin)  # fmt: skip
    with pytest.raises(InvalidInput, match="已经存在"):
        checkpoint_create(year=2023, as_of=datetime.date(2023, 7, 31), title="",
                          due_date=datetime.date(2023, 8, 15), by=world.admin)  # fmt: skip


@pytest.mark.parametrize(
    ("executed", "light"),
    [
        # budget 400 + 200 = 600; time progress 58.08%; red below 34.85%, green from 46.46%
        (("120", "80"), "red"),  # 33.33%
        (("150", "80"), "yellow"),  # 38.33%
        (("200", "100"), "green"),  # 50%
    ],
)
def test_execution_against_time_gives_the_light(
    world: World, checkpoint: Checkpoint, table: TargetTable, executed: tuple[str, str], light: str
) -> None:
    record = _save(world, checkpoint, table, _lines(table, *executed, reason="场地改造"))
    assert record.execution_light == light and record.time_progress == D("58.08")
    assert record.budget == D(600) and record.submitted_at is not None


def test_a_red_line_needs_its_reason_and_step(
    world: World, checkpoint: Checkpoint, table: TargetTable
) -> None:
    lines = _lines(table, "100", "150")  # 25% and 75% of their lines: the first is red
    with pytest.raises(ReasonsMissing) as refused:
        _save(world, checkpoint, table, lines)
    first = table.budget_lines.get(position=1)
    assert refused.value.assessment.missing_reasons() == [("line", first.pk)]
    assert not MonitoringRecord.objects.exists()
    lines[0] = LineEntry(first.pk, D(100), "上半年场地改造", "下半年加密培训")
    record = _save(world, checkpoint, table, lines, reason="总体说明", corrective="")
    # the unit's execution is 250 / 600 = 41.67%, 71.7% of the time: yellow, one red line
    assert (record.light, record.red_count, record.reason) == ("yellow", 1, "总体说明")
    assert list(record.lines.values_list("light", flat=True)) == ["red", "green"]


def test_indicators_get_lights_and_need_reasons_when_red(
    world: World, checkpoint: Checkpoint, table: TargetTable
) -> None:
    rows = {r.level3: r.pk for r in table.indicators.all()}
    indicators = [
        IndicatorEntry(rows["农技培训人次"], done="300"),  # 25% of 1200 at 58%: red
        IndicatorEntry(rows["带动农户增收"], done="500"),  # 62.5%: green
        IndicatorEntry(rows["培训完成时间"], likelihood="possible"),  # judged: yellow
        IndicatorEntry(rows["参训农户满意度"], likelihood="certain"),
    ]
    lines = _lines(table, "300", "100")
    with pytest.raises(ReasonsMissing) as refused:
        _save(world, checkpoint, table, lines, indicators)
    assert refused.value.assessment.missing_reasons() == [("indicator", rows["农技培训人次"])]
    indicators[0] = IndicatorEntry(rows["农技培训人次"], "300", "1000", "unlikely", "雨季", "夜校")
    record = _save(world, checkpoint, table, lines, indicators)
    lights = dict(record.indicators.values_list("indicator__level3", "light"))
    assert lights == {"农技培训人次": "red", "带动农户增收": "green", "培训完成时间": "yellow",
                      "参训农户满意度": "green"}  # fmt: skip
    assert record.indicator_light == "red" and record.execution_light == "green"
    assert (record.red_count, record.yellow_count, record.green_count) == (1, 1, 4)
    progress = latest_progress(unit_id=world.a.pk, year=2023)
    assert progress.as_of == datetime.date(2023, 7, 31)
    assert progress.indicators[rows["农技培训人次"]].expected == "1000"


def test_only_approved_tables_and_their_own_preparer(world: World, checkpoint: Checkpoint) -> None:
    draft_table(world.prep_a)
    with pytest.raises(InvalidInput, match="没有2023年批复的绩效目标表"):
        _save(world, checkpoint, TargetTable.objects.get(), [])
    table = approved_table(world.prep_b, world.head_b, world.rev_y, title="救助")
    with pytest.raises(NotAllowed):
        record_save(checkpoint=checkpoint, unit=world.b, lines=_lines(table, "1", "1"),
                    indicators=[], lock_version=None, submit=True, by=world.prep_a)  # fmt: skip


def test_reporting_needs_every_line_and_a_closed_checkpoint_refuses(
    world: World, checkpoint: Checkpoint, table: TargetTable
) -> None:
    first = _lines(table, "300", "100")[:1]
    with pytest.raises(InvalidInput, match="每个预算项目"):
        _save(world, checkpoint, table, first)
    saved = _save(world, checkpoint, table, first, submit=False)
    assert saved.submitted_at is None
    checkpoint.closed = True
    checkpoint.save()
    with pytest.raises(Conflict, match="已截止填报"):
        _save(
            world, checkpoint, table, _lines(table, "300", "100"), lock_version=saved.lock_version
        )


def test_a_stale_form_does_not_overwrite(
    world: World, checkpoint: Checkpoint, table: TargetTable
) -> None:
    record = _save(world, checkpoint, table, _lines(table, "300", "100"))
    again = _save(
        world, checkpoint, table, _lines(table, "310", "100"), lock_version=record.lock_version
    )
    assert again.executed == D(410) and again.lock_version == record.lock_version + 1
    with pytest.raises(Conflict, match="他人已保存"):
        _save(world, checkpoint, table, _lines(table, "1", "1"), lock_version=record.lock_version)
    with pytest.raises(Conflict):
        _save(world, checkpoint, table, _lines(table, "1", "1"))  # a first-save form, too late


def test_the_bureau_sees_every_unit_at_a_glance(
    world: World, checkpoint: Checkpoint, table: TargetTable
) -> None:
    _save(world, checkpoint, table, _lines(table, "100", "50", reason="进度滞后"))
    other = approved_table(world.prep_b, world.head_b, world.rev_y, title="救助")
    client = Client()
    client.login(username="admin", password=PASSWORD)
    page = client.get(f"/monitoring/{checkpoint.pk}/").content.decode()
    assert 'data-unit="A01" data-light="red"' in page and 'data-unit="B01" data-light=""' in page
    assert 'data-count="red">1<' in page and 'data-count="missing">1<' in page
    reviewer = Client()
    reviewer.login(username="rev_x", password=PASSWORD)
    scoped = reviewer.get(f"/monitoring/{checkpoint.pk}/").content.decode()
    assert "A01" in scoped and 'data-unit="B01"' not in scoped  # another region's unit
    preparer = Client()
    preparer.login(username="prep_b", password=PASSWORD)
    own = preparer.get(f"/monitoring/{checkpoint.pk}/")
    assert own.url == f"/monitoring/{checkpoint.pk}/units/{world.b.pk}/"  # type: ignore[attr-defined]
    assert preparer.get(f"/monitoring/{checkpoint.pk}/units/{world.a.pk}/").status_code == 404
    assert other.state == "accepted"


def test_the_overview_reads_a_fixed_number_of_queries(
    world: World, checkpoint: Checkpoint, table: TargetTable
) -> None:
    _save(world, checkpoint, table, _lines(table, "300", "100"))
    with CaptureQueriesContext(connection) as one:
        overview(checkpoint=checkpoint, user=world.admin)
    approved_table(world.prep_b, world.head_b, world.rev_y, title="救助")
    with CaptureQueriesContext(connection) as two:
        found = overview(checkpoint=checkpoint, user=world.admin)
    assert len(found.rows) == 2 and len(one) == len(two) == 2


def test_the_form_page_keeps_input_and_asks_where_red(
    world: World, checkpoint: Checkpoint, table: TargetTable
) -> None:
    client = Client()
    client.login(username="prep_a", password=PASSWORD)
    url = f"/monitoring/{checkpoint.pk}/units/{world.a.pk}/edit/"
    lines = list(table.budget_lines.order_by("position"))
    data = {
        "lines-TOTAL_FORMS": "2", "lines-INITIAL_FORMS": "2",
        "rows-TOTAL_FORMS": "0", "rows-INITIAL_FORMS": "0",
        "lines-0-budget_line_id": str(lines[0].pk), "lines-0-executed": "50",
        "lines-1-budget_line_id": str(lines[1].pk), "lines-1-executed": "abc",
        "submit": "1",
    }  # fmt: skip
    invalid = client.post(url, data)
    assert invalid.status_code == 400 and "请填写数字" in invalid.content.decode()
    data["lines-1-executed"] = "150"
    red = client.post(url, data).content.decode()
    assert f'data-line="{lines[0].pk}" data-light="red"' in red
    assert f'data-line="{lines[1].pk}" data-light="green"' in red
    assert red.count("红灯：请填写偏差原因和纠偏措施") == 2  # reason and step of the red line
    assert 'value="50"' in red
