"""The 主管部门 level: a department's pre-reviewer sees its subordinate units' reports and
pre-reviews them (初审: on to the bureau, or back to the unit with comments), and sees
nothing outside its department; 待办/已办 with counts in the header, for every role."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client

from apps.accounts.models import Role, User
from apps.accounts.services import user_create
from apps.errors import IllegalTransition, InvalidInput, NotAllowed
from apps.reviews.services import submission_transition
from apps.reviews.workflow import available
from apps.submissions.models import State, Submission
from apps.units.models import Unit, UnitKind
from tests.web.conftest import PASSWORD, World, report_for

Upload = Callable[..., Submission]


@dataclass
class Dept:
    """甲区第一中学 (a2) under 甲区农业农村局 (a, for the test); a3 in the same region, outside."""

    world: World
    school: Submission
    prep: User
    head: User
    dept: User  # 甲区农业农村局's pre-reviewer
    other_dept: User  # 乙县民政局's pre-reviewer
    a3: Unit


@pytest.fixture
def d(world: World, upload: Upload) -> Dept:
    world.a2.department = world.a
    world.a2.save()
    a3 = Unit.objects.create(
        code="A03", name="甲区水利局", kind=UnitKind.ADMINISTRATIVE, region=world.x
    )
    Submission.objects.create(campaign=world.campaign, unit=a3)

    def make(name: str, role: Role, unit: Unit) -> User:
        return user_create(username=name, password=PASSWORD, role=role, unit=unit)

    prep = make("prep_a2", Role.PREPARER, world.a2)
    school = upload(world.submission(world.a2), prep, report_for(world.a2))
    return Dept(
        world=world,
        school=school,
        prep=prep,
        head=make("head_a2", Role.HEAD, world.a2),
        dept=make("dept_a", Role.DEPARTMENT, world.a),
        other_dept=make("dept_b", Role.DEPARTMENT, world.b),
        a3=a3,
    )


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _to_department(d: Dept) -> None:
    submission_transition(submission=d.school, action="submit", by=d.prep)
    assert [t.action for t in available(d.head, d.school)] == ["approve_dept", "send_back"]
    submission_transition(submission=d.school, action="approve_dept", by=d.head)
    assert d.school.state == State.DEPT_REVIEW


def test_a_subordinate_units_report_goes_through_its_department(d: Dept) -> None:
    _to_department(d)
    # The bureau cannot take it before the department has passed it on.
    with pytest.raises(IllegalTransition, match="主管部门初审中"):
        submission_transition(submission=d.school, action="accept", by=d.world.rev_x)
    assert [t.action for t in available(d.dept, d.school)] == ["dept_pass", "dept_return"]
    assert available(d.world.rev_x, d.school) == []
    event = submission_transition(submission=d.school, action="dept_pass", by=d.dept)
    assert (event.from_state, event.to_state, event.actor) == (
        State.DEPT_REVIEW,
        State.UNDER_REVIEW,
        d.dept,
    )
    assert [t.action for t in available(d.world.rev_x, d.school)] == ["return", "accept"]


def test_the_department_returns_it_to_the_unit_with_comments(d: Dept) -> None:
    _to_department(d)
    with pytest.raises(InvalidInput, match="请填写初审意见"):
        submission_transition(submission=d.school, action="dept_return", by=d.dept, comment=" ")
    page = _client(d.dept).get(f"/reviews/{d.school.pk}/dept_return/comment/").content.decode()
    assert "初审意见" in page and "对数据项的意见" in page
    done = _client(d.dept).post(
        f"/reviews/{d.school.pk}/dept_return/comment/",
        {
            "comment": "请补充学生资助项目的绩效说明",
            "field_0": "problems",
            "field_0_text": "问题未写",
        },
    )
    assert done.status_code == 302
    d.school.refresh_from_db()
    assert d.school.state == State.RETURNED
    for url in (f"/submissions/{d.school.pk}/", f"/submissions/{d.school.pk}/edit/"):
        page = _client(d.prep).get(url).content.decode()
        notice = page.split('id="return-notice"', 1)[1].split("</section>", 1)[0]
        assert "主管部门初审意见" in notice and "请补充学生资助项目的绩效说明" in notice
        assert "问题未写" in notice and "初审退回单位修改" in notice
    # Sent again: the head, then the department again, then the bureau (for the first time).
    submission_transition(submission=d.school, action="resubmit", by=d.prep)
    assert d.school.state == State.SUBMITTED
    submission_transition(submission=d.school, action="approve_dept", by=d.head)
    event = submission_transition(submission=d.school, action="dept_pass", by=d.dept)
    assert event.to_state == State.UNDER_REVIEW


@pytest.mark.parametrize(
    ("action", "who"),
    [
        ("dept_pass", "other_dept"),  # another department's pre-reviewer
        ("dept_pass", "head"),
        ("dept_pass", "rev_x"),
        ("dept_return", "prep"),
        ("dept_return", "other_dept"),
    ],
)
def test_only_the_units_department_pre_reviews(d: Dept, action: str, who: str) -> None:
    _to_department(d)
    user = getattr(d, who, None) or getattr(d.world, who)
    with pytest.raises(NotAllowed, match="只有本单位的主管部门审核人可以"):
        submission_transition(submission=d.school, action=action, by=user, comment="意见")
    d.school.refresh_from_db()
    assert d.school.state == State.DEPT_REVIEW


def test_heads_take_the_path_their_unit_has(d: Dept, world: World, upload: Upload) -> None:
    submission_transition(submission=d.school, action="submit", by=d.prep)
    with pytest.raises(NotAllowed, match="单位无主管部门时"):
        submission_transition(submission=d.school, action="approve", by=d.head)
    own = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    submission_transition(submission=own, action="submit", by=world.prep_a)
    with pytest.raises(NotAllowed, match="单位有主管部门时"):
        submission_transition(submission=own, action="approve_dept", by=world.head_a)


def test_the_department_sees_its_units_and_nothing_else(d: Dept, world: World) -> None:
    client = _client(d.dept)
    own = world.submission(world.a)
    outside = [world.submission(world.b), world.submission(d.a3)]
    assert client.get(f"/submissions/{d.school.pk}/").status_code == 200
    assert client.get(f"/submissions/{own.pk}/").status_code == 200
    for submission in outside:
        assert client.get(f"/submissions/{submission.pk}/").status_code == 404
    response = client.get("/units/")
    assert response.status_code == 200, response
    units = response.content.decode()
    assert world.a2.name in units and world.a.name in units
    assert world.b.name not in units and d.a3.name not in units
    campaign = client.get(f"/campaigns/{world.campaign.pk}/").content.decode()
    assert world.a2.name in campaign and d.a3.name not in campaign
    assert "导出 Excel" not in campaign and "批量导入报告" not in campaign  # the bureau's
    # The API asks the same policy: its list and its reports.
    listed = client.get("/api/submissions").json()["items"]
    assert {item["unit"]["name"] for item in listed} == {world.a.name, world.a2.name}
    assert client.get(f"/api/submissions/{d.school.pk}").status_code == 200
    for submission in outside:
        assert client.get(f"/api/submissions/{submission.pk}").status_code == 404
    # Another department's pre-reviewer sees neither.
    assert _client(d.other_dept).get(f"/submissions/{d.school.pk}/").status_code == 404
    # A department account needs its unit.
    with pytest.raises(InvalidInput, match="主管部门审核人必须指定所属单位"):
        user_create(username="nobody", password=PASSWORD, role=Role.DEPARTMENT)


def _count(page: str, which: str) -> int:
    found = re.search(rf'id="{which}-count">(\d+)<', page)
    assert found is not None, which
    return int(found.group(1))


def test_todo_and_done_with_counts_in_the_header(d: Dept, world: World) -> None:
    _to_department(d)
    department = _client(d.dept)
    home = department.get("/").content.decode()
    assert _count(home, "todo") == 1 and _count(home, "done") == 0
    assert d.school.unit.name in home.split("等待我处理的报告", 1)[1]
    submission_transition(submission=d.school, action="dept_pass", by=d.dept)
    home = department.get("/").content.decode()
    assert _count(home, "todo") == 0 and _count(home, "done") == 1
    done = department.get("/reviews/work/").content.decode()
    listing = done.split('id="done"', 1)[1]
    assert d.school.unit.name in listing and "主管部门初审中 → 财政审核中" in listing
    # The reviewer's 待办 now holds it; the head's 已办 holds the approval.
    assert _count(_client(world.rev_x).get("/").content.decode(), "todo") == 1
    head_done = _client(d.head).get("/reviews/work/").content.decode()
    assert "待负责人审核 → 主管部门初审中" in head_done
    # Every role has both pages.
    for user in (world.prep_a, world.head_a, world.rev_x, world.admin, d.prep, d.other_dept):
        client = _client(user)
        for url in ("/", "/reviews/work/"):
            page = client.get(url)
            assert page.status_code == 200, (user, url)
            body = page.content.decode()
            assert _count(body, "todo") >= 0 and _count(body, "done") >= 0
