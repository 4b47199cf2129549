from django.contrib import admin

from apps.audit.admin_audit import AuditedAdmin
from apps.units.models import Region, Unit


@admin.register(Region)
class RegionAdmin(AuditedAdmin):
    list_display = ("code", "name")


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    """A unit moved to another region changes which reviewer sees it: the move is audited
    (before/after) and listed for the bureau on the units page."""

    list_display = ("code", "name", "kind", "region", "active")
    list_filter = ("kind", "region", "active")
    search_fields = ("code", "name")
