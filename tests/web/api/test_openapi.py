"""The OpenAPI document and its documentation page, served offline."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from apps.api.api import api
from tests.web.conftest import World


def openapi() -> dict[str, Any]:
    """The document as clients see it (JSON: status codes are strings)."""
    return json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/")))


def operations() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, op)
        for path, ops in openapi()["paths"].items()
        for method, op in ops.items()
    ]


def test_the_document_is_openapi_3_1_with_every_resource(db: None) -> None:
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.1")
    assert document["info"]["title"] == "绩效评价管理系统 API"
    paths = set(document["paths"])
    for expected in (
        "/api/units",
        "/api/campaigns",
        "/api/submissions/{pk}/data",
        "/api/submissions/{pk}/documents",
        "/api/submissions/{pk}/findings",
        "/api/submissions/{pk}/scorecard",
        "/api/submissions/{pk}/report/{fmt}",
        "/api/submissions/{pk}/transitions",
        "/api/public/reports",
    ):
        assert expected in paths
    assert {"TokenAuth", "SessionAuth"} <= set(document["components"]["securitySchemes"])


def test_every_operation_is_described_in_chinese_and_documents_its_errors(db: None) -> None:
    for method, path, op in operations():
        assert re.search(r"[\u4e00-\u9fff]", op.get("summary", "")), (method, path)
        error_codes = [code for code in op["responses"] if code.startswith(("4", "5"))]
        assert error_codes, (method, path)
        for code in error_codes:
            schema = op["responses"][code]["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ErrorOut"}, (method, path, code)


def test_operation_ids_are_unique(db: None) -> None:
    ids = [op["operationId"] for _, _, op in operations()]
    assert len(ids) == len(set(ids))


def test_the_docs_page_loads_nothing_from_another_host(world: World) -> None:
    page = Client().get("/api/docs").content.decode()
    assert "swagger-ui-bundle.js" in page
    references = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert references
    for reference in references:
        assert not re.match(r"(https?:)?//", reference), reference
        assert reference.startswith("/static/"), reference
        assert finders.find(reference.removeprefix("/static/")), reference
    assert "cdn" not in page.lower()


@pytest.mark.parametrize("name", ["swagger-ui-bundle.js", "swagger-ui-init.js", "swagger-ui.css"])
def test_the_docs_assets_are_served_by_the_application(name: str) -> None:
    found = finders.find(f"ninja/{name}")
    assert found, name
    with open(found, encoding="utf-8", errors="replace") as asset:
        assert "cdn.jsdelivr" not in asset.read()
