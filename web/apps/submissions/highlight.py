"""The document text with every finding's quotes marked, for the page beside the findings.

Offsets come from the core's evidence (start/end into the decoded text). A quote whose
offsets do not point at the same text (a stale document) is not marked rather than marked
in the wrong place. Overlapping quotes are split into segments so the HTML stays nested.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(slots=True)
class Quote:
    anchor: str  # the id of the <mark> that starts it ("ev-3")
    quote: str
    start: int
    end: int
    marked: bool


@dataclass(slots=True)
class ShownFinding:
    index: int
    code: str
    severity: str
    message: str
    stated: str | None
    computed: str | None
    quotes: list[Quote] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Highlighted:
    html: SafeString
    findings: list[ShownFinding]


def highlight(text: str, findings: list[dict[str, Any]]) -> Highlighted:
    shown: list[ShownFinding] = []
    spans: list[tuple[int, int, str, str]] = []  # start, end, anchor, severity
    for index, finding in enumerate(findings):
        item = ShownFinding(
            index=index,
            code=str(finding.get("code", "")),
            severity=str(finding.get("severity", "info")),
            message=str(finding.get("message", "")),
            stated=finding.get("stated"),
            computed=finding.get("computed"),
        )
        for number, evidence in enumerate(finding.get("evidence") or []):
            start, end = int(evidence.get("start", 0)), int(evidence.get("end", 0))
            quote = str(evidence.get("quote", ""))
            marked = bool(quote) and 0 <= start < end <= len(text) and text[start:end] == quote
            anchor = f"ev-{index}-{number}"
            item.quotes.append(Quote(anchor, quote, start, end, marked))
            if marked:
                spans.append((start, end, anchor, item.severity))
        shown.append(item)
    return Highlighted(html=_marked(text, spans), findings=shown)


def _marked(text: str, spans: list[tuple[int, int, str, str]]) -> SafeString:
    bounds = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    starts: dict[int, list[str]] = {}
    for start, _, anchor, _ in spans:
        starts.setdefault(start, []).append(anchor)
    out: list[str] = []
    for left, right in itertools.pairwise(bounds):
        segment = escape(text[left:right])
        covering = [sev for s, e, _, sev in spans if s <= left and right <= e]
        anchors = "".join(f'<span id="{a}" class="anchor"></span>' for a in starts.get(left, []))
        if covering:
            worst = min(covering, key=lambda sev: _SEVERITY_ORDER.get(sev, 3))
            out.append(f'{anchors}<mark class="sev-{escape(worst)}">{segment}</mark>')
        else:
            out.append(anchors + segment)
    # Safe: every piece of the text above went through escape().
    return mark_safe("".join(out))
