"""Bodies of the wrong shape: every write endpoint answers 422 in the one error shape and
changes nothing (the probe's six bodies that used to empty a report with 200), amounts
refuse true/false, -0 is stored as 0, and no location reads "body.body."."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps as django_apps

from apps.submissions.models import State, Submission
from apps.units.models import Unit
from tests.web.api.conftest import JsonClient, error_of
from tests.web.conftest import World

Drive = Callable[[Unit, State], Submission]

PROBE_BODIES: list[Any] = [
    [],
    None,
    "x",
    {"spending": "abc"},
    {"budget": 7},
    {"indicators": [1, 2, 3]},
]


def _rows() -> dict[str, int]:
    """Rows of every table of the application, to see that nothing was written anywhere."""
    return {
        model._meta.label: model._default_manager.count()
        for model in django_apps.get_models()
        if model._meta.app_label not in ("sessions", "contenttypes", "admin")
    }


def _put_raw(client: JsonClient, path: str, body: Any) -> Any:
    return client.client.put(
        path, data=json.dumps(body), content_type="application/json", headers={"If-Match": "*"}
    )


@pytest.mark.parametrize("body", PROBE_BODIES, ids=repr)
def test_the_probes_bodies_are_refused_and_the_report_is_unchanged(
    world: World, drive: Drive, body: Any
) -> None:
    submission = drive(world.a, State.DRAFT)
    before = (submission.lock_version, submission.data, _rows())
    response = _put_raw(JsonClient(world.prep_a), f"/api/submissions/{submission.pk}/data", body)
    error = error_of(response, 422)
    assert error["code"] == "validation_failed" and error["details"], error
    for detail in error["details"]:
        assert "body.body" not in detail["location"] and detail["location"].startswith("body")
        assert "应为对象" in detail["message"], detail
    submission.refresh_from_db()
    assert (submission.lock_version, submission.data, _rows()) == before


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/submissions/{pk}/basic-data", []),
        ("/api/submissions/{pk}/basic-data", {"basic": "x"}),
        ("/api/submissions/{pk}/transitions", ["submit"]),
        ("/api/submissions/{pk}/transitions", {"action": "submit", "comments": [1]}),
    ],
)
def test_other_write_bodies_of_the_wrong_shape(
    world: World, drive: Drive, path: str, body: Any
) -> None:
    submission = drive(world.a, State.DRAFT)
    before = (submission.lock_version, submission.state, _rows())
    client = JsonClient(world.prep_a)
    response = client.client.post(
        path.format(pk=submission.pk),
        data=json.dumps(body),
        content_type="application/json",
        headers={"If-Match": "*"},
    )
    if response.status_code == 405:  # basic-data is replaced with PUT
        response = _put_raw(client, path.format(pk=submission.pk), body)
    error = error_of(response, 422)
    assert all("body.body" not in d["location"] for d in error["details"]), error
    submission.refresh_from_db()
    assert (submission.lock_version, submission.state, _rows()) == before


@pytest.mark.parametrize("path", ["/api/units", "/api/campaigns"])
def test_admin_writes_refuse_a_list_body(world: World, path: str) -> None:
    before = _rows()
    response = JsonClient(world.admin).post(path, [{"code": "X9"}])
    assert error_of(response, 422)["details"][0]["location"] == "body"
    assert _rows() == before


def test_an_amount_cannot_be_true(world: World, drive: Drive) -> None:
    submission = drive(world.a, State.DRAFT)
    before = (submission.lock_version, submission.data)
    response = JsonClient(world.prep_a).put(
        f"/api/submissions/{submission.pk}/data",
        {"self_score": True, "spending": {"total": False}},
        **{"If-Match": "*"},
    )
    details = {d["location"]: d["message"] for d in error_of(response, 422)["details"]}
    assert set(details) == {"body.self_score", "body.spending.total"}, details
    assert "true" in details["body.self_score"]
    submission.refresh_from_db()
    assert (submission.lock_version, submission.data) == before


def test_minus_zero_is_stored_as_zero(world: World, drive: Drive) -> None:
    submission = drive(world.a, State.DRAFT)
    client = JsonClient(world.prep_a)
    read = client.get(f"/api/submissions/{submission.pk}/data")
    data = read.json()["data"]
    data["three_public"]["overseas"] = -0.0
    data["three_public"]["reception"] = "-0"
    saved = client.put(f"/api/submissions/{submission.pk}/data", data, **{"If-Match": "*"})
    assert saved.status_code == 200, saved.content
    three = saved.json()["data"]["three_public"]
    assert not str(three["overseas"]).startswith("-") and not str(three["reception"]).startswith(
        "-"
    ), three


def test_minus_zero_in_basic_data_is_stored_as_zero(world: World, drive: Drive) -> None:
    submission = drive(world.a, State.DRAFT)
    client = JsonClient(world.prep_a)
    body = {"basic": {"three_public_budget": "-0.0"}}
    saved = client.put(f"/api/submissions/{submission.pk}/basic-data", body, **{"If-Match": "*"})
    assert saved.status_code == 200, saved.content
    assert saved.json()["basic"]["three_public_budget"] == "0.0"
