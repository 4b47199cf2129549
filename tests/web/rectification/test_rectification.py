"""Results use: who is put on the rectification list, notices and replies with attachments,
the budget review list, and the year-on-year and peer comparisons."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from apps.errors import IllegalTransition, InvalidInput, NotAllowed
from apps.rectification.comparison import peers, unit_against_peers, unit_years
from apps.rectification.models import Notice, NoticeState, Source
from apps.rectification.selectors import budget_review, candidates
from apps.rectification.services import notice_answer, notice_issue, notice_transition
from apps.submissions.models import State, Submission
from apps.units.models import Unit, UnitKind
from tests.web.conftest import PASSWORD, World

D = Decimal


def _delivered(world: World, unit: Unit, **figures: object) -> Submission:
    submission = world.submission(unit)
    Submission.objects.filter(pk=submission.pk).update(state=State.ACCEPTED, **figures)
    submission.refresh_from_db()
    return submission


def _client(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def _notice(world: World, **kwargs: object) -> Notice:
    values: dict[str, object] = {
        "unit": world.a,
        "year": 2022,
        "source": Source.REPORT,
        "reasons": "评价等级为差",
        "requirements": "限期整改",
        "due_date": datetime.date(2023, 9, 30),
        "by": world.rev_x,
    }
    values.update(kwargs)
    return notice_issue(**values)  # type: ignore[arg-type]


def test_poor_grades_and_serious_findings_put_units_on_the_list(world: World) -> None:
    _delivered(world, world.a, score=D("55.20"), grade="差")
    _delivered(world, world.a2, score=D("88"), grade="良", error_count=4,
               finding_codes=["basic-equals-personnel-plus-public"])  # fmt: skip
    draft = world.submission(world.b)
    Submission.objects.filter(pk=draft.pk).update(grade="差")  # a draft's grade is no result
    found = {c.unit.code: c for c in candidates(user=world.admin, year=2022)}
    assert set(found) == {"A01", "A02"}
    assert found["A01"].reasons == "2022年度绩效评价核算得分55.20分，等级“差”"
    assert "审核发现错误4条（basic-equals-personnel-plus-public）" in found["A02"].reasons
    assert [c.unit.code for c in candidates(user=world.rev_y, year=2022)] == []
    _notice(world, submission=found["A01"].submission, grade="差")
    assert [c.unit.code for c in candidates(user=world.admin, year=2022)] == ["A02"]


def test_without_a_computed_grade_the_units_own_counts(world: World) -> None:
    _delivered(world, world.a, self_score=D("58"), self_grade="差")
    found = candidates(user=world.rev_x, year=2022)
    assert [(c.unit.code, c.grade, c.reasons) for c in found] == [
        ("A01", "差", "2022年度绩效自评得分58.00分，等级“差”")
    ]
    row = next(r for r in budget_review(user=world.rev_x, year=2022) if r.unit == world.a)
    assert (row.report_grade, row.worst) == ("差（自评）", "差")


def test_only_the_regions_reviewer_issues_and_the_unit_answers(world: World) -> None:
    with pytest.raises(NotAllowed):
        _notice(world, by=world.rev_y)
    with pytest.raises(NotAllowed):
        _notice(world, by=world.prep_a)
    with pytest.raises(InvalidInput, match="整改事由和整改要求"):
        _notice(world, reasons=" ")
    notice = _notice(world)
    assert notice.state == NoticeState.SENT and notice.events.get().action == "issue"
    with pytest.raises(NotAllowed, match="只有本单位填报人可以“提交整改反馈”"):
        notice_answer(notice=notice, text="已整改", by=world.prep_b)
    with pytest.raises(InvalidInput, match="请填写整改情况"):
        notice_answer(notice=notice, text="", by=world.prep_a)
    with pytest.raises(IllegalTransition, match="整改通知当前状态为“待整改”，不能“确认整改完成”"):
        notice_transition(notice=notice, action="close", by=world.rev_x)


def test_a_reply_keeps_its_attachments_outside_the_web_root(world: World) -> None:
    notice = _notice(world)
    files = [
        SimpleUploadedFile("整改报告.pdf", b"%PDF-1.4 report"),
        SimpleUploadedFile("照片.png", b"\x89PNG photo"),
    ]
    reply = notice_answer(notice=notice, text="已完成整改", files=files, by=world.prep_a)
    assert notice.state == NoticeState.ANSWERED
    stored = [Path(settings.MEDIA_ROOT) / a.stored_name for a in reply.attachments.all()]
    assert [p.read_bytes() for p in stored] == [b"%PDF-1.4 report", b"\x89PNG photo"]
    assert all(p.parent.name == str(notice.pk) and "整改" not in p.name for p in stored)
    static = Path(settings.BASE_DIR) / "static"
    assert all(static not in p.parents for p in stored)


def test_a_refused_attachment_leaves_no_file_and_no_reply(world: World) -> None:
    notice = _notice(world)
    files = [SimpleUploadedFile("ok.pdf", b"%PDF"), SimpleUploadedFile("run.exe", b"MZ")]
    with pytest.raises(InvalidInput, match=r"“run\.exe”的格式不能作为附件"):
        notice_answer(notice=notice, text="已整改", files=files, by=world.prep_a)
    assert not notice.replies.exists() and notice.state == NoticeState.SENT
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.pdf"))


def test_the_bureau_closes_or_sends_back_with_a_comment(world: World) -> None:
    notice = _notice(world)
    notice_answer(notice=notice, text="已整改", by=world.prep_a)
    with pytest.raises(InvalidInput, match="请填写意见"):
        notice_transition(notice=notice, action="reopen", by=world.rev_x)
    notice_transition(notice=notice, action="reopen", by=world.rev_x, comment="缺少佐证材料")
    assert notice.state == NoticeState.SENT
    notice_answer(notice=notice, text="补充佐证", by=world.prep_a)
    notice_transition(notice=notice, action="close", by=world.rev_x)
    assert notice.state == NoticeState.CLOSED
    actions = list(notice.events.values_list("action", flat=True))
    assert actions == ["issue", "answer", "reopen", "answer", "close"]
    page = _client("prep_a").get(f"/rectification/{notice.pk}/").content.decode()
    assert "缺少佐证材料" in page and 'data-state="closed"' in page


def test_pages_follow_who_may_see_what(world: World) -> None:
    notice = _notice(world)
    assert _client("prep_b").get(f"/rectification/{notice.pk}/").status_code == 404
    assert _client("rev_y").get(f"/rectification/{notice.pk}/").status_code == 404
    assert _client("prep_a").get("/rectification/budget-review/2022/").status_code == 403
    assert _client("prep_a").get("/rectification/peers/2022/").status_code == 403
    assert _client("rev_x").get(f"/rectification/{notice.pk}/answer/").status_code == 302
    assert _client("rev_x").get("/rectification/new/2022/report-999/").status_code == 404


def test_the_budget_review_list_carries_grades_and_advice(world: World) -> None:
    _delivered(world, world.a, score=D("55"), grade="差")
    _delivered(world, world.a2, score=D("93"), grade="优")
    _notice(world)
    rows = {r.unit.code: r for r in budget_review(user=world.admin, year=2022)}
    assert rows["A01"].worst == "差" and "压减" in rows["A01"].advice
    assert len(rows["A01"].open_notices) == 1
    assert rows["A02"].worst == "优" and "优先保障" in rows["A02"].advice
    assert rows["B01"].worst == "" and rows["B01"].advice == "无评价结果，按常规审核"
    csv = _client("admin").get("/rectification/budget-review/2022/?format=csv")
    text = csv.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("单位编码,单位名称")
    assert "A01,甲区农业农村局,行政单位,55.00,差,,待整改," in text


def _peer_units(world: World) -> list[Unit]:
    extra = [
        Unit.objects.create(
            code=f"S0{i}", name=f"甲区第{i}小学", kind=UnitKind.SCHOOL, region=world.x
        )
        for i in range(2, 6)
    ]
    for unit in extra:
        world.campaign.units.add(unit)
        Submission.objects.create(campaign=world.campaign, unit=unit)
    return extra


def test_peers_flag_the_unit_far_from_its_kinds_median(world: World) -> None:
    extra = _peer_units(world)
    # three_public of the five schools: 10 12 11 13 40 → median 12, MAD 1: 40 is flagged
    for unit, amount in zip([world.a2, *extra], ["10", "12", "11", "13", "40"], strict=True):
        Submission.objects.filter(unit=unit).update(state=State.ACCEPTED, three_public=D(amount))
    rows = {r.unit.code: r for r in peers(user=world.admin, year=2022, kind=UnitKind.SCHOOL)}
    three = 3  # the column of “三公”经费
    assert [code for code, r in rows.items() if r.cells[three].flagged] == ["S05"]
    assert "高于同类单位中位数12" in (rows["S05"].cells[three].deviation.note)  # type: ignore[union-attr]
    own = dict(unit_against_peers(unit=extra[-1], year=2022))
    assert own["“三公”经费（万元）"].flagged
    page = _client("rev_x").get("/rectification/peers/2022/?kind=school").content.decode()
    assert 'data-unit="S05" data-flagged="1"' in page


def test_year_on_year_changes_beyond_the_limit_are_flagged(world: World) -> None:
    from apps.campaigns.services import campaign_create

    earlier = campaign_create(
        year=2021, notice_number="甲财绩〔2022〕1号", title="2021年度", units=[world.a],
        deadline=datetime.date(2022, 5, 31), by=None,
    )  # fmt: skip
    Submission.objects.filter(campaign=earlier, unit=world.a).update(
        state=State.PUBLISHED, total=D(1000), three_public=D(10)
    )
    _delivered(world, world.a, total=D(1200), three_public=D(16))
    years, figures, _ = unit_years(unit=world.a)
    assert years == [2021, 2022]
    by_label = {line.label: line for line in figures}
    total, three = by_label["支出合计（万元）"], by_label["“三公”经费（万元）"]
    assert not total.flagged and total.cells[1].deviation.note == "比上年增加20%"  # type: ignore[union-attr]
    assert three.flagged and three.cells[1].deviation.note == "比上年增加60%，超过±50%"  # type: ignore[union-attr]
    page = _client("prep_a").get(f"/rectification/units/{world.a.pk}/comparison/").content.decode()
    assert "比上年增加60%，超过±50%" in page and "同类单位不足，不作比较" in page
    assert Source.REPORT == "report"
