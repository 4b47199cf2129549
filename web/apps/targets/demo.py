"""The demo's yearly cycle: targets, a July checkpoint with lights of all three colours, a
self-evaluation graded 差 and the rectification notice it calls for.

Built on the demo city of ``apps.campaigns.demo`` (its units and accounts must exist), through
the services only, so its history is what real use would write. Idempotent: what exists is
left as it is.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from apps.accounts.models import Role, User
from apps.accounts.selectors import region_reviewers, unit_people
from apps.monitoring.assess import IndicatorEntry, LineEntry
from apps.monitoring.models import Checkpoint, MonitoringRecord
from apps.monitoring.services import checkpoint_create, record_save
from apps.rectification.models import Notice
from apps.rectification.selectors import candidates
from apps.rectification.services import notice_issue
from apps.submissions.models import State
from apps.targets.evaluations import (
    ActualInput,
    evaluation_save,
    evaluation_start,
    evaluation_transition,
)
from apps.targets.models import TargetTable
from apps.targets.services import LineInput, RowInput, table_create, table_save, table_transition
from apps.units.models import Unit
from jixiao.targets.library import LibraryEntry, load_library
from jixiao.targets.model import TableKind

YEAR = 2023  # the budget year being carried out
PAST = 2022  # the year evaluated
_CENT = Decimal("0.01")
# Due dates from the day the demo is built, so that what the demo asks for is still open.
CHECKPOINT_DUE_IN_DAYS = 14
NOTICE_DUE_IN_DAYS = 60


@dataclass(frozen=True, slots=True)
class Plan:
    code: str
    state: State  # where its 2023 table stands
    july: str = ""  # the light its July record shows: "green", "yellow", "red"


PLANS = (
    Plan("101002", State.ACCEPTED, "green"),
    Plan("101003", State.ACCEPTED, "yellow"),
    Plan("101004", State.ACCEPTED, "red"),
    Plan("101005", State.ACCEPTED, "green"),
    Plan("102001", State.ACCEPTED, "red"),
    Plan("103001", State.ACCEPTED, "yellow"),
    Plan("101006", State.UNDER_REVIEW),
    Plan("101007", State.DRAFT),
)
# Share of the budget spent by 31 July for each light (time progress 58.08%).
_SPENT = {"green": Decimal("0.52"), "yellow": Decimal("0.40"), "red": Decimal("0.22")}
_STEPS = {
    State.DRAFT: (),
    State.UNDER_REVIEW: ("submit", "approve"),
    State.ACCEPTED: ("submit", "approve", "accept"),
}


def _money(value: Decimal) -> Decimal:
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


def _people(unit: Unit) -> tuple[User, User, User]:
    preparer = unit_people(unit=unit, role=Role.PREPARER).first()
    head = unit_people(unit=unit, role=Role.HEAD).first()
    reviewer = region_reviewers(region_id=unit.region_id).first()
    assert preparer is not None and head is not None and reviewer is not None
    return preparer, head, reviewer


def _row(entry: LibraryEntry, line: int | None = None, value: str | None = None) -> RowInput:
    return RowInput(
        level1=entry.level1,
        level2=entry.level2,
        level3=entry.level3,
        value_type=entry.value_type.value,
        direction=entry.direction.value if entry.direction else "",
        value=entry.example if value is None else value,
        unit=entry.unit,
        explanation=entry.explanation,
        scoring_rule=entry.scoring_rule,
        budget_line=line,
        library_id=entry.id,
    )


def _overall_rows(unit: Unit) -> list[RowInput]:
    """Up to eight library indicators for the unit's kind, its own ones first."""
    entries = load_library().entries(TableKind.OVERALL, unit.kind)
    own = [e for e in entries if e.section != "overall-common"][:4]
    common = [e for e in entries if e.section == "overall-common"]
    chosen = own + [e for e in common if e.level3 not in {o.level3 for o in own}][: 8 - len(own)]
    if not any("满意" in e.level3 for e in chosen):
        chosen.append(next(e for e in common if "满意" in e.level3))
    return [_row(e, line=2 if index < 2 else None) for index, e in enumerate(chosen)]


