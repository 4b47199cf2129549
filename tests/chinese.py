"""The check that nothing a Chinese user reads is in English: the Latin words of a text that are
not on a short allow-list (product and format names, file extensions, units of measure, a few
abbreviations Chinese government texts use as they are). Shared by the browser walk of every
page and download (tests/e2e/walk.py) and the rendered documents (tests/render).
"""

from __future__ import annotations

import re

# Latin words a Chinese user may read: names of products and formats as Chinese offices use
# them, file extensions, units of measure. Everything else is a word to translate.
ALLOWED = frozenset(
    word.lower()
    for word in (
        # formats and products, as named in Chinese offices
        "PDF", "Excel", "CSV", "JSON", "API", "Word", "WPS", "OFD", "OCR", "XLSX", "DOCX",
        "Markdown", "ECharts", "RapidOCR", "PaddleOCR", "UTF", "GB", "GBK", "ID",
        "LDAP",  # in Django's own Chinese help (“如单点登录或 LDAP”)
        # file extensions
        "txt", "md", "doc", "docx", "xls", "xlsx", "et", "pdf", "ofd", "wps", "jpg", "jpeg",
        "png", "tif", "tiff", "bmp", "gif", "csv", "json", "html", "zip",
        # units of measure
        "km", "kg", "kW", "kWh", "MB", "KB", "GB", "cm", "mm", "m", "t",
        # abbreviations Chinese government texts and forms use as they are
        "GDP", "PPP", "IP", "SHA",
        # key names in Django's own Chinese ("按住 Control 键或 Mac 上的 Command 键")
        "Control", "Command", "Mac",
    )
)  # fmt: skip
WORD = re.compile(r"[A-Za-z][A-Za-z_\-]*[A-Za-z]|[A-Za-z]")
# A single capital letter (A类, 表A) and roman numerals in outlines are not words.
_SINGLE = re.compile(r"^[A-Za-z]$")


UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")


def english_words(text: str, names: frozenset[str] = frozenset()) -> list[str]:
    """The Latin words in ``text`` outside the allow-list, in order, each once.

    ``names``: words that are data here, not language (the accounts' user names)."""
    found: list[str] = []
    for match in WORD.finditer(UUID.sub(" ", text)):
        word = match.group(0)
        if _SINGLE.match(word) or word.lower() in ALLOWED or word in found or word in names:
            continue
        # e.g. "GB/T": each part is checked on its own, "GB" and "T"
        parts = [p for p in re.split(r"[_\-]", word) if p]
        if len(parts) > 1 and all(_SINGLE.match(p) or p.lower() in ALLOWED for p in parts):
            continue
        found.append(word)
    return found
