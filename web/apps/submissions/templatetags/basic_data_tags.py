"""``basic_missing``: how many 基础数据 items and judgements a scorecard still misses."""

from __future__ import annotations

from typing import Any

from django import template

from apps.submissions.basic_data import missing_count

register = template.Library()


@register.filter
def basic_missing(card: Any) -> int:
    return missing_count(card if isinstance(card, dict) else None)
