"""Target tables: who may create and change them, the library, the check, the workflow."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from apps.errors import Conflict, IllegalTransition, InvalidInput, NotAllowed
from apps.reviews.workflow import UNIT_TRANSITIONS
from apps.submissions.models import State
from apps.targets.models import TargetEvent, TargetTable
from apps.targets.services import (
    RowInput,
    table_add_from_library,
    table_create,
    table_save,
    table_transition,
)
from apps.targets.workflow import STEPS
from apps.units.models import UnitKind
from jixiao.targets.library import UNIT_KINDS
from tests.web.conftest import PASSWORD, World
from tests.web.targets.factory import GOOD_ROWS, LINES, approved_table, draft_table


def _client(user: object) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)  # type: ignore[attr-defined]
    return client


def test_the_library_knows_the_registrys_unit_kinds() -> None:
    assert set(UNIT_KINDS) == set(UnitKind.values)


def test_the_steps_are_the_reports_steps_without_publishing() -> None:
    assert set(STEPS) == set(UNIT_TRANSITIONS)
    assert all(STEPS[a] is UNIT_TRANSITIONS[a] for a in STEPS)


def test_only_the_units_preparer_creates_and_one_table_per_title(world: World) -> None:
    with pytest.raises(NotAllowed):
        table_create(unit=world.a, year=2023, kind="overall", title="", by=world.head_a)
    with pytest.raises(NotAllowed):
        table_create(unit=world.a, year=2023, kind="overall", title="", by=world.prep_b)
    first = table_create(unit=world.a, year=2023, kind="overall", title="x", by=world.prep_a)
    assert first.title == ""  # an overall table has no project name
    with pytest.raises(InvalidInput, match="整体绩效目标表已经存在"):
        table_create(unit=world.a, year=2023, kind="overall", title="", by=world.prep_a)
    with pytest.raises(InvalidInput, match="请填写项目名称"):
        table_create(unit=world.a, year=2023, kind="project", title=" ", by=world.prep_a)


def test_saving_replaces_rows_and_links_budget_lines(world: World) -> None:
    table = draft_table(world.prep_a)
    rows = list(table.indicators.order_by("position"))
    assert [r.level3 for r in rows] == [r.level3 for r in GOOD_ROWS]
    assert rows[0].budget_line is not None and rows[0].budget_line.name == "农技推广培训项目"
    assert rows[2].budget_line is None and rows[1].unit == "" and rows[1].direction == ""
    assert [line.amount for line in table.budget_lines.all()] == [Decimal(400), Decimal(200)]
    assert table.lock_version == 2


def test_a_stale_save_is_refused_and_nothing_is_overwritten(world: World) -> None:
    table = draft_table(world.prep_a)
    stale = table.lock_version - 1
    with pytest.raises(Conflict, match="他人已修改"):
        table_save(
            table=table, goal="新目标", lines=[], rows=[], lock_version=stale, by=world.prep_a
        )
    table.refresh_from_db()
    assert table.goal.startswith("全年培训") and table.indicators.count() == 4


def test_a_link_to_a_missing_budget_line_is_refused(world: World) -> None:
    table = table_create(unit=world.a, year=2023, kind="overall", title="", by=world.prep_a)
    row = RowInput("产出指标", "数量指标", "培训人次", "定量", "≥", "1", "人次", budget_line=3)
    with pytest.raises(InvalidInput, match="对应的预算项目不存在"):
        table_save(
            table=table, goal="g", lines=list(LINES), rows=[row], lock_version=1, by=world.prep_a
        )


def test_the_library_offers_the_units_kind_and_adds_no_duplicate(world: World) -> None:
    school = table_create(
        unit=world.a2, year=2023, kind="overall", title="", by=_school_prep(world)
    )
    added = table_add_from_library(
        table=school,
        entry_ids=["ov-satisfaction", "sc-retention", "ho-stay", "pj-jobs", "nonexistent"],
        by=_school_prep(world),
    )
    assert added == 2  # a hospital's and a project's indicator are not for a school's table
    again = table_add_from_library(table=school, entry_ids=["sc-retention"], by=_school_prep(world))
    assert again == 0
    row = school.indicators.get(library_id="sc-retention")
    assert (row.value, row.unit, row.direction, row.position) == ("", "%", "≥", 2)


def _school_prep(world: World) -> object:
    from apps.accounts.models import Role
    from apps.accounts.services import user_create

    found = world.a2.users.filter(role=Role.PREPARER).first()
    return found or user_create(
        username="prep_a2", password=PASSWORD, role=Role.PREPARER, unit=world.a2
    )


def test_the_library_page_lists_only_what_is_not_yet_picked(world: World) -> None:
    table = table_create(unit=world.a, year=2023, kind="overall", title="", by=world.prep_a)
    table_add_from_library(table=table, entry_ids=["ov-satisfaction"], by=world.prep_a)
    page = _client(world.prep_a).get(f"/targets/{table.pk}/library/").content.decode()
    assert 'value="ov-key-tasks-done"' in page and 'value="ov-satisfaction"' not in page
    assert 'value="sc-retention"' not in page  # a school's indicator, not an administration's
    refused = _client(world.prep_a).post(f"/targets/{table.pk}/library/", {})
    assert "请至少选择一个指标" in refused.content.decode()


def test_the_check_endpoint_maps_issues_to_the_form_rows(world: World) -> None:
    table = draft_table(world.prep_a)
    data = {
        "goal": "目标",
        "rows-TOTAL_FORMS": "3",
        "rows-INITIAL_FORMS": "0",
        "rows-0-level1": "产出指标",
        "rows-0-level3": "资金到位率",
        "rows-0-value_type": "定量",
        "rows-0-direction": "≥",
        "rows-0-value": "100",
        "rows-0-unit": "%",
        # row 1 left blank: not checked, and the next row keeps its own index
        "rows-2-level1": "效益指标",
        "rows-2-level3": "群众满意度",
        "rows-2-value_type": "定量",
        "rows-2-direction": "≥",
        "rows-2-value": "很高",
    }
    issues = _client(world.prep_a).post(f"/targets/{table.pk}/lint/", data).json()["issues"]
    assert [(i["code"], i["row"]) for i in issues] == [
        ("target-input-as-output", 0),
        ("target-no-value", 2),
    ]
    assert _client(world.prep_b).get(f"/targets/{table.pk}/lint/").status_code == 404


def test_submission_needs_a_clean_check_and_budget_lines(world: World) -> None:
    vague = (*GOOD_ROWS[:3], RowInput("满意度指标", "", "满意度", "定量", "≥", "较高", "%"))
    table = draft_table(world.prep_a, rows=vague)
    with pytest.raises(InvalidInput, match=r"目标表还有1处错误.*“较高”不是数值"):
        table_transition(table=table, action="submit", by=world.prep_a)
    bare = draft_table(world.prep_a, lines=(), rows=GOOD_ROWS[2:], title="无预算")
    with pytest.raises(InvalidInput, match="预算项目和金额"):
        table_transition(table=bare, action="submit", by=world.prep_a)
    assert not TargetEvent.objects.exists()


def test_the_workflow_approves_a_version_and_freezes_the_table(world: World) -> None:
    table = approved_table(world.prep_a, world.head_a, world.rev_x)
    assert table.state == State.ACCEPTED and table.approved_version is not None
    assert table.approved_version.data["indicators"][0]["value"] == "1200"
    events = list(table.events.values_list("action", "from_state", "to_state"))
    assert events == [
        ("submit", "draft", "submitted"),
        ("approve", "submitted", "under_review"),
        ("accept", "under_review", "accepted"),
    ]
    with pytest.raises(Conflict, match="不能修改"):
        table_save(
            table=table,
            goal="x",
            lines=[],
            rows=[],
            lock_version=table.lock_version,
            by=world.prep_a,
        )
    with pytest.raises(IllegalTransition, match="绩效目标表当前状态为“审核通过”，不能“重新报送”"):
        table_transition(table=table, action="resubmit", by=world.prep_a)
    with pytest.raises(IllegalTransition, match="没有“publish”这个操作"):
        table_transition(table=table, action="publish", by=world.rev_x)


def test_the_wrong_people_are_refused_and_returns_need_a_comment(world: World) -> None:
    table = draft_table(world.prep_a)
    with pytest.raises(NotAllowed, match="只有本单位填报人可以"):
        table_transition(table=table, action="submit", by=world.prep_b)
    table_transition(table=table, action="submit", by=world.prep_a)
    with pytest.raises(InvalidInput, match="请填写退回意见"):
        table_transition(table=table, action="send_back", by=world.head_a)
    table_transition(table=table, action="approve", by=world.head_a)
    with pytest.raises(NotAllowed, match="只有本区域财政审核人可以"):
        table_transition(table=table, action="accept", by=world.rev_y)
    table_transition(table=table, action="return", by=world.rev_x, comment="满意度请写明样本量")
    assert table.state == State.RETURNED and table.editable
    page = _client(world.prep_a).get(f"/targets/{table.pk}/").content.decode()
    assert "满意度请写明样本量" in page
    table_transition(table=table, action="resubmit", by=world.prep_a)
    assert table.versions.count() == 2


def test_a_stale_page_cannot_move_the_table(world: World) -> None:
    table = draft_table(world.prep_a)
    with pytest.raises(Conflict, match="绩效目标表在您查看期间已被他人修改"):
        table_transition(table=table, action="submit", by=world.prep_a, lock_version=1)


def test_pages_follow_who_may_see_what(world: World) -> None:
    table = approved_table(world.prep_a, world.head_a, world.rev_x)
    assert _client(world.prep_b).get(f"/targets/{table.pk}/").status_code == 404
    assert _client(world.rev_y).get(f"/targets/{table.pk}/").status_code == 404
    assert _client(world.rev_x).get(f"/targets/{table.pk}/").status_code == 200
    listing = _client(world.rev_x).get("/targets/?year=2023").content.decode()
    assert f'data-table="{table.pk}"' in listing
    assert f'data-table="{table.pk}"' not in _client(world.rev_y).get("/targets/").content.decode()
    assert _client(world.head_a).get("/targets/new/").status_code == 403
    assert Client().get("/targets/").status_code == 302  # to the log-in page


def test_a_validation_error_keeps_what_was_typed(world: World) -> None:
    table = draft_table(world.prep_a)
    data = {
        "lock_version": str(table.lock_version),
        "goal": "我的新目标",
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-0-name": "农技推广培训项目",
        "lines-0-amount": "四百",
        "rows-TOTAL_FORMS": "1",
        "rows-INITIAL_FORMS": "0",
        "rows-0-level1": "产出指标",
        "rows-0-level3": "培训人次",
        "rows-0-value": "1300",
    }
    page = _client(world.prep_a).post(f"/targets/{table.pk}/edit/", data)
    html = page.content.decode()
    assert page.status_code == 400 and "请填写数字" in html
    assert "我的新目标" in html and 'value="1300"' in html and 'value="四百"' in html
    assert TargetTable.objects.get().goal != "我的新目标"


def test_the_list_shows_what_waits_for_each_person(world: World) -> None:
    table = draft_table(world.prep_a)
    table_transition(table=table, action="submit", by=world.prep_a)
    head = _client(world.head_a).get("/targets/").content.decode()
    assert 'id="waiting"' in head and f'href="/targets/{table.pk}/"' in head
    reviewer = _client(world.rev_x).get("/targets/").content.decode()
    assert 'id="waiting"' not in reviewer  # not yet sent to the finance bureau
    table_transition(table=table, action="approve", by=world.head_a)
    assert 'id="waiting"' in _client(world.rev_x).get("/targets/").content.decode()
