from django.urls import path

from apps.publications import views

app_name = "publications"
urlpatterns = [
    path("", views.public_index, name="index"),
    path("reports/<id:pk>/", views.public_report, name="report"),
    path("reports/<id:pk>.json", views.public_report_json, name="report_json"),
    path("units/<id:pk>/", views.public_unit, name="unit"),
    path("campaigns/<id:pk>/data.csv", views.public_campaign_csv, name="campaign_csv"),
    path("campaigns/<id:pk>/data.json", views.public_campaign_json, name="campaign_json"),
]
