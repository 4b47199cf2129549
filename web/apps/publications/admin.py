"""Publications in the admin: read only. A report is published only by the workflow's publish
step (apps.reviews), which records who published which version; an admin form could publish
any version of any report under any unit's name, unaudited."""

from django.contrib import admin

from apps.audit.admin_audit import ReadOnlyAdmin
from apps.publications.models import Publication


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    list_display = ("unit", "year", "score", "grade", "published_at")
    list_filter = ("year",)
