"""Local use: ./run starts the application with these settings on SQLite."""

from config.settings.base import *  # noqa: F403

DEBUG = True
