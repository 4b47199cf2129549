"""The 基础数据 items that are report figures, kept once, in the report's data (ADR 0011).

A 部门整体 score needs 全年预算数, 全年执行数 … which the report itself states: those items are
the report's figures, shown and changed on the 基础数据 page and on 修改数据 alike, and kept only
in ``Submission.data``; never in ``Submission.basic_data``.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from apps.submissions.fields import get_path, set_path
from apps.submissions.reportdata import decimal_or_none

JSON = dict[str, Any]

# The 基础数据 items that are report figures: one figure, kept once, in the report's data
# (``Submission.data``), shown and changed on both pages under the report's name for it.
SHARED: dict[str, str] = {
    "three_public_actual": "three_public.total",
    "public_actual": "spending.public",
    "project_spending": "spending.project",
    "budget_initial": "budget.initial",
    "budget": "budget.adjusted",
    "budget_completed": "budget.executed",
    "execution_rate": "budget.execution_rate",
}


def with_figures(data: Mapping[str, Any], figures: Mapping[str, Decimal | None]) -> JSON:
    """The report's data with the figures typed on the 基础数据 page; a figure equal to the
    one kept stays as it was typed there ("340.00" is not rewritten as "340")."""
    out = copy.deepcopy(dict(data))
    for path, value in figures.items():
        kept = decimal_or_none(get_path(out, path))
        if value is None:
            if kept is not None:
                set_path(out, path, None)
        elif kept is None or kept != value:
            set_path(out, path, _text(value))
    return out


def shared_values(data: Mapping[str, Any]) -> dict[str, str]:
    """The report figures that are 基础数据 items, by item key, as the data keeps them."""
    out: dict[str, str] = {}
    for key, path in SHARED.items():
        value = get_path(dict(data), path)
        if value not in (None, ""):
            out[key] = str(value)
    return out


def _text(number: Decimal) -> str:
    """A decimal string as stored: the typed precision, never an exponent."""
    text = format(number, "f")
    return "0" if text in ("-0", "") else text
