"""A target table between its three shapes: the model rows, the JSON kept in versions, and the
core's ``TargetTable`` that the linter and the scorer read."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from apps.targets.models import TargetTable
from jixiao.targets.lint import TargetIssue, lint_table
from jixiao.targets.model import TargetTable as CoreTable
from jixiao.targets.model import table_from_mapping

JSON = dict[str, Any]


def _text(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


def table_data(table: TargetTable) -> JSON:
    """The working copy as JSON: what a version keeps."""
    lines = list(table.budget_lines.all())
    positions = {line.pk: line.position for line in lines}
    return {
        "kind": table.kind,
        "title": table.title,
        "goal": table.goal,
        "budget_lines": [
            {
                "id": line.pk,
                "position": line.position,
                "name": line.name,
                "amount": format(line.amount, "f"),
                "functional": line.functional,
            }
            for line in lines
        ],
        "indicators": [
            {
                "id": row.pk,
                "key": str(row.pk),
                "position": row.position,
                "level1": row.level1,
                "level2": row.level2,
                "level3": row.level3,
                "value_type": row.value_type,
                "direction": row.direction,
                "value": row.value,
                "unit": row.unit,
                "explanation": row.explanation,
                "scoring_rule": row.scoring_rule,
                "weight": _text(row.weight),
                "budget_line": positions.get(row.budget_line_id) if row.budget_line_id else None,
                "library_id": row.library_id,
            }
            for row in table.indicators.all()
        ],
    }


def core_table(data: JSON) -> CoreTable:
    """The core's table from a version's (or a form's) JSON."""
    rows = data.get("indicators") or []
    return table_from_mapping(
        kind=str(data.get("kind") or "overall"),
        goal=str(data.get("goal") or ""),
        rows=[row for row in rows if isinstance(row, dict)],
        title=str(data.get("title") or ""),
    )


def lint_of(table: TargetTable) -> tuple[TargetIssue, ...]:
    return lint_table(core_table(table_data(table)))


def issues_json(
    issues: tuple[TargetIssue, ...], row_index: Sequence[int] | None = None
) -> list[JSON]:
    """The issues as JSON; ``row_index`` maps the checked rows back to the form's rows (blank
    form rows are not checked, so the n-th checked row is not always the n-th form row)."""

    def row(i: TargetIssue) -> int | None:
        if i.row is None or row_index is None:
            return i.row
        return row_index[i.row]

    return [
        {
            "code": i.code,
            "title": i.title,
            "severity": i.severity,
            "message": i.message,
            "row": row(i),
            "field": i.field,
        }
        for i in issues
    ]


def budget_total(data: JSON) -> Decimal | None:
    lines = data.get("budget_lines") or []
    if not lines:
        return None
    return sum((Decimal(str(line["amount"])) for line in lines), Decimal(0))


def approved_data(table: TargetTable) -> JSON | None:
    return table.approved_version.data if table.approved_version_id else None  # type: ignore[union-attr]
