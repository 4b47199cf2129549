"""A report's 基础数据 through the API: read with its ETag, replace with If-Match (412 when stale,
428 without), refused whole with each item's Chinese message, and only by the unit's preparer
while the report is a draft or back with the unit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from apps.audit.models import AuditAction, AuditEntry
from apps.submissions.basic_data import shared_values
from apps.submissions.models import State, Submission
from apps.units.models import Unit
from tests.web.api.conftest import JsonClient, error_of, stored_state
from tests.web.api.test_openapi import openapi
from tests.web.conftest import World

Drive = Callable[[Unit, State], Submission]

BASIC = {
    "authorized_staff": "40",
    "actual_staff": 41,
    "three_public_budget": "11",
    "three_public_budget_prev": "13",
    "three_public_actual": "11.33",
    "public_budget": "80",
    "public_actual": "82",
    "procurement_budget": "400",
    "procurement_actual": "380",
    "carryover": "90",
    "carryover_prev": "120",
    "fixed_assets_in_use": "1140",
    "fixed_assets_total": "1200",
    "key_tasks_assigned": 12,
    "key_tasks_done": 12,
    "key_project_spending": "1530",
    "project_spending": "2000",
    "budget": "3000",
    "budget_completed": "2910",
    "budget_adjustment": "240",
    "payment_progress_actual": "92",
    "payment_progress_planned": "100",
    "tasks_planned": 40,
    "tasks_done": 38,
    "tasks_on_time": 36,
    "tasks_up_to_standard": 38,
    "survey_sample": 400,
    "survey_satisfied": 352,
}
JUDGEMENTS = {
    "budget-rules": {"met": 3},
    "fund-compliance": {"violations": 0},
    "disclosure": {"met": 2},
    "basic-info": {"met": 2},
    "asset-rules": {"met": 3},
    "asset-safety": {"met": 5},
    "economic-benefit": {"level": "达成", "score": "2.7"},
    "social-benefit": {"level": "部分达成", "score": "3"},
    "ecological-benefit": {"level": "达成", "score": "2.5"},
}


def _url(submission: Submission) -> str:
    return f"/api/submissions/{submission.pk}/basic-data"


def test_the_endpoint_is_documented_with_every_item_and_its_label(db: None) -> None:
    document = openapi()
    operations = document["paths"]["/api/submissions/{pk}/basic-data"]
    assert set(operations) == {"get", "put"}
    assert "If-Match" in operations["put"]["summary"]
    properties = document["components"]["schemas"]["BasicIn"]["properties"]
    assert properties["authorized_staff"]["description"] == "编制数（人）"
    assert properties["three_public_budget"]["description"] == "本年“三公”经费预算数（万元）"


def test_read_then_replace_computes_the_score_and_a_stale_write_gets_412(
    world: World, drive: Drive
) -> None:
    submission = drive(world.a, State.DRAFT)
    client = JsonClient(world.prep_a)
    read = client.get(_url(submission))
    assert read.status_code == 200
    etag, body = read["ETag"], read.json()
    assert etag == f'"s{submission.pk}-{submission.lock_version}"'
    assert client.get(_url(submission), **{"If-None-Match": etag}).status_code == 304
    # Nothing typed yet: the items read are the report's own figures (kept once, in its data).
    assert body["basic"] == shared_values(submission.data) and body["basic"]["budget"]
    assert body["score"] is None and body["framework"]
    assert {m["key"] for m in body["missing"]} >= {"authorized_staff", "judgement:budget-rules"}
    assert body["report_states"]["project_spending"]  # the generated report states it
    methods = {item["id"]: item["method"] for item in body["judgement_items"]}
    assert methods["economic-benefit"] == "qualitative_band"

    payload = {"basic": BASIC, "judgements": JUDGEMENTS}
    saved = client.put(_url(submission), payload, **{"If-Match": etag})
    assert saved.status_code == 200, saved.content
    result = saved.json()
    assert saved["ETag"] != etag
    assert result["score"] is not None and result["grade"] in ("优", "良", "中", "差")
    assert result["missing"] == []
    assert result["basic"]["actual_staff"] == "41" and result["basic"]["carryover"] == "90"
    assert result["judgements"]["economic-benefit"] == {"level": "达成", "score": "2.7"}
    submission.refresh_from_db()
    assert submission.score is not None and submission.data["budget"]["adjusted"] == "3000"
    assert "budget" not in submission.basic_data["basic"]  # one source: the report's data
    assert result["basic"]["budget"] == "3000"
    assert AuditEntry.objects.filter(action=AuditAction.UPDATE, actor=world.prep_a).exists()

    stale = client.put(_url(submission), {"basic": {"authorized_staff": "1"}}, **{"If-Match": etag})
    error = error_of(stale, 412)
    assert error["details"]["current_etag"] == saved["ETag"]
    submission.refresh_from_db()
    assert submission.basic_data["basic"]["authorized_staff"] == "40"


def test_a_write_without_if_match_gets_428(world: World, drive: Drive) -> None:
    submission = drive(world.a, State.DRAFT)
    response = JsonClient(world.prep_a).put(_url(submission), {"basic": {}})
    assert error_of(response, 428)["code"] == "precondition_required"


def test_bad_values_are_refused_whole_with_each_place_in_chinese(
    world: World, drive: Drive
) -> None:
    submission = drive(world.a, State.DRAFT)
    before = stored_state()
    payload = {
        "basic": {
            "authorized_staff": "四十",
            "actual_staff": -1,
            "execution_rate": "1200",
            "tasks_planned": 1.5,
            "survey_sample": "nan",
            "budget": "13.5",
        },
        "judgements": {
            "budget-rules": {"met": 9},
            "economic-benefit": {"level": "达成", "score": "1"},
            "fund-compliance": {"met": 1},
            "no-such-indicator": {"met": 1},
        },
    }
    response = JsonClient(world.prep_a).put(_url(submission), payload, **{"If-Match": "*"})
    error = error_of(response, 422)
    assert error["code"] == "invalid_basic_data"
    places = {d["location"]: d["message"] for d in error["details"]}
    assert places["body.basic.authorized_staff"] == "请填写数字，如 45"
    assert places["body.basic.actual_staff"] == "数量不能为负数"
    assert "0到1000" in places["body.basic.execution_rate"]
    assert "整数" in places["body.basic.tasks_planned"]
    assert "请填写数字" in places["body.basic.survey_sample"]
    assert "body.basic.budget" not in places
    assert "请从列表中选择" in places["body.judgements.budget-rules.met"]
    assert "2.4到3分" in places["body.judgements.economic-benefit.score"]
    assert "violations" in places["body.judgements.fund-compliance.met"]
    assert "不是本指标体系" in places["body.judgements.no-such-indicator"]
    assert stored_state() == before


def test_an_unknown_item_or_a_wrong_level_is_a_422(world: World, drive: Drive) -> None:
    submission = drive(world.a, State.DRAFT)
    client = JsonClient(world.prep_a)
    for payload in (
        {"basic": {"staff": "40"}},
        {"basic": {}, "extra": 1},
        {"judgements": {"economic-benefit": {"level": "优秀"}}},
        {"basic": {"authorized_staff": {"value": 1}}},
    ):
        response = client.put(_url(submission), payload, **{"If-Match": "*"})
        assert response.status_code == 422, (payload, response.content)
        error_of(response)
    submission.refresh_from_db()
    assert submission.basic_data == {}


def test_who_may_read_and_write(world: World, drive: Drive) -> None:
    submission = drive(world.a, State.DRAFT)
    payload: dict[str, Any] = {"basic": {"authorized_staff": "40"}}
    assert error_of(JsonClient(world.prep_b).get(_url(submission)), 404)
    assert error_of(
        JsonClient(world.prep_b).put(_url(submission), payload, **{"If-Match": "*"}), 404
    )
    for reader in (world.head_a, world.rev_x, world.admin):
        assert JsonClient(reader).get(_url(submission)).status_code == 200
        put = JsonClient(reader).put(_url(submission), payload, **{"If-Match": "*"})
        assert error_of(put, 403)["code"] == "forbidden"
    assert error_of(JsonClient().get(_url(submission)), 401)
    submission.refresh_from_db()
    assert submission.basic_data == {}


def test_a_submitted_or_published_report_cannot_be_changed(world: World, drive: Drive) -> None:
    for unit, state in ((world.a, State.SUBMITTED), (world.a2, State.PUBLISHED)):
        submission = drive(unit, state)
        preparer = Submission.objects.get(pk=submission.pk).unit.users.get(role="preparer")
        put = JsonClient(preparer).put(
            _url(submission), {"basic": {"authorized_staff": "40"}}, **{"If-Match": "*"}
        )
        assert error_of(put, 409)["code"] == "conflict"
        submission.refresh_from_db()
        assert submission.basic_data == {} and submission.state == state
