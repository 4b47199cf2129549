from django.contrib import admin

from apps.publications.models import Publication


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("unit", "year", "score", "grade", "published_at")
    list_filter = ("year",)

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False  # a published version is never changed
