"""Build the demo: regions, units, accounts, two campaigns, and reports in every state.

Everything goes through the services, so the demo's history (events, versions, findings) is
what real use would have written. Idempotent: what exists is left as it is.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from apps.accounts.models import Role, User
from apps.accounts.selectors import department_reviewers, region_reviewers, unit_people
from apps.accounts.services import user_create
from apps.campaigns.demo.basic import fill_basic_data, fills_basic_data
from apps.campaigns.demo.catalogue import (
    BUREAU,
    CAMPAIGNS,
    DEMO_PASSWORD,
    EMPTY_DRAFT,
    REGIONS,
    REVIEWERS,
    UNITS,
    DemoCampaign,
    DemoUnit,
    Figures,
    figures_for,
    grade_of,
    money,
)
from apps.campaigns.demo.reports import PROBLEMS, SUGGESTIONS, report_text
from apps.campaigns.models import Campaign
from apps.campaigns.services import campaign_create
from apps.reviews.models import CommentTarget
from apps.reviews.services import CommentInput, submission_transition
from apps.submissions import engine
from apps.submissions.models import State, Submission
from apps.submissions.services import document_intake, document_store, submission_data_save
from apps.units.models import Region, Unit
from jixiao.domain.report import Report

# Subordinate unit → its department in charge (主管部门): the school under the 教育局, the
# research institute under the 农业农村局. Their reports go through the department's 初审.
DEPARTMENTS = (("101004", "101003"), ("101008", "101002"))
# Passing a report on with open errors needs a written reason (and the demo gives one).
PASS_REASON = "经核实，该差异系报告编制口径所致，不影响评价结论，同意通过。"


@dataclass(frozen=True, slots=True)
class Account:
    username: str
    role: str
    scope: str


def build(*, seed: Path | None, say: Callable[[str], None]) -> list[Account]:
    regions = {name: _region(code, name) for code, name in REGIONS}
    units = {u.code: _unit(u, regions[u.region]) for u in UNITS}
    for code, department in DEPARTMENTS:
        if units[code].department_id is None:
            units[code].department = units[department]
            units[code].save(update_fields=["department", "updated_at"])
    accounts = _accounts(regions, units)
    for plan in CAMPAIGNS:
        if Campaign.objects.filter(notice_number=plan.notice_number).exists():
            say(f"已存在：{plan.title}（{plan.notice_number}），跳过")
            continue
        campaign = campaign_create(
            year=plan.year,
            notice_number=plan.notice_number,
            title=plan.title,
            deadline=timezone.localdate() + datetime.timedelta(days=plan.deadline_in_days),
            units=list(units.values()),
            by=None,
            outline="performance-note",
            framework="",  # the scoring engine's default for the report's kind
        )
        for demo, state in zip(UNITS, plan.states, strict=True):
            _report(campaign, plan, demo, unit=units[demo.code], state=state, seed=seed)
        say(f"已创建：{plan.title}（{plan.notice_number}），{len(UNITS)}个单位")
    return accounts


def _region(code: str, name: str) -> Region:
    region, _ = Region.objects.get_or_create(code=code, defaults={"name": name})
    return region


def _unit(demo: DemoUnit, region: Region) -> Unit:
    unit, _ = Unit.objects.get_or_create(
        code=demo.code, defaults={"name": demo.name, "kind": demo.kind, "region": region}
    )
    return unit


def _user(username: str, role: Role, full_name: str, **scope: Unit | Region) -> User:
    found = User.objects.filter(username=username).first()
    if found is not None:
        return found
    return user_create(
        username=username, password=DEMO_PASSWORD, role=role, full_name=full_name, **scope
    )


def _accounts(regions: dict[str, Region], units: dict[str, Unit]) -> list[Account]:
    accounts = [
        Account(_user("admin", Role.ADMIN, f"{BUREAU}管理员").username, "系统管理员", "全部")
    ]
    for username, name, region in REVIEWERS:
        _user(username, Role.REVIEWER, name, region=regions[region])
        accounts.append(Account(username, "财政审核人", region))
    for demo in UNITS:
        unit = units[demo.code]
        _user(f"{demo.slug}_tb", Role.PREPARER, f"{demo.name}填报人", unit=unit)
        _user(f"{demo.slug}_fz", Role.HEAD, f"{demo.name}负责人", unit=unit)
        accounts.append(Account(f"{demo.slug}_tb", "单位填报人", demo.name))
        accounts.append(Account(f"{demo.slug}_fz", "单位负责人", demo.name))
    by_code = {demo.code: demo for demo in UNITS}
    for code in dict.fromkeys(department for _, department in DEPARTMENTS):
        demo = by_code[code]
        under = "、".join(by_code[c].name for c, d in DEPARTMENTS if d == code)
        _user(f"{demo.slug}_zg", Role.DEPARTMENT, f"{demo.name}主管部门审核人", unit=units[code])
        accounts.append(Account(f"{demo.slug}_zg", "主管部门审核人", f"{demo.name}（初审{under}）"))
    return accounts


def _people(unit: Unit) -> tuple[User, User, User, User | None]:
    preparer = unit_people(unit=unit, role=Role.PREPARER).first()
    head = unit_people(unit=unit, role=Role.HEAD).first()
    reviewer = region_reviewers(region_id=unit.region_id).first()
    assert preparer is not None and head is not None and reviewer is not None
    department = None
    if unit.department_id is not None:
        department = department_reviewers(department_id=unit.department_id).first()
    return preparer, head, reviewer, department


def _report(
    campaign: Campaign,
    plan: DemoCampaign,
    demo: DemoUnit,
    *,
    unit: Unit,
    state: State,
    seed: Path | None,
) -> None:
    if (demo.code, plan.year) == EMPTY_DRAFT:
        return  # left empty: a walk-through uploads a report here
    submission = Submission.objects.get(campaign=campaign, unit=unit)
    preparer, head, reviewer, department = _people(unit)
    use_seed = demo.seed and seed is not None and plan.year == 2022
    if use_seed:
        assert seed is not None
        body, name = seed.read_bytes(), f"{demo.name}{plan.year}年度绩效情况说明.txt"
    else:
        figures = _seed_figures(seed, demo) if demo.seed and seed is not None else None
        figures = figures or figures_for(demo, plan.year, plan.flaws.get(demo.code, ""))
        body = report_text(demo, plan.year, figures).encode("utf-8")
        name = f"{demo.name}{plan.year}年度绩效情况说明.txt"
    document = document_store(
        submission=submission, chunks=[body], original_name=name, by=preparer, enqueue=False
    )
    document_intake(document_id=document.pk)
    submission.refresh_from_db()
    if not use_seed:
        submission = _complete(submission, preparer)
    if fills_basic_data(demo, plan.year):
        submission = fill_basic_data(submission, demo, plan.year, preparer)
    _walk(submission, state, preparer=preparer, head=head, reviewer=reviewer, department=department)


def _complete(submission: Submission, preparer: User) -> Submission:
    """The preparer adds what the text reader does not fill: indicators and narratives."""
    data = dict(submission.data)
    data["problems"] = list(PROBLEMS)
    data["suggestions"] = list(SUGGESTIONS)
    data["conclusions"] = [f"自评等级为“{data.get('grade') or '良'}”，整体支出绩效较好"]
    data["indicators"] = [
        _indicator("产出指标", "数量指标", "重点工作任务完成数", "≥", "12", "12", "项", "20", "20"),
        _indicator("产出指标", "时效指标", "预算执行率", "≥", "90", "96", "%", "10", "10"),
        _indicator("效益指标", "满意度指标", "服务对象满意度", "≥", "90", "94", "%", "10", "9"),
    ]
    return submission_data_save(
        submission=submission, data=data, lock_version=submission.lock_version, by=preparer
    )


def _indicator(*values: str) -> dict[str, str]:
    keys = ("level1", "level2", "level3", "direction", "target", "actual", "unit", "weight")
    row = dict(zip(keys, values[:8], strict=True))
    row["score"] = values[8]
    return row


# "approve": the head sends it on, through the department's 初审 when the unit has one.
_PATHS: dict[State, tuple[str, ...]] = {
    State.DRAFT: (),
    State.SUBMITTED: ("submit",),
    State.DEPT_REVIEW: ("submit", "approve_dept"),
    State.UNDER_REVIEW: ("submit", "approve"),
    State.RETURNED: ("submit", "approve", "return"),
    State.RESUBMITTED: ("submit", "approve", "return", "resubmit", "approve"),
    State.ACCEPTED: ("submit", "approve", "accept"),
    State.PUBLISHED: ("submit", "approve", "accept", "publish"),
}


def _walk(
    submission: Submission,
    state: State,
    *,
    preparer: User,
    head: User,
    reviewer: User,
    department: User | None,
) -> None:
    by = {
        "submit": preparer,
        "approve": head,
        "approve_dept": head,
        "dept_pass": department,
        "return": reviewer,
        "resubmit": preparer,
        "accept": reviewer,
        "publish": reviewer,
    }
    steps: list[str] = []
    for action in _PATHS[state]:
        through = action == "approve" and department is not None
        steps += ["approve_dept", "dept_pass"] if through else [action]
    for action in steps:
        submission.refresh_from_db()
        comment, comments = "", []
        if action == "return":
            comment = "请核对报告中的勾稽关系，并补充绩效指标的完成情况说明。"
            comments = _return_comments(submission)
        elif action == "resubmit":
            comment = "已按审核意见修改。"
        elif action in ("accept", "publish") and submission.error_count:
            comment = PASS_REASON
        actor = by[action]
        assert actor is not None
        submission_transition(
            submission=submission,
            action=action,
            by=actor,
            comment=comment,
            comments=comments,
            confirmed=action == "publish",
        )


def _return_comments(submission: Submission) -> list[CommentInput]:
    comments = [
        CommentInput(
            target=CommentTarget.FIELD,
            key="three_public.reception",
            label="公务接待费",
            text="请说明公务接待批次和人次。",
        )
    ]
    errors = [f for f in submission.findings if f["severity"] == "error"]
    if errors:
        comments.append(
            CommentInput(
                target=CommentTarget.FINDING,
                key=errors[0]["code"],
                label=errors[0]["message"],
                text="请核实并更正该处数字。",
            )
        )
    return comments


def _seed_figures(seed: Path | None, demo: DemoUnit) -> Figures | None:
    """The seed report's figures, a year earlier (×0.94) and made consistent."""
    if seed is None:
        return None
    try:
        report: Report = engine.read_report(seed, source=seed.name)
    except engine.ReadError:
        return None
    spending, three = report.spending, report.three_public
    if spending.total is None or spending.personnel is None or spending.public is None:
        return None
    factor = Decimal("0.94")

    def scaled(value: Decimal) -> Decimal:
        return money(value * factor)

    total = scaled(spending.total.value.wan)
    personnel = scaled(spending.personnel.value.wan)
    public = scaled(spending.public.value.wan)
    basic = personnel + public
    items = [(i.name or i.stated_name, scaled(i.amount.value.wan)) for i in spending.functional]
    if items:
        rest = total - sum((a for _, a in items[1:]), Decimal(0))
        items[0] = (items[0][0], rest)
    vehicle = scaled(three.vehicle_operation.value.wan) if three.vehicle_operation else Decimal(7)
    reception = scaled(three.reception.value.wan) if three.reception else Decimal(4)
    score = Decimal("91.5")
    adjusted = money(total / Decimal("0.97"))
    return Figures(
        total=total, basic=basic, personnel=personnel, public=public, project=total - basic,
        functional=tuple(items) or ((demo.main_class, total),), overseas=Decimal("0.00"),
        vehicle=vehicle, reception=reception, three_total=vehicle + reception,
        initial=money(total * Decimal("0.8")), adjusted=adjusted,
        executed=total, rate=(total / adjusted * 100).quantize(Decimal("0.01")),
        self_score=score, grade=grade_of(score), three_before=money((vehicle + reception) * factor),
    )  # fmt: skip
