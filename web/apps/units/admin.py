from django.contrib import admin

from apps.units.models import Region, Unit


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("code", "name")


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("code", "name", "kind", "region", "active")
    list_filter = ("kind", "region", "active")
    search_fields = ("code", "name")
