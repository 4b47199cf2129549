from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest, HttpResponse

from apps.accounts.admin_forms import ChineseAdminPasswordChangeForm
from apps.accounts.models import User
from apps.audit.admin_audit import AuditedAdmin
from apps.audit.models import AuditAction
from apps.audit.services import audit_record


@admin.register(User)
class JixiaoUserAdmin(AuditedAdmin, UserAdmin):  # type: ignore[type-arg]
    list_display = ("username", "full_name", "role", "unit", "region", "is_active")
    list_filter = ("role", "is_active", "region")
    search_fields = ("username", "full_name", "unit__name")
    change_password_form = ChineseAdminPasswordChangeForm
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("岗位", {"fields": ("full_name", "role", "unit", "region")}),
    )
    add_fieldsets = (
        *(UserAdmin.add_fieldsets or ()),
        ("岗位", {"fields": ("full_name", "role", "unit", "region")}),
    )

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        """Setting a user's password in the admin is audited (never the password itself)."""
        response: Any = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            user = User.objects.filter(pk=id).first()
            audit_record(
                action=AuditAction.PASSWORD,
                actor=request.user,
                target=user,
                summary={"via": "admin", "user": user.username if user else id},
                request=request,
            )
        return response
