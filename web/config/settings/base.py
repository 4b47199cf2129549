"""Settings shared by every environment. The environment is read here and nowhere else."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent  # web/
PROJECT_DIR = BASE_DIR.parent
DATA_DIR = Path(os.environ.get("JIXIAO_DATA_DIR", PROJECT_DIR / "var"))

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-not-secret-change-me")
# Django's debug pages are English and show the code: only on explicit request
# (JIXIAO_DEBUG=1), never by default, so ./run shows the Chinese 404/500 pages as production does.
DEBUG = os.environ.get("JIXIAO_DEBUG") == "1"
_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
ALLOWED_HOSTS = [host for host in _HOSTS.split(",") if host]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "apps.tasks_app.TasksDatabaseConfig",  # django_tasks_db, named in Chinese
    "ninja",
    "apps.accounts",
    "apps.units",
    "apps.campaigns",
    "apps.submissions",
    "apps.reviews",
    "apps.publications",
    "apps.targets",
    "apps.monitoring",
    "apps.rectification",
    "apps.evaluations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Serves /static/ under gunicorn (DEBUG off); prod.py adds the hashed, compressed storage.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "apps.accounts.context.role",
                "apps.reviews.context.work_counts",
            ]
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'jixiao.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded database's folder (var/ by default) is made on first use, so that any
    # manage.py command works in a fresh checkout, not only ./run.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # The web server and the worker share one file: wait for a lock instead of failing, and
    # take the write lock at BEGIN so that two writers never deadlock on an upgrade.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "apps.accounts.passwords.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
# Chinese for what Django and its add-ons leave in English (web/locale, compiled and committed).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Without collectstatic (tests, ./run) WhiteNoise looks files up per request instead of indexing
# a STATIC_ROOT that does not exist; prod.py turns this off.
WHITENOISE_AUTOREFRESH = True
# ... found where the app keeps them (its default follows DEBUG, which is off in ./run too).
WHITENOISE_USE_FINDERS = True
# Uploaded reports live outside the web root and are served only after a permission check.
MEDIA_ROOT = DATA_DIR / "uploads"
UPLOAD_LIMIT_BYTES = int(os.environ.get("JIXIAO_UPLOAD_LIMIT_BYTES", str(50 * 1024 * 1024)))
# Reading an upload in the worker (apps.submissions.reading): a file larger than this, or not
# read within this time or memory, is refused with a reason instead of holding the worker.
INTAKE_MAX_BYTES = int(os.environ.get("JIXIAO_INTAKE_MAX_BYTES", str(20 * 1024 * 1024)))
INTAKE_TIME_LIMIT_SECONDS = float(os.environ.get("JIXIAO_INTAKE_TIME_LIMIT_SECONDS", "60"))
INTAKE_MEMORY_LIMIT_MB = int(os.environ.get("JIXIAO_INTAKE_MEMORY_LIMIT_MB", "3072"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# File names sent in GBK or Latin-1 are read as such (apps.uploadnames), then as Django would.
FILE_UPLOAD_HANDLERS = [
    "apps.uploadnames.AnyEncodingFileNames",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A batch .zip: at most this many files and this many bytes once expanded (zip bombs).
BATCH_MAX_FILES = int(os.environ.get("JIXIAO_BATCH_MAX_FILES", "1000"))
BATCH_MAX_EXPANDED_BYTES = int(
    os.environ.get("JIXIAO_BATCH_MAX_EXPANDED_BYTES", str(2 * 1024 * 1024 * 1024))
)

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
LOGOUT_REDIRECT_URL = "/"

# The JSON API (/api/), the audit log with log-in throttling, backups (issue 6).
INSTALLED_APPS += ["apps.audit", "apps.api", "apps.backup"]
AUTHENTICATION_BACKENDS = ["apps.audit.backends.AuditedModelBackend"]
# Outermost: every error under /api/ leaves in the API's one error shape, and a database
# that is down gives a clean 503 instead of a traceback page.
MIDDLEWARE.insert(0, "apps.api.middleware.ApiErrorMiddleware")
# Cache-Control on private responses and the Content-Security-Policy (apps.headers); after
# authentication, so that it knows who asked.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "apps.headers.PrivacyHeadersMiddleware",
)
CSRF_FAILURE_VIEW = "apps.headers.csrf_failure"
# Every audit entry written while serving a request carries its address (apps.audit).
MIDDLEWARE.insert(1, "apps.audit.services.AuditContextMiddleware")
# After a database restart a kept connection is dead: check it before each request.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
LOGIN_MAX_FAILURES = int(os.environ.get("JIXIAO_LOGIN_MAX_FAILURES", "5"))
LOGIN_FAILURE_WINDOW_MINUTES = int(os.environ.get("JIXIAO_LOGIN_FAILURE_WINDOW_MINUTES", "15"))
