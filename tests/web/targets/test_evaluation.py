"""The year-end self-evaluation: it starts from the approved table and scores against the
ORIGINAL targets, whatever happens to the rows afterwards.

Hand computation for ACTUALS on the factory's table (budget 600, executed 540):
执行率 90% → 9; 产出 50 shared by 农技培训人次 and 培训完成时间: 25 × 1000/1200 = 20.833…,
定性 达成 [20, 25] with the unit's 24 → 24; 效益 30: 带动农户增收 600/800 → 22.5;
满意度 10: 95 ≥ 90 → 10. Total 86.333… → 86.33, 良.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from apps.errors import Conflict, InvalidInput, NotAllowed
from apps.submissions.models import State
from apps.targets.evaluations import (
    ActualInput,
    evaluation_save,
    evaluation_start,
    evaluation_transition,
)
from apps.targets.models import TargetEvaluation, TargetIndicator, TargetTable
from apps.targets.selfscore import readiness
from tests.web.conftest import PASSWORD, World
from tests.web.targets.factory import approved_table, draft_table


def _actuals(evaluation: TargetEvaluation) -> list[ActualInput]:
    ids = [row.indicator_id for row in evaluation.rows.order_by("indicator__position")]
    given = [
        ("1000", "", None, "雨季停训两个月"),
        ("11月25日完成", "达成", Decimal(24), ""),
        ("600", "", None, "农产品价格下跌"),
        ("95", "", None, ""),
    ]
    return [
        ActualInput(pk, actual, band, score, reason)
        for pk, (actual, band, score, reason) in zip(ids, given, strict=True)
    ]


@pytest.fixture
def table(world: World) -> TargetTable:
    return approved_table(world.prep_a, world.head_a, world.rev_x)


def _filled(world: World, table: TargetTable) -> TargetEvaluation:
    evaluation = evaluation_start(table=table, by=world.prep_a)
    return evaluation_save(
        evaluation=evaluation,
        budget=Decimal(600),
        executed=Decimal(540),
        goal_result="完成培训1000人次",
        rows=_actuals(evaluation),
        lock_version=evaluation.lock_version,
        by=world.prep_a,
    )


def test_it_starts_only_from_an_approved_table(world: World) -> None:
    draft = draft_table(world.prep_a, title="草稿项目")
    with pytest.raises(Conflict, match="审核通过（批复）后才能开展自评"):
        evaluation_start(table=draft, by=world.prep_a)
    approved = approved_table(world.prep_a, world.head_a, world.rev_x)
    with pytest.raises(NotAllowed):
        evaluation_start(table=approved, by=world.head_a)
    evaluation = evaluation_start(table=approved, by=world.prep_a)
    assert evaluation_start(table=approved, by=world.prep_a) == evaluation  # one per table
    assert evaluation.rows.count() == 4 and evaluation.budget == Decimal(600)
    assert evaluation.grade == "" and evaluation.scorecard is not None  # nothing to score yet


def test_scored_against_the_approved_targets(world: World, table: TargetTable) -> None:
    evaluation = _filled(world, table)
    assert (evaluation.score, evaluation.grade) == (Decimal("86.33"), "良")
    lines = {line["level3"]: line for line in (evaluation.scorecard or {})["lines"]}
    assert lines["农技培训人次"]["target"] == "1200" and lines["农技培训人次"]["actual"] == "1000"
    assert lines["培训完成时间"]["actual"] == "达成"  # the band the unit chose, not the words
    assert readiness(evaluation) == []


def test_a_target_changed_after_approval_does_not_change_the_score(
    world: World, table: TargetTable
) -> None:
    # Somebody lowers the target in the rows behind the workflow's back …
    TargetIndicator.objects.filter(table=table, level3="农技培训人次").update(value="1000")
    evaluation = _filled(world, table)
    # … the score still reads the approved version's 1200.
    assert evaluation.score == Decimal("86.33")


def test_what_is_still_missing_before_submission(world: World, table: TargetTable) -> None:
    evaluation = evaluation_start(table=table, by=world.prep_a)
    problems = readiness(evaluation)
    assert problems[0] == "请填写全年预算数和全年执行数"
    assert "请填写“农技培训人次”的实际完成值" in problems
    rows = _actuals(evaluation)
    rows[0] = ActualInput(rows[0].indicator_id, "1000")  # short of 1200, and no reason
    evaluation = evaluation_save(
        evaluation=evaluation,
        budget=Decimal(600),
        executed=Decimal(540),
        goal_result="",
        rows=rows,
        lock_version=evaluation.lock_version,
        by=world.prep_a,
    )
    assert readiness(evaluation) == ["“农技培训人次”未达到目标，请填写偏差原因分析及改进措施"]
    with pytest.raises(InvalidInput, match="自评表还不能提交：“农技培训人次”未达到目标"):
        evaluation_transition(evaluation=evaluation, action="submit", by=world.prep_a)


def test_the_evaluation_goes_through_the_same_workflow(world: World, table: TargetTable) -> None:
    evaluation = _filled(world, table)
    evaluation_transition(evaluation=evaluation, action="submit", by=world.prep_a)
    with pytest.raises(Conflict, match="不能修改"):
        evaluation_save(
            evaluation=evaluation,
            budget=None,
            executed=None,
            goal_result="",
            rows=[],
            lock_version=evaluation.lock_version,
            by=world.prep_a,
        )
    evaluation_transition(evaluation=evaluation, action="approve", by=world.head_a)
    with pytest.raises(NotAllowed):
        evaluation_transition(evaluation=evaluation, action="accept", by=world.rev_y)
    evaluation_transition(
        evaluation=evaluation, action="return", by=world.rev_x, comment="请补充佐证"
    )
    evaluation_transition(evaluation=evaluation, action="resubmit", by=world.prep_a)
    evaluation_transition(evaluation=evaluation, action="accept", by=world.rev_x)
    assert evaluation.state == State.ACCEPTED
    assert evaluation.versions.count() == 2
    assert evaluation.versions.last().data["scorecard"]["grade"] == "良"  # type: ignore[union-attr]
    assert evaluation.events.count() == 5


def test_a_stale_save_is_refused(world: World, table: TargetTable) -> None:
    evaluation = _filled(world, table)
    with pytest.raises(Conflict, match="他人已修改了这份自评表"):
        evaluation_save(
            evaluation=evaluation,
            budget=Decimal(1),
            executed=Decimal(1),
            goal_result="",
            rows=[],
            lock_version=evaluation.lock_version - 1,
            by=world.prep_a,
        )
    evaluation.refresh_from_db()
    assert evaluation.budget == Decimal(600)


def test_the_pages_show_targets_actuals_and_score(world: World, table: TargetTable) -> None:
    evaluation = _filled(world, table)
    client = Client()
    client.login(username="rev_x", password=PASSWORD)
    page = client.get(f"/targets/evaluations/{evaluation.pk}/").content.decode()
    assert 'data-score="86.33" data-grade="良"' in page and "≥1200人次" in page
    assert client.get(f"/targets/evaluations/{evaluation.pk}/edit/").status_code == 302
    other = Client()
    other.login(username="prep_b", password=PASSWORD)
    assert other.get(f"/targets/evaluations/{evaluation.pk}/").status_code == 404
