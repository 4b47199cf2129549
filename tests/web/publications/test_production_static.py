"""Under gunicorn with DEBUG off, WhiteNoise serves /static/ (the public pages need their CSS)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client


def _prod_settings(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("DJANGO_SECRET_KEY", "test-only-" + "x" * 40)
    monkeypatch.delitem(sys.modules, "config.settings.prod", raising=False)
    return importlib.import_module("config.settings.prod")


def test_prod_settings_serve_static_files_with_whitenoise(monkeypatch: pytest.MonkeyPatch) -> None:
    prod = _prod_settings(monkeypatch)
    security = prod.MIDDLEWARE.index("django.middleware.security.SecurityMiddleware")
    assert prod.MIDDLEWARE[security + 1] == "whitenoise.middleware.WhiteNoiseMiddleware"
    assert (
        prod.STORAGES["staticfiles"]["BACKEND"]
        == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    assert prod.DEBUG is False and prod.WHITENOISE_AUTOREFRESH is False


def test_collected_files_are_served_without_debug(db: None, settings: Any, tmp_path: Path) -> None:
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "probe.css").write_text("main { color: #123456; }", encoding="utf-8")
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path
    response = Client().get("/static/css/probe.css")  # a new client builds the middleware anew
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"main { color: #123456; }"  # type: ignore[attr-defined]
    assert Client().get("/static/css/absent.css").status_code == 404
