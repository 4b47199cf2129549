"""The right document for the right unit: another unit's report, another year's, a 决算说明
in place of the 绩效自评, and stated changes on the year before that last year's data in the
system contradicts, are each a warning shown to the unit and to the reviewer."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client

from apps.campaigns.services import campaign_create
from apps.submissions.models import Submission
from apps.submissions.slot_checks import (
    CHANGE_MISMATCH,
    KIND_MISMATCH,
    UNIT_MISMATCH,
    YEAR_MISMATCH,
    names_differ,
)
from tests.web.conftest import PASSWORD, World, report_for

Upload = Callable[..., Submission]


def _codes(submission: Submission) -> set[str]:
    return {f["code"] for f in submission.findings}


@pytest.mark.parametrize(
    ("stated", "unit", "differ"),
    [
        ("常宁市财政局", "雁川市财政局", True),
        ("雁川市教育局", "雁川市财政局", True),
        ("中共雁川市委办公室", "雁川市委办公室", False),
        ("雁川市财政局", "雁川市财政局机关", False),
        ("乙县民政局", "甲区农业农村局", True),
        ("农业农村局", "甲区农业农村局", False),
        ("雁川市农业农村局", "雁川市科技和工业信息化局", True),
        ("雁川市科工信局", "雁川市科技和工业信息化局", False),
        ("雁川市农业局", "雁川市农业农村局", False),
    ],
)
def test_names_of_another_unit(stated: str, unit: str, differ: bool) -> None:
    assert names_differ(stated, unit) is differ


def test_the_unit_own_name_in_the_text_is_no_mismatch() -> None:
    assert not names_differ("市农业局", "甲区农业农村局", text="甲区农业农村局（原市农业局）……")


def test_another_units_report_is_a_warning_for_the_unit_and_the_reviewer(
    world: World, upload: Upload
) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.b))
    [finding] = [f for f in submission.findings if f["code"] == UNIT_MISMATCH]
    assert finding["severity"] == "warning"
    assert "乙县民政局" in finding["message"] and "甲区农业农村局" in finding["message"]
    assert finding["evidence"][0]["quote"] == "乙县民政局"
    for user in (world.prep_a, world.rev_x):
        client = Client()
        assert client.login(username=user.username, password=PASSWORD)
        page = client.get(f"/submissions/{submission.pk}/").content.decode()
        assert "不是本报送任务的单位“甲区农业农村局”" in page
        assert 'id="slot-warning"' in page  # said at the top, not only in the list


def test_the_units_own_report_of_the_year_raises_nothing(world: World, upload: Upload) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    assert not _codes(submission) & {UNIT_MISMATCH, YEAR_MISMATCH, KIND_MISMATCH}
    client = Client()
    assert client.login(username=world.prep_a.username, password=PASSWORD)
    assert 'id="slot-warning"' not in client.get(f"/submissions/{submission.pk}/").content.decode()


def test_a_report_of_another_year(world: World, upload: Upload) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a, year=2021))
    [finding] = [f for f in submission.findings if f["code"] == YEAR_MISMATCH]
    assert "2021年度" in finding["message"] and "2022年度" in finding["message"]


FINAL_ACCOUNTS = """甲区农业农村局2022年度部门决算说明

一、部门决算情况说明
2022年度收入总计3053.50万元，支出总计3053.50万元。本年支出合计2897.08万元，
其中基本支出831.57万元，项目支出2065.51万元。决算数与预算数相比有所减少。
二、“三公”经费决算情况
2022年“三公”经费支出15.98万元。
"""


def test_a_final_accounts_statement_uploaded_as_the_self_evaluation(
    world: World, upload: Upload
) -> None:
    submission = upload(world.submission(world.a), world.prep_a, FINAL_ACCOUNTS)
    [finding] = [f for f in submission.findings if f["code"] == KIND_MISMATCH]
    assert "决算说明" in finding["message"] and "绩效自评报告" in finding["message"]


def _last_year(world: World, three_public: str) -> Submission:
    earlier = campaign_create(
        year=2021,
        notice_number="甲财绩〔2022〕1号",
        title="2021年度部门整体支出绩效自评",
        deadline=datetime.date(2022, 5, 31),
        units=[world.a],
        by=None,
    )
    last = Submission.objects.get(campaign=earlier, unit=world.a)
    last.data = {**last.data, "three_public": {"total": three_public}}
    last.save(update_fields=["data"])
    return last


_CHANGE = re.compile(
    r"“三公”经费支出(?P<now>[\d.]+)万元，较上年(?P<verb>增加|减少)(?P<by>[\d.]+)万元"
)


def _stated_change(text: str) -> tuple[Decimal, Decimal, str]:
    """This year's 三公, its stated change (signed) and how the text words it."""
    found = _CHANGE.search(text)
    assert found is not None, "the generated report states its 三公 change"
    sign = 1 if found["verb"] == "增加" else -1
    return Decimal(found["now"]), sign * Decimal(found["by"]), found[0].split("，")[1]


def test_a_stated_change_is_checked_against_last_years_data(world: World, upload: Upload) -> None:
    text = report_for(world.a)
    now, change, wording = _stated_change(text)
    wrong = now - change + Decimal("5.00")  # last year's report says 5 more than the text implies
    _last_year(world, three_public=str(wrong))
    submission = upload(world.submission(world.a), world.prep_a, text)
    [finding] = [f for f in submission.findings if f["code"] == CHANGE_MISMATCH]
    assert finding["severity"] == "warning"
    assert wording in finding["message"]
    assert f"2021年度报告的“三公”经费合计为{wrong}万元" in finding["message"]
    actual = now - wrong
    moved = f"{'增加' if actual > 0 else '减少'}{abs(actual):.2f}万元"
    assert f"实际{moved}" in finding["message"]
    assert finding["evidence"][0]["quote"] == f"{abs(change):.2f}万元"


def test_a_stated_change_that_agrees_or_has_nothing_to_compare_raises_nothing(
    world: World, upload: Upload
) -> None:
    text = report_for(world.a)
    submission = upload(world.submission(world.a), world.prep_a, text)
    assert CHANGE_MISMATCH not in _codes(submission)  # no 2021 report in the system
    now, change, _ = _stated_change(text)
    _last_year(world, three_public=str(now - change))
    submission = upload(world.submission(world.a), world.prep_a, text, name="第二次.txt")
    assert CHANGE_MISMATCH not in _codes(submission)
