"""The 基础数据 page: what the unit fills in beside its report gives the report a computed score,
the campaign's ranking uses it, bad input is refused whole, and only the preparer of a draft or
returned report may change it."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from apps.audit.models import AuditAction, AuditEntry
from apps.campaigns.overview import campaign_overview
from apps.errors import Conflict
from apps.reviews.services import submission_transition
from apps.submissions.basic_data import (
    GROUPS,
    BasicDataForm,
    missing_count,
    parse_number,
    sheet_of,
    submission_basic_data_save,
)
from apps.submissions.models import Submission
from apps.submissions.services import submission_data_save
from jixiao.domain.basic_data import FIELDS
from tests.web.conftest import World, report_for

Upload = Callable[..., Submission]

# A complete 基础数据 of a fictional unit, as a preparer types it (万元, %, whole numbers).
COMPLETE = {
    "authorized_staff": "40",
    "actual_staff": "41",
    "three_public_budget": "11",
    "three_public_budget_prev": "13",
    "three_public_actual": "11.33",
    "three_public_actual_prev": "12",
    "public_budget": "80",
    "public_actual": "82",
    "procurement_budget": "400",
    "procurement_actual": "380",
    "carryover": "90",
    "carryover_prev": "120",
    "fixed_assets_in_use": "1140",
    "fixed_assets_total": "1200",
    "key_tasks_assigned": "12",
    "key_tasks_done": "12",
    "key_project_spending": "1530",
    "project_spending": "2000",
    "budget": "3000",
    "budget_completed": "2910",
    "budget_adjustment": "240",
    "payment_progress_actual": "92",
    "payment_progress_planned": "100",
    "tasks_planned": "40",
    "tasks_done": "38",
    "tasks_on_time": "36",
    "tasks_up_to_standard": "38",
    "survey_sample": "400",
    "survey_satisfied": "352",
    "budget-rules__met": "3",
    "fund-compliance__violations": "1",
    "disclosure__met": "2",
    "basic-info__met": "1",
    "asset-rules__met": "2",
    "asset-safety__met": "4",
    "economic-benefit__level": "达成",
    "economic-benefit__score": "2.7",
    "social-benefit__level": "部分达成",
    "social-benefit__score": "3",
    "ecological-benefit__level": "达成",
    "ecological-benefit__score": "2.5",
}


def _url(submission: Submission) -> str:
    return f"/submissions/{submission.pk}/basic-data/"


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(client: Client, submission: Submission, values: dict[str, str], **extra: Any) -> Any:
    body = {"lock_version": str(submission.lock_version), **values, **extra}
    return client.post(_url(submission), body)


@pytest.fixture
def draft(world: World, upload: Upload) -> Submission:
    """Unit A's report read from a generated document: a draft with no 基础数据 yet."""
    return upload(world.submission(world.a), world.prep_a, report_for(world.a))


@pytest.mark.shared
def test_the_seed_gets_a_computed_score_and_the_ranking_uses_it(
    world: World, upload: Upload, seed_text: str
) -> None:
    submission = upload(world.submission(world.a), world.prep_a, seed_text, "seed.txt")
    assert submission.score is None and submission.grade == ""
    assert missing_count(submission.scorecard) == 33
    client = _client(world.prep_a)
    detail = client.get(f"/submissions/{submission.pk}/").content.decode()
    assert "填写基础数据（还缺 33 项）" in detail and _url(submission) in detail
    page = client.get(_url(submission)).content.decode()
    # What the report itself states is shown beside its field (here the seed's 三公 actual).
    stated = submission.scorecard["report_inputs"]["three_public_actual"]["value"]
    assert stated in page.split('id="row-three_public_actual"')[1].split("</tr>")[0]
    assert "评分缺此项" in page and "满足的评价要点数" in page

    # Half filled: still no total, fewer items missing; the ranking falls back to self-scores.
    half = {k: v for k, v in COMPLETE.items() if k in ("authorized_staff", "actual_staff")}
    assert _post(client, submission, half).status_code == 302
    submission.refresh_from_db()
    assert submission.score is None and missing_count(submission.scorecard) == 31
    overview = campaign_overview(campaign=world.campaign, user=world.rev_x)
    assert not overview.scored

    response = _post(client, submission, COMPLETE)
    assert response.status_code == 302
    assert response["Location"] == f"/submissions/{submission.pk}/#scorecard"
    submission.refresh_from_db()
    assert submission.score is not None and submission.grade in ("优", "良", "中", "差")
    assert submission.scorecard["total"] == format(submission.score.normalize(), "f")
    assert missing_count(submission.scorecard) == 0 and submission.scorecard["missing"] == []
    # A report figure typed here is the report's figure (one source): kept in its data.
    assert "three_public_actual" not in submission.basic_data["basic"]
    assert submission.data["three_public"]["total"] == "11.33"
    assert submission.basic_data["judgements"]["economic-benefit"] == {
        "level": "达成",
        "score": "2.7",
    }
    entry = (
        AuditEntry.objects.filter(action=AuditAction.UPDATE, actor=world.prep_a)
        .order_by("-id")
        .first()
    )
    assert entry is not None and entry.summary["score"] == str(submission.score.normalize())
    changed = {c["field"]: c for c in entry.summary["basic_data"]}
    assert "编制数" not in changed  # typed the same as before
    assert changed["在用固定资产总额"] == {
        "field": "在用固定资产总额",
        "before": "",
        "after": "1140万元",
    }

    overview = campaign_overview(campaign=world.campaign, user=world.rev_x)
    assert overview.scored and overview.ranking[0].submission.pk == submission.pk
    board = _client(world.rev_x).get(f"/campaigns/{world.campaign.pk}/").content.decode()
    ranking = board.split('id="ranking"')[1].split("</section>")[0]
    assert world.a.name in ranking and "暂按单位自评得分排序" not in ranking
    assert f"{submission.score.normalize():f}" in ranking or str(submission.score) in ranking


