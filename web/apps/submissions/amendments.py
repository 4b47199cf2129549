"""Figures that differ from what the uploaded document states: 已修改, with who and when.

The document read on upload states each field once (``extract_json``: the value and the
quote it was read from). Whenever the working copy is written, every field whose current
value differs from the stated one is an amendment: the stated value, the current one, the
quote and its offsets in the document's text, and who changed it and when. Who and when are
kept from the previous write while the current value stays the same, so that a later save
of another field (or the worker's re-audit) does not take the change over.

Amendments are kept on the submission (and copied into each submitted version); each one is
also a finding of the core's shape (``figure-amended``, severity ``info``) whose evidence is
the stated quote, so that the page marks the source text beside the new figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from apps.submissions.fields import FIELDS, get_path
from apps.submissions.reportdata import decimal_or_none
from jixiao.contract import extract_json
from jixiao.domain.report import Report

JSON = dict[str, Any]
CODE = "figure-amended"
TITLE = "数据与上传文件原文不同（已修改）"


def stated_of(base: Report | None) -> dict[str, JSON]:
    """path → {value, quote, start, end} of every report field the document states."""
    if base is None:
        return {}
    data = extract_json(base)
    evidence = {str(e.get("path")): e for e in data.get("evidence") or [] if isinstance(e, dict)}
    out: dict[str, JSON] = {}
    for spec in FIELDS:
        value = get_path(data, spec.path)
        if value is None or value == "":
            continue
        cited = evidence.get(spec.path) or {}
        out[spec.path] = {
            "value": _shown(value),
            "quote": str(cited.get("quote") or ""),
            "start": cited.get("start"),
            "end": cited.get("end"),
        }
    return out


def _shown(value: object) -> str:
    if value is None:
        return ""
    number = decimal_or_none(value) if isinstance(value, str | int | float | Decimal) else None
    if number is None:
        return str(value)
    return format(number.normalize(), "f") if number != 0 else "0"


def _same(stated: str, current: str) -> bool:
    a, b = decimal_or_none(stated), decimal_or_none(current)
    if a is not None and b is not None:
        return a == b
    return stated.strip() == current.strip()


def amendments_of(
    *,
    stated: Mapping[str, JSON],
    data: Mapping[str, Any],
    previous: Iterable[Mapping[str, Any]],
    by: str,
    at: str,
) -> list[JSON]:
    """Every field whose current value differs from the stated one, in form order.

    ``previous`` is what the submission kept before this write: an amendment with the same
    stated and current value keeps its ``by`` and ``at``; a new or changed one takes these."""
    before = {str(p.get("path")): p for p in previous if isinstance(p, Mapping)}
    out: list[JSON] = []
    for spec in FIELDS:
        cited = stated.get(spec.path)
        if cited is None:
            continue
        current = _shown(get_path(dict(data), spec.path))
        if _same(str(cited["value"]), current):
            continue
        entry: JSON = {
            "path": spec.path,
            "label": spec.label,
            "stated": cited["value"],
            "current": current,
            "quote": cited.get("quote") or "",
            "start": cited.get("start"),
            "end": cited.get("end"),
            "by": by,
            "at": at,
        }
        kept = before.get(spec.path)
        if kept and kept.get("current") == current and kept.get("stated") == cited["value"]:
            entry["by"], entry["at"] = kept.get("by", by), kept.get("at", at)
        out.append(entry)
    return out


def when_of(amendment: Mapping[str, Any]) -> str:
    """The time of an amendment as pages print it: 2026-12-06 11:40."""
    return str(amendment.get("at") or "")[:16].replace("T", " ")


def describe(amendment: Mapping[str, Any]) -> str:
    """已修改：人员经费 原文 793.43 → 现 736.05（张会计，2026-12-06 11:40）"""
    current = amendment.get("current") or "（已删除）"
    who = amendment.get("by") or "系统"
    return (
        f"已修改：{amendment.get('label')} 原文 {amendment.get('stated')} → 现 {current}"
        f"（{who}，{when_of(amendment)}）"
    )


def shown(amendments: Iterable[Mapping[str, Any]] | None) -> list[JSON]:
    """The amendments with their time as printed (``when``) and their one-line text."""
    return [
        {**a, "when": when_of(a), "text": describe(a)}
        for a in amendments or ()
        if isinstance(a, Mapping)
    ]


def findings_of(amendments: Iterable[Mapping[str, Any]]) -> list[JSON]:
    """One finding of the core's shape per amendment, its evidence the stated quote."""
    out: list[JSON] = []
    for a in amendments:
        evidence: list[JSON] = []
        if a.get("quote") and a.get("start") is not None and a.get("end") is not None:
            evidence.append({"quote": a["quote"], "start": a["start"], "end": a["end"]})
        out.append(
            {
                "code": CODE,
                "severity": "info",
                "message": describe(a) + "；核对按现数据进行，原文数字保留为证据",
                "stated": a.get("stated"),
                "computed": a.get("current") or None,
                "difference": _difference(a),
                "evidence": evidence,
            }
        )
    return out


def _difference(amendment: Mapping[str, Any]) -> str | None:
    stated = decimal_or_none(amendment.get("stated"))
    current = decimal_or_none(amendment.get("current"))
    if stated is None or current is None:
        return None
    return format((stated - current).normalize(), "f")


def by_path(amendments: Iterable[Mapping[str, Any]] | None) -> dict[str, JSON]:
    """path → amendment (as ``shown``), for the pages that mark a figure beside its label."""
    return {str(a.get("path")): a for a in shown(amendments)}
