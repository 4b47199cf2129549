"""One source of truth per figure: a report figure typed on the 基础数据 page is the report's
own (修改数据 shows it, the score, the overview and the exports read it); the scores are
named by who gave them (单位自评 / 财政核算 / 财政评定) the same everywhere."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from decimal import Decimal

from django.test import Client
from openpyxl import load_workbook

from apps.campaigns.overview import campaign_overview
from apps.publications.export import COLUMNS
from apps.reviews.services import (
    submission_accept,
    submission_approve,
    submission_publish,
    submission_submit,
)
from apps.submissions.models import Submission
from apps.submissions.services import submission_data_save
from tests.web.conftest import World, report_for
from tests.web.submissions.test_basic_data import COMPLETE

Upload = Callable[..., Submission]


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _row(page: str, key: str) -> str:
    return page.split(f'id="row-{key}"')[1].split("</tr>", maxsplit=1)[0]


def test_a_figure_typed_on_the_basic_data_page_is_the_reports_own(world: World) -> None:
    submission = world.submission(world.a)  # filled in by hand: no document
    client = _client(world.prep_a)
    response = client.post(
        f"/submissions/{submission.pk}/basic-data/",
        {
            "lock_version": str(submission.lock_version),
            "budget": "3000",
            "budget_completed": "2850",
        },
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.data["budget"]["adjusted"] == "3000"
    assert submission.data["budget"]["executed"] == "2850"
    assert "budget" not in submission.basic_data["basic"]
    # 修改数据 shows the same figure in its own field …
    edit = client.get(f"/submissions/{submission.pk}/edit/").content.decode()
    assert 'name="budget__adjusted"' in edit and 'value="3000"' in edit
    # … the overview's 执行率 follows (2850 / 3000) …
    assert submission.execution_rate == Decimal("95.00")
    [row] = [
        r
        for r in campaign_overview(campaign=world.campaign, user=world.rev_x).rows
        if r.submission.pk == submission.pk
    ]
    assert row.submission.execution_rate == Decimal("95.00")
    # … and the 基础数据 page shows it, named as 修改数据 names it.
    page = client.get(f"/submissions/{submission.pk}/basic-data/").content.decode()
    assert 'value="3000"' in _row(page, "budget") and "全年预算数" in _row(page, "budget")
    assert "与“修改数据”页是同一数字" in _row(page, "budget")


def test_a_figure_changed_on_the_edit_page_is_the_one_the_basic_data_page_shows(
    world: World, upload: Upload
) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    data = dict(submission.data)
    data["budget"] = {**data["budget"], "adjusted": "3100.00"}
    submission_data_save(
        submission=submission, data=data, lock_version=submission.lock_version, by=world.prep_a
    )
    page = _client(world.prep_a).get(f"/submissions/{submission.pk}/basic-data/")
    assert 'value="3100.00"' in _row(page.content.decode(), "budget")


def test_emptying_a_report_figure_on_the_basic_data_page_empties_it(
    world: World, upload: Upload
) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    assert submission.data["budget"]["initial"]
    response = _client(world.prep_a).post(
        f"/submissions/{submission.pk}/basic-data/",
        {"lock_version": str(submission.lock_version), "budget_initial": ""},
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.data["budget"]["initial"] is None
    assert submission.data["budget"]["adjusted"]  # not sent by the form: left as it was


def test_scores_are_named_by_who_gave_them_on_pages_and_exports(
    world: World, upload: Upload
) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    preparer = _client(world.prep_a)
    body = {"lock_version": str(submission.lock_version), **COMPLETE}
    assert preparer.post(f"/submissions/{submission.pk}/basic-data/", body).status_code == 302
    submission.refresh_from_db()
    assert submission.score is not None
    computed = f"{submission.score:.2f}".rstrip("0").rstrip(".")
    detail = preparer.get(f"/submissions/{submission.pk}/").content.decode()
    scores = detail.split('id="scores"')[1].split("</table>")[0]
    assert "单位自评" in scores and "财政核算" in scores and "财政评定" not in scores
    assert "91.3" in scores and computed in scores  # the unit's own, and jixiao's

    submission_submit(submission=submission, by=world.prep_a)
    submission_approve(submission=Submission.objects.get(pk=submission.pk), by=world.head_a)
    reason = "基础数据中的预算数与报告不同，已核实"  # its figures now have errors: a reason
    submission_accept(
        submission=Submission.objects.get(pk=submission.pk), by=world.rev_x, comment=reason
    )
    reviewer = _client(world.rev_x)
    detail = reviewer.get(f"/submissions/{submission.pk}/").content.decode()
    assessed = detail.split('id="scores"')[1].split("</table>")[0].split("财政评定")[1]
    assert computed in assessed and submission.grade in assessed

    workbook = load_workbook(
        io.BytesIO(reviewer.get(f"/campaigns/{world.campaign.pk}/export.xlsx").content)
    )
    header = [c.value for c in workbook["单位情况"][1]]
    for name in ("单位自评得分", "单位自评等级", "财政核算得分", "财政核算等级", "财政评定得分"):
        assert name in header
    assert "评分" not in header and "自评得分" not in header
    [line] = [
        dict(zip(header, (c.value for c in row), strict=True))
        for row in workbook["单位情况"].iter_rows(min_row=2)
        if row[1].value == world.a.name
    ]
    assert Decimal(str(line["单位自评得分"])) == Decimal("91.3")
    assert Decimal(str(line["财政评定得分"])) == submission.score
    assert line["财政评定等级"] == line["财政核算等级"] == submission.grade

    submission_publish(
        submission=Submission.objects.get(pk=submission.pk),
        by=world.rev_x,
        comment=reason,
        confirmed=True,
    )
    labels = [label for _, label in COLUMNS]
    assert "财政评定得分" in labels and "单位自评得分（百分制）" in labels
    body = (
        Client().get(f"/public/campaigns/{world.campaign.pk}/data.csv").content.decode("utf-8-sig")
    )
    header_row = next(csv.reader(io.StringIO(body)))
    assert "财政评定等级" in header_row and "评分" not in header_row