def test_an_edit_of_the_figures_keeps_the_basic_data_in_the_score(
    world: World, draft: Submission
) -> None:
    client = _client(world.prep_a)
    assert _post(client, draft, COMPLETE).status_code == 302
    draft.refresh_from_db()
    scored = draft.score
    assert scored is not None
    data = dict(draft.data)
    data["problems"] = ["会议费偏高"]
    saved = submission_data_save(
        submission=draft, data=data, lock_version=draft.lock_version, by=world.prep_a
    )
    assert saved.score is not None and saved.basic_data == draft.basic_data


def test_invalid_input_keeps_what_was_typed_and_stores_nothing(
    world: World, draft: Submission
) -> None:
    before = (draft.lock_version, draft.basic_data, draft.scorecard)
    audits = AuditEntry.objects.count()
    typed = {
        "authorized_staff": "四十五",
        "actual_staff": "-3",
        "tasks_planned": "12.5",
        "execution_rate": "1200",
        "three_public_budget": "13.5",
        "survey_sample": "100",
        "survey_satisfied": "120",
        "budget-rules__met": "9",
        "economic-benefit__level": "达成",
        "economic-benefit__score": "1",
        "social-benefit__level": "达成",
    }
    response = _post(_client(world.prep_a), draft, typed)
    assert response.status_code == 400
    page = response.content.decode()
    for value in ("四十五", "-3", "12.5", "1200", "13.5", "120"):
        assert f'value="{value}"' in page, value
    for message in (
        "请填写数字，如 45",
        "数量不能为负数",
        "应为整数（单位：项）",
        "比率应在0到1000之间",
        "满意样本数不能多于满意度调查有效样本数",
        "请从列表中选择满足的要点数",
        "“达成”档的得分应在2.4到3分之间",
        "请填写得分",
        "您填写的内容均已保留",
    ):
        assert message in page, message
    draft.refresh_from_db()
    assert (draft.lock_version, draft.basic_data, draft.scorecard) == before
    assert AuditEntry.objects.count() == audits


