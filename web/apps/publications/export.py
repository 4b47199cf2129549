"""The published data as CSV and JSON: one row (or object) per published report."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

from apps.exports import safe_row
from apps.publications.models import Publication
from apps.publications.selectors import public_data
from apps.submissions.fields import FIELDS, get_path
from apps.submissions.scores import ASSESSED_GRADE, ASSESSED_SCORE
from apps.units.models import UnitKind

COLUMNS: tuple[tuple[str, str], ...] = (
    ("year", "年度"),
    ("unit_code", "单位编码"),
    ("unit_name", "单位名称"),
    ("unit_kind", "单位类型"),
    ("region", "所属区域"),
    *((spec.path, spec.label) for spec in FIELDS),
    # The published score is the bureau's: the computed one of the version it accepted.
    ("score", ASSESSED_SCORE),
    ("computed_grade", ASSESSED_GRADE),
    ("published_at", "公开时间"),
)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def row_of(publication: Publication) -> dict[str, Any]:
    data = public_data(publication)
    row: dict[str, Any] = {
        "year": publication.year,
        "unit_code": publication.unit.code,
        "unit_name": publication.unit.name,
        "unit_kind": UnitKind(publication.unit.kind).label,
        "region": publication.unit.region.name,
    }
    for spec in FIELDS:
        row[spec.path] = get_path(data, spec.path)
    row["score"] = _text(publication.score) or None
    row["computed_grade"] = publication.grade or None
    row["published_at"] = publication.published_at.isoformat()
    return row


def as_csv(publications: list[Publication]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([label for _, label in COLUMNS])
    for publication in publications:
        row = row_of(publication)
        writer.writerow(safe_row(_text(row[key]) for key, _ in COLUMNS))
    return out.getvalue()


def as_json(publications: list[Publication]) -> list[dict[str, Any]]:
    return [
        {
            "id": p.pk,
            "year": p.year,
            "unit": {
                "code": p.unit.code,
                "name": p.unit.name,
                "kind": p.unit.kind,
                "region": p.unit.region.name,
            },
            "version": p.version.number,
            "published_at": p.published_at.isoformat(),
            "score": _text(p.score) or None,
            "grade": p.grade or None,
            # Published while errors were still open: how many, and the bureau's reason.
            "open_errors": p.open_errors,
            "open_errors_reason": p.reason or None,
            "data": public_data(p),
            "findings": p.version.findings,
        }
        for p in publications
    ]
