"""The test suite: SQLite in memory unless DATABASE_URL points at PostgreSQL."""

import os

from config.settings.base import *  # noqa: F403
from config.settings.base import DATABASES

if "DATABASE_URL" not in os.environ:
    DATABASES["default"] = {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast tests only
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
