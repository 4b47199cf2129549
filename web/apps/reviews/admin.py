from django.contrib import admin

from apps.reviews.models import ReviewComment, ReviewEvent
from apps.reviews.workflow import TRANSITIONS, UNIT_TRANSITIONS


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """History is written by the workflow services only."""

    def has_add_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(ReviewEvent)
class ReviewEventAdmin(ReadOnlyAdmin):
    list_display = ("submission", "action_label", "from_state", "to_state", "actor", "at")
    list_filter = ("to_state",)

    @admin.display(description="操作")
    def action_label(self, event: ReviewEvent) -> str:
        """The step's Chinese name (the stored action is a code such as "submit")."""
        known = TRANSITIONS.get(event.action) or UNIT_TRANSITIONS.get(event.action)
        return known.label if known is not None else "其他操作"


@admin.register(ReviewComment)
class ReviewCommentAdmin(ReadOnlyAdmin):
    list_display = ("event", "target", "label", "text")
