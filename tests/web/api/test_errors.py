"""One error shape for every error: each operation of the OpenAPI document is called with
bad requests of every kind (no credentials, a bad or unknown id, a bad query, a malformed or
ill-typed body, a wrong method) and every answer is {"error": {code, message, details}}."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from tests.web.api.conftest import JsonClient, error_of
from tests.web.api.test_openapi import operations
from tests.web.conftest import World

OPERATIONS = operations()
PUBLIC = {(m, p) for m, p, op in OPERATIONS if not op.get("security")}


def _ids(operation: tuple[str, str, Any]) -> str:
    return f"{operation[0]} {operation[1]}"


def _fill(path: str, value: str) -> str:
    return re.sub(r"\{[a-z_]+\}", value, path)


def _call(client: JsonClient, method: str, path: str, **headers: str) -> Any:
    if method == "GET":
        return client.get(path, **headers)
    return client.send(method, path, {}, **headers)


@pytest.fixture
def admin_client(world: World) -> JsonClient:
    return JsonClient(world.admin)


def test_public_operations_are_the_published_data_only() -> None:
    assert PUBLIC and all(p.startswith("/api/public/") for _, p in PUBLIC)


@pytest.mark.parametrize("operation", OPERATIONS, ids=_ids)
def test_without_credentials(world: World, operation: tuple[str, str, Any]) -> None:
    method, path, _ = operation
    response = _call(JsonClient(), method, _fill(path, "1"))
    if (method, path) in PUBLIC:
        if response.status_code >= 400:
            error_of(response)
        return
    error = error_of(response, 401)
    assert error["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("operation", OPERATIONS, ids=_ids)
def test_with_an_invalid_token(world: World, operation: tuple[str, str, Any]) -> None:
    method, path, _ = operation
    if (method, path) in PUBLIC:
        pytest.skip("no credentials asked")
    response = _call(JsonClient(), method, _fill(path, "1"), Authorization="Bearer jx_forged")
    assert error_of(response, 401)["code"] == "invalid_token"


@pytest.mark.parametrize("operation", OPERATIONS, ids=_ids)
@pytest.mark.parametrize("value", ["0", "99999999999999999999999", "-1", "x"])
def test_with_an_invalid_id(
    admin_client: JsonClient, operation: tuple[str, str, Any], value: str
) -> None:
    method, path, _ = operation
    if "{" not in path:
        pytest.skip("no path parameter")
    response = _call(admin_client, method, _fill(path, value))
    error = error_of(response)
    assert response.status_code in (404, 422), response.status_code
    if response.status_code == 422:
        assert error["details"] and all("location" in d for d in error["details"])


@pytest.mark.parametrize("operation", OPERATIONS, ids=_ids)
def test_with_an_unknown_id(admin_client: JsonClient, operation: tuple[str, str, Any]) -> None:
    method, path, _ = operation
    if "{" not in path:
        pytest.skip("no path parameter")
    url = _fill(path, "987654321").replace("/report/987654321", "/report/pdf")
    response = _call(admin_client, method, url)
    if response.status_code == 422:  # a body is checked before the id is looked up
        assert method != "GET"
        if path.endswith("/documents"):
            response = admin_client.upload(url, "报告.txt", "报告".encode())
        else:
            response = admin_client.send(method, url, _valid_body(path))
    error_of(response, 404)


def _valid_body(path: str) -> dict[str, Any]:
    if path.endswith("/transitions"):
        return {"action": "submit"}
    if path.endswith("/units"):
        return {"unit_ids": []}
    return {}


@pytest.mark.parametrize("operation", OPERATIONS, ids=_ids)
def test_with_a_bad_query(admin_client: JsonClient, operation: tuple[str, str, Any]) -> None:
    _, path, op = operation
    names = {p["name"] for p in op.get("parameters", []) if p["in"] == "query"}
    if "page" not in names:
        pytest.skip("no query parameter")
    url = _fill(path, "1")
    for query in ("page=0", "page=abc", "page_size=100000", "page=1e400"):
        error = error_of(admin_client.get(f"{url}?{query}"), 422)
        assert error["details"][0]["location"].startswith("query."), error


@pytest.mark.parametrize("operation", OPERATIONS, ids=_ids)
def test_with_a_bad_body(world: World, operation: tuple[str, str, Any]) -> None:
    method, path, op = operation
    if "requestBody" not in op:
        pytest.skip("no body")
    client = JsonClient(world.admin)
    url = _fill(path, str(world.submission(world.a).pk))
    if "multipart/form-data" in op["requestBody"]["content"]:
        error = error_of(client.client.post(url, {"other": "x"}), 422)  # no file at all
        assert error["details"][0]["location"].startswith("file")
        return
    headers = {"If-Match": "*"}
    malformed = client.client.generic(
        method, url, b'{"spending": {"total": 1', content_type="application/json", headers=headers
    )
    assert error_of(malformed, 400)["code"] == "invalid_json"
    for body in ([1, 2], {"spending": "many"}, {"action": 17}, {"indicators": "x"}):
        response = client.send(method, url, body, **headers)
        error = error_of(response)
        assert response.status_code in (403, 409, 422), (body, response.status_code)


@pytest.mark.parametrize("operation", OPERATIONS, ids=_ids)
def test_with_a_method_not_allowed(
    admin_client: JsonClient, operation: tuple[str, str, Any]
) -> None:
    path = operation[1]
    allowed = {m for m, p, _ in OPERATIONS if p == path}
    wrong = next(m for m in ("DELETE", "PATCH", "PUT", "POST") if m not in allowed)
    response = admin_client.send(wrong, _fill(path, "1"))
    error = error_of(response, 405)
    assert error["code"] == "method_not_allowed"


def test_an_unknown_address_under_api(db: None) -> None:
    for url in ("/api/", "/api/nothing", "/api/units/1/nothing", "/api/../admin/"):
        response = Client().get(url)
        if url == "/api/../admin/":
            continue  # normalised by the client to /admin/: not the API's
        assert error_of(response, 404)["code"] == "not_found"


def test_english_clients_still_get_chinese(world: World) -> None:
    client = JsonClient(world.prep_a)
    submission = world.submission(world.a)
    response = client.put(
        f"/api/submissions/{submission.pk}/data",
        {"spending": {"total": "-5"}},
        **{"If-Match": "*", "Accept-Language": "en"},
    )
    error = error_of(response, 422)
    assert "0" in error["details"][0]["message"] and "Ensure" not in str(error)
