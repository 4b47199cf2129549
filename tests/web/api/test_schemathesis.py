"""schemathesis against the OpenAPI document: no operation answers with a 5xx, and every
error is in the one error shape. Runs when schemathesis (4.x) is installed, skips otherwise.

The application is called in-process through its WSGI handler, as an administrator with a
token (the widest view), on the test database with the fixtures' reports.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

schemathesis = pytest.importorskip("schemathesis")

from django.core import signals  # noqa: E402 (after the skip)
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.db import close_old_connections  # noqa: E402

from apps.api.api import api  # noqa: E402
from apps.api.tokens import token_issue  # noqa: E402
from tests.web.api.conftest import error_of  # noqa: E402
from tests.web.conftest import World  # noqa: E402

DOCUMENT = json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/")))
schema = schemathesis.openapi.from_dict(DOCUMENT)
# The document declares its security schemes; a real token is sent instead of random ones.
schema.config.generation.with_security_parameters = False


class _Response:
    """What error_of needs from a response (schemathesis returns its own kind)."""

    def __init__(self, response: Any) -> None:
        self.status_code = response.status_code
        self.content = response.content
        self._headers = {
            k.lower(): ", ".join(v) if isinstance(v, list) else str(v)
            for k, v in response.headers.items()
        }

    def __getitem__(self, name: str) -> str:
        return str(self._headers[name.lower()])


@pytest.fixture
def wsgi_app() -> Iterator[WSGIHandler]:
    # As Django's own test client does: a request must not close the test's connection.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_error(case: Any, world: World, wsgi_app: WSGIHandler) -> None:
    token = token_issue(owner=world.admin).secret
    response = case.call(app=wsgi_app, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code < 500, (case.method, case.path, response.content[:500])
    if response.status_code >= 400:
        error_of(_Response(response))
