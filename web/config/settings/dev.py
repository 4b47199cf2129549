"""Local use: ./run starts the application with these settings on SQLite.

Debugging pages stay off unless JIXIAO_DEBUG=1 (base.py): a demo user meets the same Chinese
error pages as in production.
"""

from config.settings.base import *  # noqa: F403
