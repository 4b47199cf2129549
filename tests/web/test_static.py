"""No CDN: every script and stylesheet the templates load is a file the application serves."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

WEB = Path(settings.BASE_DIR)
TEMPLATES = [*WEB.glob("templates/**/*.html"), *WEB.glob("apps/*/templates/**/*.html")]


def test_templates_load_nothing_from_other_sites() -> None:
    assert TEMPLATES
    for template in TEMPLATES:
        text = template.read_text(encoding="utf-8")
        assert not re.search(r'(src|href)="(https?:)?//', text), template


def test_every_static_reference_exists() -> None:
    found = set()
    for template in TEMPLATES:
        found.update(re.findall(r"{% static '([^']+)' %}", template.read_text(encoding="utf-8")))
    assert {"css/app.css", "css/print.css", "vendor/echarts/echarts.min.js"} <= found
    for name in found:
        assert (WEB / "static" / name).is_file(), name
    assert (WEB / "static/vendor/echarts/LICENSE").is_file()
