"""Target tables for tests, written through the services (as the pages would)."""

from __future__ import annotations

from decimal import Decimal

from apps.accounts.models import User
from apps.targets.models import TargetTable
from apps.targets.services import LineInput, RowInput, table_create, table_save, table_transition

# A project table that passes the check: two outputs, one benefit, one satisfaction row.
GOOD_ROWS = (
    RowInput("产出指标", "数量指标", "农技培训人次", "定量", "≥", "1200", "人次", budget_line=1),
    RowInput("产出指标", "时效指标", "培训完成时间", "定性", "", "11月底前完成", "", budget_line=1),
    RowInput("效益指标", "经济效益指标", "带动农户增收", "定量", "≥", "800", "元/户"),
    RowInput("满意度指标", "服务对象满意度指标", "参训农户满意度", "定量", "≥", "90", "%"),
)
LINES = (LineInput("农技推广培训项目", Decimal("400")), LineInput("基本支出", Decimal("200")))


def draft_table(
    preparer: User,
    *,
    year: int = 2023,
    rows: tuple[RowInput, ...] = GOOD_ROWS,
    lines: tuple[LineInput, ...] = LINES,
    title: str = "农技推广培训",
) -> TargetTable:
    assert preparer.unit is not None
    table = table_create(unit=preparer.unit, year=year, kind="project", title=title, by=preparer)
    return table_save(
        table=table,
        goal="全年培训农户1200人次，带动农户增收",
        lines=list(lines),
        rows=list(rows),
        lock_version=table.lock_version,
        by=preparer,
    )


def approved_table(preparer: User, head: User, reviewer: User, **kwargs: object) -> TargetTable:
    table = draft_table(preparer, **kwargs)  # type: ignore[arg-type]
    for action, who in (("submit", preparer), ("approve", head), ("accept", reviewer)):
        table_transition(table=table, action=action, by=who)
    return table
