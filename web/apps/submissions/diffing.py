"""Field-by-field comparison of two versions' data (what changed since the last submission)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from apps.submissions.fields import FIELDS, NARRATIVES, get_path
from apps.submissions.reportdata import decimal_or_none


@dataclass(frozen=True, slots=True)
class Change:
    label: str
    before: str
    after: str

    @property
    def kind(self) -> str:
        if not self.before:
            return "added"
        if not self.after:
            return "removed"
        return "changed"


def _shown(value: Any) -> str:
    if value is None:
        return ""
    number = decimal_or_none(value) if isinstance(value, str | int | Decimal) else None
    return str(value) if number is None else format(number.normalize(), "f")


def flatten(data: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """key → (label, shown value) for every field a person reads."""
    rows: dict[str, tuple[str, str]] = {}
    for spec in FIELDS:
        rows[spec.path] = (spec.label, _shown(get_path(data, spec.path)))
    functional = get_path(data, "spending.functional")
    for item in functional if isinstance(functional, list) else []:
        name = str(item.get("stated_name") or "")
        rows[f"functional:{name}"] = (f"功能分类：{name}", _shown(item.get("amount")))
    indicators = data.get("indicators")
    for item in indicators if isinstance(indicators, list) else []:
        name = str(item.get("level3") or item.get("level2") or "")
        for column, label in (("target", "指标值"), ("actual", "实际完成值"), ("score", "得分")):
            rows[f"indicator:{name}:{column}"] = (f"指标“{name}”{label}", _shown(item.get(column)))
    for name, label in NARRATIVES.items():
        items = data.get(name)
        rows[name] = (label, "\n".join(str(i) for i in items) if isinstance(items, list) else "")
    return rows


def compare(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """Every field whose shown value differs, in form order (added fields last)."""
    return changes_between(flatten(before), flatten(after))


def changes_between(
    old: dict[str, tuple[str, str]], new: dict[str, tuple[str, str]]
) -> list[Change]:
    """Every item whose shown value differs, from two ``item → (label, shown value)`` maps, in
    the order of ``old`` (items only ``new`` has last)."""
    keys = list(old) + [k for k in new if k not in old]
    changes = []
    for key in keys:
        label = (new.get(key) or old[key])[0]
        was = old.get(key, ("", ""))[1]
        now = new.get(key, ("", ""))[1]
        if was != now:
            changes.append(Change(label=label, before=was, after=now))
    return changes
