"""The demo's key-project evaluations: the units' approved 2022 projects to pick from, an
expert pool (one of its experts employed by the 教育局, so a newcomer sees a conflict refused),
a third-party agency with a staff member, and a first plan of two projects: 林木良种繁育基地建设
evaluated to the end (a divergence discussed, the unit's response, graded 中, a rectification
notice, published) and 农村饮水安全巩固提升 under way (one sheet submitted, documents asked for).

Built on the demo city of ``apps.campaigns.demo`` and ``apps.targets.demo`` (their units,
accounts and the forestry institute's 2022 table must exist), through the services only.
Idempotent: what exists is left as it is.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from apps.accounts.models import Role, User
from apps.accounts.selectors import region_reviewers, unit_people
from apps.campaigns.demo.build import DEPARTMENTS, Account
from apps.campaigns.demo.catalogue import BUREAU, DEMO_PASSWORD
from apps.evaluations.models import Agency, Assignment, Expert, KeyProject, Plan
from apps.evaluations.papers import (
    feedback_give,
    request_create,
    request_upload,
    survey_record,
    visit_record,
)
from apps.evaluations.services import (
    agency_create,
    agency_staff_create,
    assign,
    expert_create,
    plan_add,
    plan_create,
    plan_publish,
    staff_add,
)
from apps.evaluations.sheets import (
    ScoreInput,
    discussion_record,
    figures_save,
    report_text_save,
    sheet_save,
    sheet_submit,
)
from apps.evaluations.workflow import project_transition
from apps.submissions.models import State
from apps.targets.models import TargetTable
from apps.targets.services import LineInput, RowInput, table_create, table_save, table_transition
from apps.units.models import Unit

YEAR = 2022
PLAN_NUMBER = "雁财绩〔2023〕15号"
Say = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class DemoProject:
    code: str
    title: str
    amount: str
    functional: str
    goal: str
    rows: tuple[RowInput, ...]


def _rows(
    count: tuple[str, str, str], benefit: tuple[str, str, str], deadline: str
) -> tuple[RowInput, ...]:
    return (
        RowInput("产出指标", "数量指标", count[0], "定量", "≥", count[1], count[2]),
        RowInput("产出指标", "质量指标", "验收合格率", "定量", "≥", "100", "%"),
        RowInput("产出指标", "时效指标", "项目完成时间", "定性", "", deadline),
        RowInput("效益指标", "社会效益指标", benefit[0], "定量", "≥", benefit[1], benefit[2]),
        RowInput("满意度指标", "服务对象满意度指标", "受益对象满意度", "定量", "≥", "90", "%"),
    )


# The units' approved 2022 projects the bureau picks its key projects from.
PROJECTS = (
    DemoProject(
        "101002", "高标准农田建设", "1200", "农林水支出", "新建高标准农田5000亩，亩均增产10%",
        _rows(("建成高标准农田面积", "5000", "亩"), ("亩均粮食增产", "10", "%"), "11月底前完成"),
    ),
    DemoProject(
        "101003", "义务教育薄弱环节改善", "860", "教育支出", "改造农村学校校舍12所，改善办学条件",
        _rows(("改造校舍学校数", "12", "所"), ("受益学生人数", "6000", "人"), "8月底前完成"),
    ),
    DemoProject(
        "101004", "智慧校园建设", "320", "教育支出", "建成智慧教室40间，实现校园网络全覆盖",
        _rows(("建成智慧教室", "40", "间"), ("智慧教室课时占比", "60", "%"), "9月开学前完成"),
    ),
    DemoProject(
        "101006", "农村饮水安全巩固提升", "540", "农林水支出", "新建改造供水工程30处",
        _rows(("新建改造供水工程", "30", "处"), ("农村自来水普及率", "95", "%"), "10月底前完成"),
    ),
    DemoProject(
        "102001", "老旧小区改造", "760", "城乡社区支出", "改造老旧小区15个，惠及居民4000户",
        _rows(("改造老旧小区", "15", "个"), ("受益居民户数", "4000", "户"), "11月底前完成"),
    ),
    DemoProject(
        "103002", "特困人员供养", "300", "社会保障和就业支出", "保障特困人员基本生活",
        _rows(("供养特困人员", "600", "人"), ("集中供养率", "40", "%"), "按月足额发放"),
    ),
)  # fmt: skip

# (username, name, field, title, employer, code of the employing budget unit)
EXPERTS = (
    ("zj_zhou", "周明远", "农业经济", "教授", "雁川农业大学", ""),
    ("zj_wu", "吴文静", "财务会计", "高级会计师", "雁川市会计学会", ""),
    ("zj_feng", "冯建设", "水利工程", "高级工程师", "雁川水利设计院", ""),
    ("zj_zheng", "郑国华", "教育管理", "高级教师", "雁川市教育局", "101003"),
)
AGENCY = ("雁川正信会计师事务所", "jg_zhengxin", "jg_zhengxin_01", "赵审计")
# A school's 教育局, the forestry institute's 农业农村局 (主管部门).


def _people(unit: Unit) -> tuple[User, User, User]:
    preparer = unit_people(unit=unit, role=Role.PREPARER).first()
    head = unit_people(unit=unit, role=Role.HEAD).first()
    reviewer = region_reviewers(region_id=unit.region_id).first()
    assert preparer is not None and head is not None and reviewer is not None
    return preparer, head, reviewer


def _table(unit: Unit, demo: DemoProject) -> TargetTable:
    found = TargetTable.objects.filter(unit=unit, year=YEAR, kind="project", title=demo.title)
    if found.exists():
        return found.get()
    preparer, head, reviewer = _people(unit)
    table = table_create(unit=unit, year=YEAR, kind="project", title=demo.title, by=preparer)
    line = LineInput(demo.title, Decimal(demo.amount), demo.functional)
    rows = [replace(r, budget_line=1) if r.level2 == "数量指标" else r for r in demo.rows]
    table = table_save(
        table=table,
        goal=demo.goal,
        lines=[line],
        rows=rows,
        lock_version=table.lock_version,
        by=preparer,
    )
    for action, who in (("submit", preparer), ("approve", head), ("accept", reviewer)):
        table_transition(table=table, action=action, by=who)
    table.refresh_from_db()
    return table


def _pool(admin: User) -> tuple[dict[str, User], Agency, User]:
    experts = {}
    for username, name, field, title, employer, code in EXPERTS:
        found = Expert.objects.filter(user__username=username).select_related("user").first()
        if found is None:
            found = expert_create(
                username=username,
                password=DEMO_PASSWORD,
                full_name=name,
                field=field,
                title=title,
                employer=employer,
                employer_unit=Unit.objects.filter(code=code).first() if code else None,
                by=admin,
            )
        experts[username] = found.user
    name, account, staff_name, staff_full = AGENCY
    agency = Agency.objects.filter(name=name).first() or agency_create(
        name=name, username=account, password=DEMO_PASSWORD, contact="赵审计 0731-0000000", by=admin
    )
    staff = User.objects.filter(username=staff_name).first() or agency_staff_create(
        agency=agency, username=staff_name, password=DEMO_PASSWORD, full_name=staff_full, by=admin
    )
    return experts, agency, staff


def _score(
    assignment: Assignment,
    by: User,
    rates: dict[str, str],
    default: str,
    *,
    submit_as: User | None = None,
) -> None:
    entries = []
    for indicator in assignment.project.indicators.order_by("position"):
        rate = Decimal(rates.get(indicator.level3, default))
        points = (indicator.weight * rate).quantize(Decimal("0.01"))
        said = "资料齐全，符合要求" if rate >= Decimal("0.9") else "存在不足，酌情扣分"
        entries.append(ScoreInput(indicator.pk, points, f"{indicator.level3}：{said}"))
    sheet_save(assignment=assignment, entries=entries, by=by)
    sheet_submit(assignment=assignment, by=submit_as or by)


def _finished(
    project: KeyProject, experts: dict[str, User], agency: Agency, staff: User, say: Say
) -> None:
    """林木良种繁育基地建设 evaluated to the end: graded, used, published."""
    _, _, reviewer = _people(project.unit)
    preparer = _people(project.unit)[0]
    zhou = assign(project=project, kind="expert", user=experts["zj_zhou"], by=reviewer)
    wu = assign(project=project, kind="expert", user=experts["zj_wu"], by=reviewer)
    firm = assign(project=project, kind="agency", agency=agency, by=reviewer)
    staff_add(assignment=firm, user=staff, by=User.objects.get(username=AGENCY[1]))
    today = datetime.date.today()
    wanted = request_create(
        project=project, title="项目实施方案及验收资料", due_date=today, by=reviewer
    )
    upload = SimpleUploadedFile("良种基地验收报告.pdf", b"%PDF-1.4\n% demo acceptance report\n")
    request_upload(request=wanted, files=[upload], by=preparer)
    visit_record(
        project=project,
        visited_on=today,
        place="雁川市林木良种繁育基地",
        people="周明远、吴文静、赵审计",
        notes="建成育苗大棚8个，其余12个未开工；苗木供应台账不全",
        by=experts["zj_zhou"],
    )
    survey_record(
        project=project,
        subject="周边林农",
        method="入户问卷",
        sample=86,
        satisfied=55,
        rate=None,
        by=staff,
    )
    rows = project.indicators.exclude(row_key="").order_by("position").values_list("pk", flat=True)
    figures_save(
        project=project,
        budget=Decimal(180),
        executed=Decimal(95),
        actuals=dict(zip(rows, ("8", "80", "9", "62"), strict=False)),
        by=reviewer,
    )
    low = {
        "项目完成数量": "0.5",
        "验收合格率": "0.8",
        "带动就业人数": "0.4",
        "受益对象满意度": "0.7",
    }
    _score(zhou, experts["zj_zhou"], {**low, "资金到位率": "1"}, "0.8")
    _score(wu, experts["zj_wu"], {**low, "资金到位率": "0.5"}, "0.75")
    _score(
        firm,
        staff,
        {**low, "资金到位率": "0.75"},
        "0.7",
        submit_as=User.objects.get(username=AGENCY[1]),
    )
    project_transition(project=project, action="close_scoring", by=reviewer)
    for indicator in project.indicators.all():
        if indicator.level3 == "资金到位率":
            discussion_record(
                indicator=indicator,
                points=Decimal(3),
                reason="省级资金11月才到位，按到位及时性扣1分",
                by=reviewer,
            )
    report_text_save(
        project=project,
        experience="建立了良种繁育技术规程",
        problems="大棚建设严重滞后，20个只建成8个\n苗木供应台账不全，满意度调查样本中满意率仅64%",
        suggestions="制定剩余大棚建设计划，明确完成时限\n健全苗木供应台账，定期回访林农",
        by=reviewer,
    )
    project_transition(project=project, action="issue_draft", by=reviewer)
    feedback_give(
        project=project, agrees=True, text="对评价结论无异议，将按建议整改。", by=preparer
    )
    project_transition(project=project, action="finalize", by=reviewer, comment="单位无异议")
    project_transition(project=project, action="publish", by=reviewer)
    project.refresh_from_db()
    say(
        f"已完成：{project.unit.name}“{project.title}”财政重点绩效评价（{project.score}分，{project.grade}）"
    )


def _under_way(project: KeyProject, experts: dict[str, User], say: Say) -> None:
    """农村饮水安全巩固提升 under way: two experts, one sheet submitted, documents asked for."""
    _, _, reviewer = _people(project.unit)
    feng = assign(project=project, kind="expert", user=experts["zj_feng"], by=reviewer)
    assign(project=project, kind="expert", user=experts["zj_wu"], by=reviewer)
    request_create(
        project=project,
        title="供水工程竣工验收报告",
        due_date=datetime.date.today() + datetime.timedelta(days=14),
        by=reviewer,
    )
    _score(feng, experts["zj_feng"], {}, "0.88")
    say(f"评价中：{project.unit.name}“{project.title}”（1份评分表已提交）")


def build_key_projects(*, say: Say) -> list[Account]:
    """The projects, the pool and the first plan; the pool's accounts, to be listed."""
    admin = User.objects.filter(role=Role.ADMIN).order_by("pk").first()
    units = {u.code: u for u in Unit.objects.all()}
    if admin is None or "101008" not in units:
        return []
    for code, department in DEPARTMENTS:
        if code in units and department in units and units[code].department_id is None:
            Unit.objects.filter(pk=units[code].pk).update(department=units[department])
    tables = {d.title: _table(units[d.code], d) for d in PROJECTS if d.code in units}
    experts, agency, staff = _pool(admin)
    accounts = [
        Account(u.username, "评审专家", f"{u.full_name}（{_field(u)}）") for u in experts.values()
    ]
    accounts.append(Account(AGENCY[1], "第三方机构", agency.name))
    accounts.append(
        Account(staff.username, "第三方机构人员", f"{staff.full_name}（{agency.name}）")
    )
    if Plan.objects.filter(number=PLAN_NUMBER).exists():
        return accounts
    forestry = TargetTable.objects.filter(unit__code="101008", year=YEAR, kind="project").first()
    if forestry is None or forestry.state != State.ACCEPTED:
        return accounts
    plan = plan_create(
        year=YEAR,
        title=f"{YEAR}年度财政重点绩效评价计划（第一批）",
        organizer=BUREAU,
        number=PLAN_NUMBER,
        by=admin,
    )
    first = plan_add(
        plan=plan, table=forestry, reason="上年自评为差，需核实绩效并督促整改", by=admin
    )
    water = plan_add(
        plan=plan, table=tables["农村饮水安全巩固提升"], reason="民生重点项目，资金量大", by=admin
    )
    plan_publish(plan=plan, by=admin)
    first.refresh_from_db()
    water.refresh_from_db()
    _finished(first, experts, agency, staff, say)
    _under_way(water, experts, say)
    return accounts


def _field(user: User) -> str:
    profile = Expert.objects.filter(user=user).first()
    return f"{profile.field}，{profile.employer}" if profile else ""
