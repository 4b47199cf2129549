"""The audit log in the admin: read only, for administrators."""

from __future__ import annotations

from django.contrib import admin

from apps.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("at", "actor_name", "action", "object_type", "object_repr", "ip")
    list_filter = ("action", "object_type")
    search_fields = ("actor_name", "object_repr", "object_id", "ip")
    date_hierarchy = "at"

    def has_add_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