def _lines(unit: Unit) -> list[LineInput]:
    scale = Decimal(unit.code[-1]) * 300 + 1500
    return [
        LineInput("基本支出", _money(scale * Decimal("0.35")), "一般公共服务支出"),
        LineInput("项目支出", _money(scale * Decimal("0.65"))),
    ]


def _table(unit: Unit, state: State, say: Callable[[str], None]) -> TargetTable | None:
    found = TargetTable.objects.filter(unit=unit, year=YEAR, kind=TableKind.OVERALL.value).first()
    if found is not None:
        return found
    preparer, head, reviewer = _people(unit)
    table = table_create(unit=unit, year=YEAR, kind=TableKind.OVERALL.value, title="", by=preparer)
    rows = _overall_rows(unit)
    if state == State.DRAFT:  # a draft the checker still objects to: a vague value
        rows[0] = dataclasses.replace(rows[0], value="有效提升")
    table = table_save(
        table=table,
        goal=f"履行{unit.name}职责，全面完成{YEAR}年度重点工作任务，服务对象满意度不低于90%",
        lines=_lines(unit),
        rows=rows,
        lock_version=table.lock_version,
        by=preparer,
    )
    people = {"submit": preparer, "approve": head, "accept": reviewer}
    for action in _STEPS[state]:
        table_transition(table=table, action=action, by=people[action])
    say(f"已创建：{unit.name}{YEAR}年整体绩效目标表（{State(state).label}）")
    return table


def _checkpoint(by: User) -> Checkpoint:
    found = Checkpoint.objects.filter(year=YEAR, as_of=datetime.date(YEAR, 7, 31)).first()
    return found or checkpoint_create(
        year=YEAR,
        as_of=datetime.date(YEAR, 7, 31),
        title="",
        due_date=timezone.localdate() + datetime.timedelta(days=CHECKPOINT_DUE_IN_DAYS),
        note="请按批复的绩效目标填报1–7月预算执行和指标完成情况。",
        by=by,
    )


def _july(checkpoint: Checkpoint, table: TargetTable, light: str) -> None:
    if MonitoringRecord.objects.filter(checkpoint=checkpoint, unit=table.unit).exists():
        return
    preparer, _, _ = _people(table.unit)
    share = _SPENT[light]
    red = light == "red"
    lines = [
        LineEntry(
            line.pk,
            _money(line.amount * share),
            "项目招标延后，资金尚未支付" if red else "",
            "督促8月完成招标，按合同进度拨付" if red else "",
        )
        for line in table.budget_lines.order_by("position")
    ]
    indicators = [
        IndicatorEntry(
            row.pk,
            done=_done(row.value, share, rate=row.unit == "%") if row.direction == "≥" else "",
            expected=row.value,
            likelihood="possible" if light != "green" else "certain",
            reason="受上半年进度影响" if red and row.direction == "≥" else "",
            corrective="下半年加快推进" if red and row.direction == "≥" else "",
        )
        for row in table.indicators.order_by("position")
    ]
    record_save(
        checkpoint=checkpoint,
        unit=table.unit,
        lines=lines,
        indicators=indicators,
        lock_version=None,
        submit=True,
        by=preparer,
    )


def _done(value: str, share: Decimal, *, rate: bool) -> str:
    """A count done by July in step with the spending; a rate near its target (rates do not
    accumulate over the year)."""
    factor = share + Decimal("0.4") if rate else share + Decimal("0.1")
    try:
        return format(_money(Decimal(value) * factor), "f")
    except ArithmeticError:
        return ""


