"""The web layer's small error hierarchy. ``str(error)`` is a Chinese message for the user.

Services raise these; views turn them into a message on the page (and the API, later, into
one error shape with a status code taken from ``status``).
"""

from __future__ import annotations


class ServiceError(Exception):
    """A request the application refuses, with a message that says why."""

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(ServiceError):
    """The input cannot be used as it is (a file, a value, a form)."""


class NotAllowed(ServiceError):
    """The user may not do this to this object."""

    status = 403


class Conflict(ServiceError):
    """Somebody else changed the object first: nothing was overwritten."""

    status = 409


class IllegalTransition(ServiceError):
    """A workflow step that the current state does not allow."""

    status = 409


class TooLarge(InvalidInput):
    """A file beyond what the application reads: nothing was stored."""

    status = 413
