"""A figure changed from what the uploaded document states is marked 已修改 everywhere: the
original and the new value, who and when; the audit runs on the new value and keeps the
document's statement as evidence."""

from __future__ import annotations

import copy
import io
from collections.abc import Callable
from decimal import Decimal

from django.test import Client
from openpyxl import load_workbook

from apps.reviews.services import submission_approve, submission_submit
from apps.submissions.amendments import CODE
from apps.submissions.models import Submission
from apps.submissions.services import submission_data_save, submission_refresh
from tests.web.conftest import PASSWORD, World, report_for

Upload = Callable[..., Submission]


def _change(submission: Submission, by: object, **figures: str) -> Submission:
    data = copy.deepcopy(submission.data)
    for path, value in figures.items():
        section, name = path.split("__")
        data[section][name] = value
    return submission_data_save(
        submission=submission,
        data=data,
        lock_version=submission.lock_version,
        by=by,  # type: ignore[arg-type]
    )


def test_a_changed_figure_is_kept_with_the_original_who_and_when(
    world: World, upload: Upload
) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    assert submission.amendments == []
    stated = submission.data["spending"]["personnel"]
    new = str(Decimal(stated) - Decimal("57.38"))
    saved = _change(submission, world.prep_a, spending__personnel=new)

    [amended] = saved.amendments
    assert amended["label"] == "人员经费"
    assert Decimal(amended["stated"]) == Decimal(stated)
    assert Decimal(amended["current"]) == Decimal(new)
    assert amended["by"] == str(world.prep_a)
    assert amended["at"]
    # The audit runs on the new figure: 基本支出 no longer adds up …
    assert "basic-equals-personnel-plus-public" in saved.finding_codes
    # … and the document's statement is kept as the evidence of the change.
    [finding] = [f for f in saved.findings if f["code"] == CODE]
    assert finding["severity"] == "info"
    assert f"原文 {amended['stated']} → 现 {amended['current']}" in finding["message"]
    [evidence] = finding["evidence"]
    text = saved.document.text  # type: ignore[union-attr]
    assert text[evidence["start"] : evidence["end"]] == evidence["quote"]
    assert stated.rstrip("0").rstrip(".") in evidence["quote"]


def test_who_and_when_stay_with_the_change_and_a_figure_put_back_is_no_change(
    world: World, upload: Upload
) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    stated = submission.data["spending"]["personnel"]
    saved = _change(submission, world.prep_a, spending__personnel="1.00")
    first = saved.amendments[0]
    # Another save (another field) and the worker's re-audit keep who and when.
    saved = _change(saved, world.prep_a, three_public__reception="3.50")
    refreshed = submission_refresh(submission=saved)
    by_label = {a["label"]: a for a in refreshed.amendments}
    assert by_label["人员经费"]["at"] == first["at"]
    assert by_label["人员经费"]["by"] == first["by"]
    assert set(by_label) == {"人员经费", "公务接待费"}
    # Putting the document's value back (as typed with other zeros) is no amendment.
    saved = _change(refreshed, world.prep_a, spending__personnel=stated + "0")
    assert [a["label"] for a in saved.amendments] == ["公务接待费"]
    assert CODE in {f["code"] for f in saved.findings}


def test_a_report_typed_in_without_a_document_has_no_amendments(world: World) -> None:
    submission = world.submission(world.a)
    saved = _change(submission, world.prep_a, spending__total="100")
    assert saved.amendments == []


def test_the_reviewer_sees_the_mark_on_the_page_and_in_the_version(
    world: World, upload: Upload
) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    stated = submission.data["spending"]["personnel"]
    saved = _change(submission, world.prep_a, spending__personnel="736.05")
    submission_submit(submission=saved, by=world.prep_a)
    submission_approve(submission=Submission.objects.get(pk=saved.pk), by=world.head_a)
    version = Submission.objects.get(pk=saved.pk).current_version
    assert version is not None and version.amendments == saved.amendments

    client = Client()
    assert client.login(username=world.rev_x.username, password=PASSWORD)
    shown = f"原文 {saved.amendments[0]['stated']} → 现 736.05"
    page = client.get(f"/submissions/{saved.pk}/").content.decode()
    assert "已修改" in page and shown in page
    assert 'id="amended"' in page  # the history lists it with who and when
    assert str(world.prep_a) in page
    # The document's own text is still marked where it says the original figure.
    assert "<mark" in page and stated.rstrip("0").rstrip(".") in page
    version_page = client.get(f"/submissions/{saved.pk}/versions/1/").content.decode()
    assert "与上传文件原文不同的数据（已修改）" in version_page
    assert "736.05" in version_page and saved.amendments[0]["stated"] in version_page


def test_the_campaign_export_lists_each_units_changed_figures(world: World, upload: Upload) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    saved = _change(submission, world.prep_a, spending__personnel="736.05")
    client = Client()
    client.force_login(world.rev_x)
    book = load_workbook(
        io.BytesIO(client.get(f"/campaigns/{world.campaign.pk}/export.xlsx").content)
    )
    rows = list(book["已修改数据"].iter_rows(values_only=True))
    assert rows[0] == ("单位名称", "数据项", "上传文件原文", "现数据", "修改人", "修改时间")
    [(unit, label, stated, current, by, when)] = rows[1:]
    assert (unit, label, current, by) == (world.a.name, "人员经费", "736.05", str(world.prep_a))
    assert stated == saved.amendments[0]["stated"] and when
