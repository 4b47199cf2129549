"""Every change made in the admin site goes into the audit log: who, when, from which address,
and each changed field before and after (a foreign key by the name it shows, a password only
as "changed").

The admin writes through Django's ModelAdmin, not through the services, so the services'
audit rows would be missing; ``AuditedAdmin`` writes them in the admin's own transaction
(the change and its row are committed together), for additions, changes, deletions (one by
one and in bulk) and many-to-many fields.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.forms import ModelForm
from django.http import HttpRequest

from apps.audit.models import AuditAction
from apps.audit.services import audit_record, changes_of

_SKIPPED = frozenset({"last_login", "updated_at", "created_at", "date_joined"})
_SECRET = frozenset({"password", "key_hash"})
_CHANGED_SECRET = "（已修改）"


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The instance's fields as a person reads them (a foreign key by its name)."""
    values: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in _SKIPPED or field.primary_key:
            continue
        if field.name in _SECRET:
            values[field.name] = str(getattr(instance, field.attname) or "")
            continue
        if isinstance(field, models.ForeignKey):
            related = getattr(instance, field.name, None)
            values[field.name] = str(related) if related is not None else None
            continue
        value = getattr(instance, field.attname)
        values[field.name] = value if isinstance(value, bool | int | None) else str(value)
    if instance.pk is not None:
        for field in instance._meta.many_to_many:
            related = getattr(instance, field.name).all()
            values[field.name] = sorted(str(item) for item in related)
    return values


def _hide_secrets(summary: dict[str, Any]) -> dict[str, Any]:
    for side in ("before", "after"):
        for name in _SECRET & set(summary.get(side, {})):
            summary[side][name] = _CHANGED_SECRET
    return summary


class AuditedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """A ModelAdmin whose every write is an audit entry with before and after."""

    def get_object(self, request: HttpRequest, object_id: str, from_field: Any = None) -> Any:
        found = super().get_object(request, object_id, from_field)
        if found is not None and request.method == "POST":
            request._audit_before = snapshot(found)  # type: ignore[attr-defined]
        return found

    def save_related(
        self, request: HttpRequest, form: ModelForm[Any], formsets: Any, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        # After the many-to-many fields are saved too: the entry sees the whole change.
        instance = form.instance
        after = snapshot(instance)
        if change:
            before = getattr(request, "_audit_before", {})
            summary = _hide_secrets(changes_of(before, after))
            if summary["after"]:
                audit_record(
                    action=AuditAction.UPDATE,
                    actor=request.user,
                    target=instance,
                    summary={**summary, "via": "admin"},
                    request=request,
                )
        else:
            summary = _hide_secrets({"after": after})
            audit_record(
                action=AuditAction.CREATE,
                actor=request.user,
                target=instance,
                summary={**summary, "via": "admin"},
                request=request,
            )

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        self._record_deletion(request, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> None:
        for obj in queryset:
            self._record_deletion(request, obj)
        super().delete_queryset(request, queryset)

    def _record_deletion(self, request: HttpRequest, obj: models.Model) -> None:
        audit_record(
            action=AuditAction.DELETE,
            actor=request.user,
            target=obj,
            summary={**_hide_secrets({"before": snapshot(obj)}), "via": "admin"},
            request=request,
        )


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Listed and shown in the admin, changed only by the application's own steps."""

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
