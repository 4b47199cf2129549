"""The admin lists checkpoints and records; records are written by the services only."""

from __future__ import annotations

from django.contrib import admin

from apps.audit.admin_audit import AuditedAdmin
from apps.monitoring.models import Checkpoint, MonitoringRecord


@admin.register(Checkpoint)
class CheckpointAdmin(AuditedAdmin):
    list_display = ("title", "year", "as_of", "due_date", "closed")
    list_filter = ("year", "closed")


@admin.register(MonitoringRecord)
class MonitoringRecordAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("unit", "checkpoint", "execution_rate", "light", "submitted_at")
    list_filter = ("checkpoint", "light")

    def has_add_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
