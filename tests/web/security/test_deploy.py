"""The production settings: `check --deploy` is clean, cookies are secure, CSRF is enforced,
passwords are checked; the uploaded files are outside the web root."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.web.conftest import PASSWORD, World

WEB = Path(settings.BASE_DIR)


def _prod_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "JIXIAO_"))}
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "jixiao.example.gov.cn",
    }
    return env


def _manage(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(WEB / "manage.py"), *args],
        cwd=WEB,
        env=_prod_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_the_production_settings() -> None:
    result = _manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key() -> None:
    env = _prod_env()
    del env["DJANGO_SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, str(WEB / "manage.py"), "check"],
        cwd=WEB,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0 and "DJANGO_SECRET_KEY" in result.stderr


def test_production_cookies_and_transport() -> None:
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.SECURE_HSTS_SECONDS >= 31536000, s.SECURE_SSL_REDIRECT, s.DEBUG,"
        " s.SECURE_CONTENT_TYPE_NOSNIFF, s.X_FRAME_OPTIONS)"
    )
    result = _manage("shell", "-c", code)
    assert result.stdout.splitlines()[-1].split() == ["True"] * 5 + ["False", "True", "DENY"]


def test_a_form_post_without_the_csrf_token_is_refused(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "prep_a", "password": PASSWORD})
    assert response.status_code == 403
    client.force_login(world.prep_a)
    submission = world.submission(world.a)
    response = client.post(f"/reviews/{submission.pk}/submit/")
    assert response.status_code == 403
    submission.refresh_from_db()
    assert submission.state == "draft"


@pytest.mark.parametrize(
    ("password", "words"),
    [
        ("short1", "太短"),
        ("84736251908", "只包含数字"),
        ("password123", "太常见"),
        ("prep_a_2024", "太相似"),
    ],
)
def test_weak_passwords_are_refused_in_chinese(world: World, password: str, words: str) -> None:
    client = Client()
    client.force_login(world.prep_a)
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": password, "new_password2": password},
    )
    assert response.status_code == 200
    assert words in response.content.decode()
    world.prep_a.refresh_from_db()
    assert world.prep_a.check_password(PASSWORD)


def test_uploads_are_outside_every_served_folder() -> None:
    media = Path(settings.MEDIA_ROOT).resolve()
    for served in (Path(settings.STATIC_ROOT), *map(Path, settings.STATICFILES_DIRS)):
        assert served.resolve() not in media.parents and served.resolve() != media
    assert not any("media" in str(p.pattern) for p in __import__("config.urls").urls.urlpatterns)
