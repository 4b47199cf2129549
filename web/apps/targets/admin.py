"""The admin lists target tables and self-evaluations; it changes none of them (services do)."""

from __future__ import annotations

from django.contrib import admin

from apps.targets.models import TargetEvaluation, TargetTable


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(TargetTable)
class TargetTableAdmin(ReadOnlyAdmin):
    list_display = ("unit", "year", "kind", "title", "state", "updated_at")
    list_filter = ("year", "kind", "state", "unit__kind")
    search_fields = ("unit__name", "title")


@admin.register(TargetEvaluation)
class TargetEvaluationAdmin(ReadOnlyAdmin):
    list_display = ("table", "year", "state", "score", "grade", "updated_at")
    list_filter = ("year", "state", "grade")
    exclude = ("scorecard",)
