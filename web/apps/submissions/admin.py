"""The admin shows reports, files, versions and rendered downloads; it changes none of them
(services do, and ``manage.py jixiao_prune_renders`` removes stale downloads)."""

from __future__ import annotations

from django.contrib import admin

from apps.submissions.models import (
    BatchImport,
    Document,
    RenderedFile,
    Submission,
    SubmissionVersion,
)


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    list_display = ("unit", "campaign", "state", "total", "score", "error_count", "updated_at")
    list_filter = ("campaign", "state", "unit__kind", "unit__region")
    search_fields = ("unit__name", "unit__code")
    exclude = ("data", "findings", "scorecard")


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ("original_name", "submission", "size", "intake_state", "uploaded_at")
    list_filter = ("intake_state",)
    exclude = ("text",)


@admin.register(SubmissionVersion)
class SubmissionVersionAdmin(ReadOnlyAdmin):
    list_display = ("submission", "number", "score", "grade", "created_at", "created_by")


@admin.register(BatchImport)
class BatchImportAdmin(ReadOnlyAdmin):
    list_display = ("original_name", "campaign", "state", "processed", "total", "created_at")


@admin.register(RenderedFile)
class RenderedFileAdmin(ReadOnlyAdmin):
    list_display = (
        "submission",
        "fmt",
        "lock_version",
        "state",
        "size",
        "requested_at",
        "finished_at",
    )
    list_filter = ("fmt", "state")
    list_select_related = ("submission__unit", "submission__campaign")
    search_fields = ("submission__unit__name", "submission__unit__code")
    date_hierarchy = "requested_at"
