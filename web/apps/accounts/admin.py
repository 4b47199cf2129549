from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from apps.accounts.models import User


@admin.register(User)
class JixiaoUserAdmin(UserAdmin):  # type: ignore[type-arg]
    list_display = ("username", "full_name", "role", "unit", "region", "is_active")
    list_filter = ("role", "is_active", "region")
    search_fields = ("username", "full_name", "unit__name")
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("岗位", {"fields": ("full_name", "role", "unit", "region")}),
    )
    add_fieldsets = (
        *(UserAdmin.add_fieldsets or ()),
        ("岗位", {"fields": ("full_name", "role", "unit", "region")}),
    )
