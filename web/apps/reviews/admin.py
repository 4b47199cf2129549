from django.contrib import admin

from apps.reviews.models import ReviewComment, ReviewEvent


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
    list_display = ("submission", "action", "from_state", "to_state", "actor", "at")
    list_filter = ("action", "to_state")


@admin.register(ReviewComment)
class ReviewCommentAdmin(ReadOnlyAdmin):
    list_display = ("event", "target", "label", "text")
