from django.urls import path

from apps.units import views

app_name = "units"
urlpatterns = [
    path("", views.unit_list_view, name="list"),
    path("import/", views.unit_import_view, name="import"),
]
