"""The admin lists notices; they are issued and answered through the services only."""

from __future__ import annotations

from django.contrib import admin

from apps.rectification.models import Notice


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("unit", "year", "grade", "state", "due_date", "issued_at")
    list_filter = ("year", "state", "source")

    def has_add_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
