"""Log-in forms that say, in Chinese, when an account is throttled (the backend refuses
such attempts too, but a form can tell the person why)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.http import HttpRequest

from apps.audit.models import AuditAction
from apps.audit.services import (
    audit_record,
    client_ip,
    login_is_throttled,
    login_record_blocked,
    throttle_message,
)


def _check_throttle(form: AuthenticationForm) -> None:
    username = str(form.cleaned_data.get("username") or "")[:150]
    if username and login_is_throttled(username=username, ip=client_ip(form.request)):
        login_record_blocked(username=username, request=form.request)
        raise forms.ValidationError(throttle_message(), code="throttled")


class ThrottledAuthenticationForm(AuthenticationForm):
    def clean(self) -> dict[str, Any]:
        _check_throttle(self)
        return super().clean()


class ThrottledAdminAuthenticationForm(AdminAuthenticationForm):
    def clean(self) -> dict[str, Any]:
        _check_throttle(self)
        return super().clean()


class ThrottledPasswordChangeForm(PasswordChangeForm):
    """Changing one's password asks for the old one: a guess there is a guess at the
    password, counted, throttled and audited as a failed log-in of the account from this
    address (someone at an unlocked screen must not get unlimited tries)."""

    request: HttpRequest | None = None

    def clean_old_password(self) -> str:
        username = self.user.get_username()
        ip = client_ip(self.request)
        if login_is_throttled(username=username, ip=ip):
            login_record_blocked(username=username, request=self.request)
            raise forms.ValidationError(throttle_message(), code="throttled")
        try:
            return str(super().clean_old_password())
        except forms.ValidationError:
            audit_record(
                action=AuditAction.LOGIN_FAILED,
                actor=self.user,
                actor_name=username,
                summary={"via": "修改密码时旧密码错误"},
                request=self.request,
            )
            raise
