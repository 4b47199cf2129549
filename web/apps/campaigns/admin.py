from django.contrib import admin

from apps.audit.admin_audit import AuditedAdmin
from apps.campaigns.models import Campaign


@admin.register(Campaign)
class CampaignAdmin(AuditedAdmin):
    list_display = ("year", "notice_number", "title", "deadline", "framework")
    list_filter = ("year",)
    # Covering a unit creates its submission: done by campaign_units_set, not here.
    readonly_fields = ("units",)
