"""Whether a page shows another unit's words: its name, its region's name, its code."""

from __future__ import annotations

import re
from collections.abc import Iterable


def leaked(secrets: Iterable[str], text: str) -> list[str]:
    """The secrets ``text`` shows. A code in Latin letters and digits ("B01") counts only as a
    token of its own: a page's random CSRF token is a run of 64 letters and digits that holds
    any three of them by chance now and then, which is no leak (and made these tests flaky)."""
    shown = []
    for secret in secrets:
        if secret.isascii() and secret.isalnum():
            pattern = rf"(?<![A-Za-z0-9]){re.escape(secret)}(?![A-Za-z0-9])"
            if re.search(pattern, text):
                shown.append(secret)
        elif secret in text:
            shown.append(secret)
    return shown
