"""Writes on the units registry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO

from django.db import transaction

from apps.accounts.models import User
from apps.audit.models import AuditAction
from apps.audit.services import audit_record, changes_of, fields_of
from apps.errors import InvalidInput
from apps.units.importing import UnitRow, read_units_xlsx
from apps.units.models import Region, Unit, UnitKind

_UNIT_FIELDS = ("code", "name", "kind", "region_id")


def region_get_or_create(*, name: str, code: str = "", by: User | None = None) -> Region:
    region = Region.objects.filter(name=name).first()
    if region is not None:
        return region
    with transaction.atomic():
        region = Region.objects.create(name=name, code=code or _next_region_code())
        after = fields_of(region, ("code", "name"))
        audit_record(action=AuditAction.CREATE, actor=by, target=region, summary={"after": after})
    return region


def unit_create(
    *, code: str, name: str, kind: UnitKind, region: Region, by: User | None = None
) -> Unit:
    if Unit.objects.filter(code=code).exists():
        raise InvalidInput(f"单位编码“{code}”已存在")
    if Unit.objects.filter(name=name).exists():
        raise InvalidInput(f"单位名称“{name}”已存在")
    with transaction.atomic():
        unit = Unit.objects.create(code=code, name=name, kind=kind, region=region)
        after = fields_of(unit, _UNIT_FIELDS)
        audit_record(action=AuditAction.CREATE, actor=by, target=unit, summary={"after": after})
    return unit


@dataclass(frozen=True, slots=True)
class UnitImportResult:
    created: int
    updated: int
    errors: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.errors


def units_import_xlsx(*, file: BinaryIO, by: User | None = None) -> UnitImportResult:
    """Create or update units from a spreadsheet, matched by 单位编码.

    All or nothing: when any row has a problem, nothing is stored and every problem is listed.
    """
    read = read_units_xlsx(file)
    if read.errors:
        return UnitImportResult(created=0, updated=0, errors=read.errors)
    if not read.rows:
        return UnitImportResult(created=0, updated=0, errors=("表中没有单位",))
    wanted = Unit.objects.filter(code__in=[r.code for r in read.rows]).select_related("region")
    by_code = {u.code: u for u in wanted}
    clashes = _name_clashes(read.rows)
    if clashes:
        return UnitImportResult(created=0, updated=0, errors=clashes)
    created = updated = 0
    with transaction.atomic():
        for row in read.rows:
            region = region_get_or_create(name=row.region, by=by)
            unit = by_code.get(row.code)
            if unit is None:
                Unit.objects.create(code=row.code, name=row.name, kind=row.kind, region=region)
                created += 1
            else:
                before = {"name": unit.name, "kind": unit.kind, "region": unit.region.name}
                unit.name, unit.kind, unit.region = row.name, row.kind, region
                unit.save(update_fields=["name", "kind", "region"])
                after = {"name": unit.name, "kind": unit.kind, "region": region.name}
                if before != after:  # a rename or a move between regions: its own entry
                    summary = {**changes_of(before, after), "via": "import"}
                    audit_record(action=AuditAction.UPDATE, actor=by, target=unit, summary=summary)
                updated += 1
        summary = {"created": created, "updated": updated, "codes": [r.code for r in read.rows]}
        audit_record(action=AuditAction.IMPORT, actor=by, summary=summary)
    return UnitImportResult(created=created, updated=updated, errors=())


def _name_clashes(rows: tuple[UnitRow, ...]) -> tuple[str, ...]:
    """Rows whose name already belongs to another unit (another code)."""
    names = {u.name: u.code for u in Unit.objects.filter(name__in=[r.name for r in rows])}
    return tuple(
        f"第{r.row}行：单位名称“{r.name}”已登记为编码“{names[r.name]}”的单位"
        for r in rows
        if r.name in names and names[r.name] != r.code
    )


def _next_region_code() -> str:
    return f"R{Region.objects.count() + 1:03d}"
