from django.urls import path

from apps.campaigns import views
from apps.campaigns.summary_views import campaign_summary_view

app_name = "campaigns"
urlpatterns = [
    path("", views.campaign_list_view, name="list"),
    path("new/", views.campaign_create_view, name="create"),
    path("<id:pk>/", views.campaign_detail_view, name="detail"),
    path("<id:pk>/export.xlsx", views.campaign_export_view, name="export"),
    path("<id:pk>/summary.<str:fmt>", campaign_summary_view, name="summary"),
    path("<id:pk>/batch/", views.batch_upload_view, name="batch_upload"),
    path("batches/<id:pk>/", views.batch_status_view, name="batch"),
]
