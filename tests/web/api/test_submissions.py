"""A report through the API: read with an ETag, replace the data with If-Match (412 when
stale, 428 without), findings and scorecard, the workflow, versions, downloads."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from openpyxl import load_workbook

from apps.audit.models import AuditAction, AuditEntry
from apps.submissions import engine
from apps.submissions.models import State, Submission
from apps.units.models import Unit
from tests.web.api.conftest import JsonClient, error_of
from tests.web.conftest import World, report_for

Drive = Callable[[Unit, State], Submission]


def _url(submission: Submission, tail: str = "") -> str:
    return f"/api/submissions/{submission.pk}{tail}"


def test_reads_carry_the_lock_version_as_etag_and_answer_304(world: World, drive: Drive) -> None:
    submission = drive(world.a, State.DRAFT)
    client = JsonClient(world.prep_a)
    for tail in ("", "/data", "/findings", "/scorecard"):
        response = client.get(_url(submission, tail))
        assert response.status_code == 200
        assert response["ETag"] == f'"s{submission.pk}-{submission.lock_version}"'
        again = client.get(_url(submission, tail), **{"If-None-Match": response["ETag"]})
        assert again.status_code == 304 and again.content == b""


def test_replace_the_data_then_a_stale_write_gets_412(world: World, drive: Drive) -> None:
    submission = drive(world.a, State.DRAFT)
    client = JsonClient(world.prep_a)
    read = client.get(_url(submission, "/data"))
    etag, data = read["ETag"], read.json()["data"]
    data["three_public"]["reception"] = "1.50"
    data["problems"] = ["会议费支出偏高"]
    saved = client.put(_url(submission, "/data"), data, **{"If-Match": etag})
    assert saved.status_code == 200, saved.content
    assert saved["ETag"] != etag
    assert saved.json()["data"]["three_public"]["reception"] == "1.50"
    submission.refresh_from_db()
    assert submission.data["problems"] == ["会议费支出偏高"]
    # Somebody else's page was built on the old version: refused, nothing changes.
    data["problems"] = ["另一人的修改"]
    stale = client.put(_url(submission, "/data"), data, **{"If-Match": etag})
    error = error_of(stale, 412)
    assert error["code"] == "precondition_failed"
    assert error["details"]["current_etag"] == saved["ETag"]
    submission.refresh_from_db()
    assert submission.data["problems"] == ["会议费支出偏高"]
    change = AuditEntry.objects.filter(action=AuditAction.UPDATE, actor=world.prep_a).get()
    assert any(c["field"] == "公务接待费" for c in change.summary["changes"])


def test_a_write_without_if_match_gets_428(world: World) -> None:
    submission = world.submission(world.a)
    response = JsonClient(world.prep_a).put(_url(submission, "/data"), {})
    assert error_of(response, 428)["code"] == "precondition_required"


def test_the_data_is_audited_again_after_a_change(world: World, drive: Drive) -> None:
    submission = drive(world.a, State.DRAFT)
    client = JsonClient(world.prep_a)
    read = client.get(_url(submission, "/data"))
    data = read.json()["data"]
    assert client.get(_url(submission, "/findings")).json()["errors"] == 0
    data["spending"]["basic"] = "1.00"  # no longer personnel + public
    client.put(_url(submission, "/data"), data, **{"If-Match": read["ETag"]})
    findings = client.get(_url(submission, "/findings")).json()
    assert findings["errors"] >= 1
    assert "basic-equals-personnel-plus-public" in {f["code"] for f in findings["findings"]}


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("-5", "大于或等于0"),
        ("1e400", "小于或等于"),
        ("1000000000000000000000000000000", "小于或等于"),
        ("NaN", "请填写数字"),
        ("Infinity", "请填写数字"),
        ("abc", "请填写数字"),
        (1e300, "小于或等于"),
    ],
)
def test_absurd_figures_are_refused_in_chinese_and_nothing_is_saved(
    world: World, value: Any, words: str
) -> None:
    submission = world.submission(world.a)
    before = (submission.lock_version, dict(submission.data))
    response = JsonClient(world.prep_a).put(
        _url(submission, "/data"), {"spending": {"total": value}}, **{"If-Match": "*"}
    )
    error = error_of(response, 422)
    assert error["code"] == "invalid_data"
    assert error["details"][0]["location"] == "body.spending.total"
    assert words in error["details"][0]["message"]
    submission.refresh_from_db()
    assert (submission.lock_version, submission.data) == before


def test_json_nan_and_infinity_literals_are_refused(world: World) -> None:
    submission = world.submission(world.a)
    client = JsonClient(world.prep_a)
    for literal in ("NaN", "Infinity", "-Infinity", "1e400"):
        response = client.client.put(
            _url(submission, "/data"),
            data=f'{{"self_score": {literal}}}',
            content_type="application/json",
            headers={"If-Match": "*"},
        )
        error = error_of(response, 422)
        assert error["details"][0]["location"] == "body.self_score"


def test_a_self_score_over_100_and_a_functional_line_without_amount(world: World) -> None:
    submission = world.submission(world.a)
    body = {"self_score": "101", "spending": {"functional": [{"stated_name": "教育支出"}]}}
    response = JsonClient(world.prep_a).put(_url(submission, "/data"), body, **{"If-Match": "*"})
    locations = {d["location"]: d["message"] for d in error_of(response, 422)["details"]}
    assert "0到100" in locations["body.self_score"]
    assert "金额" in locations["body.spending.functional.0.amount"]


def test_the_whole_workflow_through_the_api(world: World, drive: Drive) -> None:
    submission = drive(world.a, State.DRAFT)
    steps = [
        (world.prep_a, {"action": "submit"}, State.SUBMITTED),
        (world.head_a, {"action": "approve"}, State.UNDER_REVIEW),
        (
            world.rev_x,
            {
                "action": "return",
                "comments": [
                    {
                        "target": "field",
                        "key": "spending.total",
                        "label": "支出合计",
                        "text": "请核对",
                    }
                ],
            },
            State.RETURNED,
        ),
        (world.prep_a, {"action": "resubmit"}, State.SUBMITTED),
        (world.head_a, {"action": "approve"}, State.RESUBMITTED),  # through the head again
        (world.rev_x, {"action": "accept"}, State.ACCEPTED),
        (world.rev_x, {"action": "publish"}, State.PUBLISHED),
    ]
    for user, body, state in steps:
        client = JsonClient(user)
        etag = client.get(_url(submission)).get("ETag")
        response = client.post(_url(submission, "/transitions"), body, **{"If-Match": etag})
        assert response.status_code == 201, response.content
        assert response.json()["to_state"] == state
        assert response["ETag"] != etag
    events = JsonClient(world.prep_a).get(_url(submission, "/events")).json()
    assert [e["action"] for e in events] == [b["action"] for _, b, _ in steps]
    assert events[2]["comments"][0]["key"] == "spending.total"
    versions = JsonClient(world.rev_x).get(_url(submission, "/versions")).json()
    assert [v["number"] for v in versions] == [1, 2]
    published = JsonClient().get("/api/public/reports").json()
    assert [r["unit"]["code"] for r in published["items"]] == ["A01"]


def test_a_step_with_a_stale_etag_gets_412_and_nothing_moves(world: World, drive: Drive) -> None:
    submission = drive(world.a, State.DRAFT)
    client = JsonClient(world.prep_a)
    response = client.post(
        _url(submission, "/transitions"), {"action": "submit"}, **{"If-Match": '"s1-0"'}
    )
    error_of(response, 412)
    submission.refresh_from_db()
    assert submission.state == State.DRAFT and not submission.events.exists()


def test_a_step_the_user_may_not_take_is_403_and_one_the_state_forbids_409(
    world: World, drive: Drive
) -> None:
    submission = drive(world.a, State.DRAFT)
    refused = JsonClient(world.head_a).post(_url(submission, "/transitions"), {"action": "submit"})
    assert error_of(refused, 403)["code"] == "forbidden"
    illegal = JsonClient(world.rev_x).post(_url(submission, "/transitions"), {"action": "publish"})
    assert error_of(illegal, 409)["code"] == "illegal_transition"
    no_comment = JsonClient(world.head_a)
    drive_submit = JsonClient(world.prep_a).post(
        _url(submission, "/transitions"), {"action": "submit"}
    )
    assert drive_submit.status_code == 201
    response = no_comment.post(_url(submission, "/transitions"), {"action": "send_back"})
    assert "退回意见" in error_of(response, 400)["message"]


def test_nobody_changes_a_published_report(world: World, drive: Drive) -> None:
    submission = drive(world.a, State.PUBLISHED)
    version = submission.current_version
    assert version is not None
    frozen = (version.data, version.findings)
    for user in (world.prep_a, world.head_a, world.rev_x, world.admin):
        client = JsonClient(user)
        put = client.put(_url(submission, "/data"), {"problems": ["改"]}, **{"If-Match": "*"})
        assert put.status_code in (403, 409)
        error_of(put)
        upload = client.upload(
            _url(submission, "/documents"), "新.txt", report_for(world.a).encode()
        )
        assert upload.status_code in (403, 409)
        for action in ("submit", "return", "accept", "publish", "resubmit"):
            step = client.post(_url(submission, "/transitions"), {"action": action, "comment": "x"})
            assert step.status_code in (403, 409), (user, action)
    version.refresh_from_db()
    assert (version.data, version.findings) == frozen
    submission.refresh_from_db()
    assert submission.state == State.PUBLISHED


def test_versions_and_their_changes(world: World, drive: Drive) -> None:
    submission = drive(world.a, State.RETURNED)
    client = JsonClient(world.prep_a)
    read = client.get(_url(submission, "/data"))
    data = read.json()["data"]
    data["spending"]["project"] = "1.00"
    client.put(_url(submission, "/data"), data, **{"If-Match": read["ETag"]})
    client.post(_url(submission, "/transitions"), {"action": "resubmit"})
    second = client.get(_url(submission, "/versions/2"))
    assert second.status_code == 200 and second["ETag"] == f'"s{submission.pk}-v2"'
    assert second.json()["data"]["spending"]["project"] == "1.00"
    changes = client.get(_url(submission, "/versions/2/changes")).json()
    assert {"label": "项目支出", "after": "1"}.items() <= changes[0].items()
    assert client.get(_url(submission, "/versions/1/changes")).json() == []
    error_of(client.get(_url(submission, "/versions/3")), 404)


def downloaded(client: JsonClient, url: str, capture: Callable[..., Any]) -> Any:
    """Ask for a generated file (202: the worker writes it when the request commits, at once
    with the ImmediateBackend), then fetch it; test_render_api.py checks the 202 itself."""
    with capture(execute=True):
        asked = client.get(url)
    assert asked.status_code == 202, asked.content[:300]
    return client.get(url)


@pytest.mark.skipif(not engine.render_available(), reason="jixiao.render is not available")
@pytest.mark.parametrize("fmt", sorted(engine.RENDER_FORMATS))
def test_report_downloads(
    world: World, drive: Drive, fmt: str, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    submission = drive(world.a, State.DRAFT)
    url = _url(submission, f"/report/{fmt}")
    response = downloaded(JsonClient(world.rev_x), url, django_capture_on_commit_callbacks)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == engine.RENDER_FORMATS[fmt][1]
    assert "attachment" in response["Content-Disposition"]
    magic = {"pdf": b"%PDF-", "docx": b"PK", "xlsx": b"PK"}[fmt]
    assert b"".join(response.streaming_content).startswith(magic)
    error_of(JsonClient(world.prep_b).get(_url(submission, f"/report/{fmt}")), 404)


@pytest.mark.skipif(not engine.render_available(), reason="jixiao.render is not available")
def test_the_self_evaluation_xlsx_runs_no_formula_a_unit_typed(
    world: World, drive: Drive, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    submission = drive(world.a, State.DRAFT)
    client = JsonClient(world.prep_a)
    read = client.get(_url(submission, "/data"))
    data = read.json()["data"]
    data["problems"] = ["=cmd|' /C calc'!A0", "+1+1", "@SUM(A1:A2)", "-2+3"]
    data["grade"] = "=1+1"
    saved = client.put(_url(submission, "/data"), data, **{"If-Match": read["ETag"]})
    assert saved.status_code == 200, saved.content
    response = downloaded(
        client, _url(submission, "/report/xlsx"), django_capture_on_commit_callbacks
    )
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    texts = [
        str(cell.value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
    ]
    assert any("cmd|" in text for text in texts)  # the text is there, as text
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "@")), cell.value


def test_covering_a_unit_creates_its_report_and_a_started_one_stays(
    world: World, drive: Drive
) -> None:
    from apps.units.models import UnitKind

    drive(world.a, State.DRAFT)
    new = Unit.objects.create(code="N01", name="新设单位", kind=UnitKind.OTHER, region=world.x)
    client = JsonClient(world.admin)
    url = f"/api/campaigns/{world.campaign.pk}/units"
    response = client.put(url, {"unit_ids": [world.a.pk, world.a2.pk, world.b.pk, new.pk]})
    assert response.status_code == 200 and response.json()["report_count"] == 4
    assert Submission.objects.filter(campaign=world.campaign, unit=new, state=State.DRAFT).exists()
    dropped = client.put(url, {"unit_ids": [world.a2.pk]})  # A has started its report
    assert "已开始填报" in error_of(dropped, 409)["message"]
    assert Submission.objects.filter(campaign=world.campaign).count() == 4
    error_of(JsonClient(world.rev_x).put(url, {"unit_ids": [world.a.pk]}), 403)
