"""A NUL character cannot be stored by PostgreSQL: the API refuses it with the one error shape
(422, in Chinese) before any view runs, instead of a 500 from the database."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.web.api.conftest import error_of

pytestmark = pytest.mark.django_db


def test_a_nul_in_the_query_is_refused() -> None:
    error = error_of(Client().get("/api/public/reports?q=a%00b"), 422)
    assert "空字符" in error["message"]


def test_a_nul_in_a_json_body_is_refused() -> None:
    response = Client().post(
        "/api/campaigns", data='{"title": "x\\u0000y"}', content_type="application/json"
    )
    assert "空字符" in error_of(response, 422)["message"]
