"""我的待办: beside the reports, the target tables, self-evaluations and rectification notices
waiting for the user's step, and nothing of another unit or region."""

from __future__ import annotations

import datetime

from django.test import Client

from apps.accounts.models import User
from apps.rectification.models import Source
from apps.rectification.services import notice_answer, notice_issue
from apps.targets.services import table_transition
from tests.web.conftest import World
from tests.web.targets.factory import draft_table


def _waiting(user: User) -> str:
    client = Client()
    client.force_login(user)
    page = client.get("/").content.decode()
    if 'id="waiting-cycle"' not in page:
        return ""
    return page.split('id="waiting-cycle"', 1)[1].split("</section>", 1)[0]


def _notice(world: World, reviewer: User) -> object:
    assert world.prep_a.unit is not None
    return notice_issue(
        unit=world.prep_a.unit,
        year=2022,
        source=Source.OTHER,
        reasons="专项检查发现绩效目标设置不规范",
        requirements="限期整改并提交佐证材料",
        due_date=datetime.date(2023, 9, 30),
        by=reviewer,
    )


def test_each_step_of_a_target_table_is_on_the_next_persons_list(world: World) -> None:
    table = draft_table(world.prep_a, title="农技推广培训")
    assert "绩效目标表：农技推广培训" in _waiting(world.prep_a)  # a draft to finish
    assert _waiting(world.head_a) == "" and _waiting(world.rev_x) == ""

    table_transition(table=table, action="submit", by=world.prep_a)
    assert "农技推广培训" not in _waiting(world.prep_a)
    assert "绩效目标表：农技推广培训" in _waiting(world.head_a)

    table_transition(table=table, action="approve", by=world.head_a)
    assert "绩效目标表：农技推广培训" in _waiting(world.rev_x)
    assert _waiting(world.rev_y) == ""  # another region's reviewer sees nothing of it
    assert _waiting(world.prep_b) == ""


def test_a_notice_waits_for_the_units_answer_then_for_the_bureau(world: World) -> None:
    notice = _notice(world, world.rev_x)
    assert "整改通知" in _waiting(world.prep_a) and world.a.name in _waiting(world.prep_a)
    assert "整改通知" not in _waiting(world.rev_x)
    assert _waiting(world.prep_b) == "" and _waiting(world.rev_y) == ""

    notice_answer(notice=notice, text="已完成整改", files=[], by=world.prep_a)  # type: ignore[arg-type]
    assert "整改通知" not in _waiting(world.prep_a)
    assert "整改通知" in _waiting(world.rev_x)
    assert _waiting(world.rev_y) == ""
