"""Writing a report: Word (GB/T 9704 公文格式), PDF, HTML, Markdown and Excel.

``render(report, "docx")`` returns the file's bytes. Every document format draws the same
view (``jixiao.render.model``), written by an outline template from ``jixiao/data/templates``.
Output modules are imported only when asked for: python-docx, typst, openpyxl and matplotlib
take most of a second to import, and a caller that writes Markdown needs none of them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import cast

from jixiao.domain.report import Report

# format → (module, function(report, outline) -> bytes)
_WRITERS: dict[str, tuple[str, str]] = {
    "docx": ("jixiao.render.docx", "docx_bytes"),
    "pdf": ("jixiao.render.pdf", "pdf_bytes"),
    "html": ("jixiao.render.html", "html_bytes"),
    "md": ("jixiao.render.markdown", "markdown_bytes"),
    "xlsx": ("jixiao.render.xlsx", "xlsx_bytes"),
}
FORMATS = tuple(_WRITERS)


def render(report: Report, fmt: str, *, outline: str | None = None) -> bytes:
    """The report as a file of format ``fmt`` (one of FORMATS), written by template ``outline``
    (default: the report's own outline, else the default for its kind)."""
    if fmt not in _WRITERS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {FORMATS}")
    module_name, function = _WRITERS[fmt]
    writer = getattr(importlib.import_module(module_name), function)
    return cast(Callable[[Report, str | None], bytes], writer)(report, outline)
