"""WSGI entry point (gunicorn config.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")
application = get_wsgi_application()

# Import every view (and the core behind them) now rather than on the first request: under
# ``gunicorn --preload`` that happens once, in the master, before the workers fork, and no
# user waits seconds for the imports of a fresh worker.
from django.urls import get_resolver  # noqa: E402

get_resolver().url_patterns  # noqa: B018