def test_a_stale_token_is_refused_and_the_typed_values_stay(
    world: World, draft: Submission
) -> None:
    client = _client(world.prep_a)
    page_lock = draft.lock_version
    # Somebody saves first, on the same version.
    submission_basic_data_save(
        submission=draft,
        basic_data={"basic": {"authorized_staff": "50"}, "judgements": {}},
        lock_version=page_lock,
        by=world.prep_a,
    )
    response = client.post(_url(draft), {"lock_version": str(page_lock), "authorized_staff": "45"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "他人已修改了这份报告" in page and 'value="45"' in page
    assert "<del>45人</del>" in page and "<ins>50人</ins>" in page
    draft.refresh_from_db()
    assert draft.basic_data["basic"] == {"authorized_staff": "50"}
    # The form now carries the latest version: saving again is a knowing overwrite.
    assert f'name="lock_version" value="{draft.lock_version}"' in page
    with pytest.raises(Conflict):
        submission_basic_data_save(
            submission=draft,
            basic_data={"basic": {}, "judgements": {}},
            lock_version=page_lock,
            by=world.prep_a,
        )


def test_only_the_units_preparer_may_save_others_read_or_get_404(
    world: World, draft: Submission
) -> None:
    assert _client(world.prep_b).get(_url(draft)).status_code == 404
    assert _post(_client(world.prep_b), draft, {"authorized_staff": "1"}).status_code == 404
    for reader in (world.head_a, world.rev_x, world.admin):
        page = _client(reader).get(_url(draft))
        assert page.status_code == 200
        text = page.content.decode()
        assert "只有本单位的填报人可以填写基础数据" in text and "保存并重新评分" not in text
        assert 'name="authorized_staff"' in text and "disabled" in text
        assert _post(_client(reader), draft, {"authorized_staff": "1"}).status_code == 403
    draft.refresh_from_db()
    assert draft.basic_data == {}
    assert Client().get(_url(draft)).status_code == 302  # the public: to the log-in page


def test_a_submitted_report_cannot_be_changed_and_its_version_keeps_its_basic_data(
    world: World, draft: Submission
) -> None:
    client = _client(world.prep_a)
    assert _post(client, draft, {"authorized_staff": "40"}).status_code == 302
    draft.refresh_from_db()
    submission_transition(submission=draft, action="submit", by=world.prep_a)
    draft.refresh_from_db()
    version = draft.current_version
    assert version is not None and version.basic_data == draft.basic_data
    page = client.get(_url(draft)).content.decode()
    assert "不能修改" in page and "保存并重新评分" not in page
    assert _post(client, draft, {"authorized_staff": "41"}).status_code == 403
    with pytest.raises(Conflict):
        submission_basic_data_save(
            submission=draft,
            basic_data={"basic": {"authorized_staff": "41"}, "judgements": {}},
            lock_version=draft.lock_version,
            by=world.prep_a,
        )
    # Back with the unit after a return: changed again, the submitted version stays as it was.
    submission_transition(submission=draft, action="approve", by=world.head_a)
    submission_transition(submission=draft, action="return", by=world.rev_x, comment="请补充")
    draft.refresh_from_db()
    assert _post(client, draft, {"authorized_staff": "41"}).status_code == 302
    draft.refresh_from_db()
    version.refresh_from_db()
    assert draft.basic_data["basic"]["authorized_staff"] == "41"
    assert version.basic_data["basic"]["authorized_staff"] == "40"


def test_the_groups_hold_every_item_once_and_judgements_come_from_the_framework(
    world: World, draft: Submission
) -> None:
    grouped = [key for _, keys in GROUPS for key in keys]
    assert sorted(grouped) == sorted(f.key for f in FIELDS) and len(grouped) == len(FIELDS)
    form = BasicDataForm(sheet=sheet_of(draft))
    methods = {row.item.id: row.item.method for row in form.judgement_rows()}
    assert methods["budget-rules"] == "checklist"
    assert methods["fund-compliance"] == "violations"
    assert methods["social-benefit"] == "qualitative_band"


def test_a_blank_field_is_missing_not_zero(world: World, draft: Submission) -> None:
    client = _client(world.prep_a)
    assert _post(client, draft, {"authorized_staff": "", "actual_staff": "0"}).status_code == 302
    draft.refresh_from_db()
    assert draft.basic_data["basic"] == {"actual_staff": "0"}


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("１３.５０", "money", Decimal("13.50")),
        ("1,234.5万元", "money", Decimal("1234.5")),
        ("97.5%", "rate", Decimal("97.5")),
        ("45人", "count", Decimal(45)),
        ("45.0", "count", Decimal(45)),
    ],
)
def test_numbers_are_read_as_typed(text: str, kind: str, value: Decimal) -> None:
    assert parse_number(text, kind=kind) == value


@pytest.mark.parametrize(
    ("text", "kind", "message"),
    [
        ("387664.62元", "money", "请以万元为单位填写"),
        ("1e11", "money", "金额过大"),
        ("0.1234567", "money", "最多保留6位小数"),
        ("nan", "rate", "请填写数字"),
        ("Infinity", "count", "请填写数字"),
        ("1000.5", "rate", "比率应在0到1000之间"),
    ],
)
def test_numbers_that_cannot_be_used_are_refused_in_chinese(
    text: str, kind: str, message: str
) -> None:
    from django import forms

    with pytest.raises(forms.ValidationError) as refused:
        parse_number(text, kind=kind)
    assert message in refused.value.messages[0]


def test_a_report_not_yet_read_can_be_given_its_basic_data(world: World) -> None:
    empty = world.submission(world.a)
    assert empty.scorecard is None
    client = _client(world.prep_a)
    page = client.get(_url(empty)).content.decode()
    assert "满足的评价要点数" in page and "未写明" in page
    assert _post(client, empty, {"authorized_staff": "40"}).status_code == 302
    empty.refresh_from_db()
    assert empty.basic_data["basic"] == {"authorized_staff": "40"} and empty.scorecard


def test_a_versions_page_shows_what_changed_in_the_basic_data(
    world: World, draft: Submission
) -> None:
    client = _client(world.prep_a)
    assert _post(client, draft, {"authorized_staff": "40"}).status_code == 302
    for action, user in (("submit", world.prep_a), ("approve", world.head_a)):
        submission_transition(submission=draft, action=action, by=user)
    submission_transition(submission=draft, action="return", by=world.rev_x, comment="编制数有误")
    draft.refresh_from_db()
    assert _post(client, draft, {"authorized_staff": "45", "actual_staff": "44"}).status_code == 302
    draft.refresh_from_db()
    submission_transition(submission=draft, action="resubmit", by=world.prep_a)
    page = _client(world.rev_x).get(f"/submissions/{draft.pk}/versions/2/").content.decode()
    changes = page.split('id="changes"')[1].split("</section>")[0]
    assert "基础数据 · 编制数" in changes and "<del>40人</del>" in changes
    assert "<ins>45人</ins>" in changes and "基础数据 · 在职人数" in changes
