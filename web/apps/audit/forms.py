"""Log-in forms that say, in Chinese, when an account is throttled (the backend refuses
such attempts too, but a form can tell the person why)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm

from apps.audit.services import (
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
