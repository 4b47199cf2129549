"""Download names: the Chinese name a user sees, with an ASCII fallback (RFC 6266, RFC 8187).

Every download of the application names its file through ``attachment``: browsers use the
UTF-8 ``filename*`` (雁川市财政局2022年度.docx); the plain ``filename`` beside it is for the
rare client that does not read ``filename*`` and keeps only the name's ASCII part (the
digits and the extension), never an English word a user would have to read.
"""

from __future__ import annotations

import re
from typing import TypeVar
from urllib.parse import quote

from django.http import HttpResponseBase

_NOT_SAFE = re.compile(r"[^0-9A-Za-z.\-]+")
_DEFAULT_STEM = "download"
R = TypeVar("R", bound=HttpResponseBase)


def ascii_fallback(filename: str) -> str:
    """The name's digits, Latin letters, dots and dashes, the rest dropped (``2022.docx``)."""
    stem, dot, ext = filename.rpartition(".")
    if not dot:
        stem, ext = filename, ""
    kept = _NOT_SAFE.sub("-", stem).strip("-.")
    kept = re.sub(r"-{2,}", "-", kept) or _DEFAULT_STEM
    safe_ext = _NOT_SAFE.sub("", ext)
    return f"{kept}.{safe_ext}" if safe_ext else kept


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """The header value: both names, the UTF-8 one percent-encoded."""
    kind = "inline" if inline else "attachment"
    # Path separators and control characters never belong in a name the browser saves.
    clean = re.sub(r"[\x00-\x1f\x7f/\\]", "_", filename).strip() or _DEFAULT_STEM
    return f"{kind}; filename=\"{ascii_fallback(clean)}\"; filename*=UTF-8''{quote(clean)}"


def attachment(response: R, filename: str) -> R:
    """Name the response's file for download; returns the response."""
    response["Content-Disposition"] = content_disposition(filename)
    return response