def _past_evaluation(say: Callable[[str], None]) -> None:
    """A 2022 project table of the forestry institute, evaluated at 差, and its notice."""
    unit = Unit.objects.filter(code="101008").first()
    if unit is None or Notice.objects.filter(unit=unit, year=PAST).exists():
        return
    preparer, head, reviewer = _people(unit)
    table = TargetTable.objects.filter(unit=unit, year=PAST, kind="project").first()
    if table is None:
        entries = {e.id: e for e in load_library().entries(TableKind.PROJECT, unit.kind)}
        rows = [
            _row(entries["pj-output-count"], 1, "20"),
            _row(entries["pj-acceptance"], 1, "95"),
            _row(entries["pj-jobs"], None, "30"),
            _row(entries["pj-satisfaction"], None, "90"),
        ]
        table = table_create(
            unit=unit, year=PAST, kind="project", title="林木良种繁育基地建设", by=preparer
        )
        table = table_save(
            table=table,
            goal="新建良种繁育大棚20个，带动林农就业30人",
            lines=[LineInput("林木良种繁育基地建设", Decimal("180"))],
            rows=rows,
            lock_version=table.lock_version,
            by=preparer,
        )
        for action, who in (("submit", preparer), ("approve", head), ("accept", reviewer)):
            table_transition(table=table, action=action, by=who)
    evaluation = evaluation_start(table=table, by=preparer)
    if evaluation.state == State.DRAFT:
        ids = [r.indicator_id for r in evaluation.rows.order_by("indicator__position")]
        given = [("8", "育苗大棚建设延期，当年仅建成8个"), ("80", "部分大棚验收整改中"),
                 ("9", "基地未全面投产"), ("62", "林农对苗木供应不满意")]  # fmt: skip
        evaluation = evaluation_save(
            evaluation=evaluation,
            budget=Decimal("180"),
            executed=Decimal("95"),
            goal_result="建成大棚8个，带动就业9人",
            rows=[
                ActualInput(pk, actual, reason=reason)
                for pk, (actual, reason) in zip(ids, given, strict=True)
            ],
            lock_version=evaluation.lock_version,
            by=preparer,
        )
        for action, who in (("submit", preparer), ("approve", head), ("accept", reviewer)):
            evaluation_transition(evaluation=evaluation, action=action, by=who)
        say(
            f"已创建：{unit.name}{PAST}年度项目绩效自评（{evaluation.score}分，{evaluation.grade}）"
        )
    due = timezone.localdate() + datetime.timedelta(days=NOTICE_DUE_IN_DAYS)
    for found in candidates(user=reviewer, year=PAST):
        if found.evaluation is not None and found.unit == unit:
            notice_issue(
                unit=unit,
                year=PAST,
                source=found.source,
                grade=found.grade,
                evaluation=found.evaluation,
                number="雁财绩整〔2023〕1号",
                reasons=found.reasons,
                requirements=(
                    f"分析目标未完成的原因，制定整改措施，{due.year}年{due.month}月{due.day}日前提交整改反馈和佐证材料。"
                ),
                due_date=due,
                by=reviewer,
            )
            say(f"已发出：{unit.name}{PAST}年度整改通知")


def build_cycle(*, say: Callable[[str], None]) -> None:
    """Targets for 2023, the July checkpoint and its lights, a 2022 evaluation and notice."""
    units = {u.code: u for u in Unit.objects.filter(code__in=[p.code for p in PLANS])}
    tables = {}
    for plan in PLANS:
        unit = units.get(plan.code)
        if unit is not None:
            tables[plan.code] = _table(unit, plan.state, say)
    bureau = User.objects.filter(role=Role.ADMIN).order_by("pk").first()
    if bureau is None:
        return
    checkpoint = _checkpoint(bureau)
    for plan in PLANS:
        table = tables.get(plan.code)
        if plan.july and table is not None and table.state == State.ACCEPTED:
            _july(checkpoint, table, plan.july)
    say(f"监控时点：{checkpoint}（{checkpoint.records.count()}个单位已报送）")
    _past_evaluation(say)
