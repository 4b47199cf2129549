"""The one small hierarchy of "cannot continue" errors. Messages are for users (zh-CN)."""

from __future__ import annotations


class JixiaoError(Exception):
    """Base class: ``str(error)`` is a one-line Chinese message that says what to do."""


class UnreadableInput(JixiaoError):
    """The file cannot be read as a report (empty, binary, wrong format, too large …)."""


class UnsupportedFormat(UnreadableInput):
    """A format jixiao does not read (.doc, .wps, images …)."""
