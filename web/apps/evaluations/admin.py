"""The admin lists the key-project evaluations; they are written through the services only
(the pages and the API), each write in the audit log, so every model here is read only."""

from __future__ import annotations

from django.contrib import admin

from apps.evaluations.models import (
    Agency,
    Assignment,
    Conflict,
    DocumentRequest,
    Expert,
    Feedback,
    KeyProject,
    Plan,
    ProjectEvent,
    Score,
)
from apps.evaluations.workflow import STEPS


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ("title", "year", "number", "state", "published_at")
    list_filter = ("year", "state")


@admin.register(KeyProject)
class KeyProjectAdmin(ReadOnlyAdmin):
    list_display = ("title", "unit", "plan", "amount", "state", "score", "grade")
    list_filter = ("plan", "state", "grade")
    search_fields = ("title", "unit__name")
    exclude = ("result",)


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ("project", "kind", "user", "agency", "state", "submitted_at")
    list_filter = ("kind", "state")


@admin.register(Score)
class ScoreAdmin(ReadOnlyAdmin):
    list_display = ("assignment", "indicator", "points", "updated_at")


@admin.register(Expert)
class ExpertAdmin(ReadOnlyAdmin):
    list_display = ("user", "field", "title", "employer", "region", "active")
    list_filter = ("field", "active", "region")
    search_fields = ("user__full_name", "employer")


@admin.register(Conflict)
class ConflictAdmin(ReadOnlyAdmin):
    list_display = ("expert", "unit", "reason", "declared_at")


@admin.register(Agency)
class AgencyAdmin(ReadOnlyAdmin):
    list_display = ("name", "credit_code", "contact", "active")


@admin.register(DocumentRequest)
class DocumentRequestAdmin(ReadOnlyAdmin):
    list_display = ("project", "title", "due_date", "requested_at")


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyAdmin):
    list_display = ("project", "agrees", "given_at", "given_by")


@admin.register(ProjectEvent)
class ProjectEventAdmin(ReadOnlyAdmin):
    list_display = ("project", "action_label", "from_state", "to_state", "actor", "at")
    list_filter = ("to_state",)

    @admin.display(description="操作")
    def action_label(self, event: ProjectEvent) -> str:
        """The step's Chinese name (the stored action is a code such as "publish_plan")."""
        if event.action == "publish_plan":
            return "印发评价计划"
        known = STEPS.get(event.action)
        return known.label if known is not None else "其他操作"
