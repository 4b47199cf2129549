from django.urls import path

from apps.campaigns import views
from apps.campaigns.summary_views import campaign_summary_view

app_name = "campaigns"
urlpatterns = [
    path("", views.campaign_list_view, name="list"),
    path("new/", views.campaign_create_view, name="create"),
    path("<int:pk>/", views.campaign_detail_view, name="detail"),
    path("<int:pk>/export.xlsx", views.campaign_export_view, name="export"),
    path("<int:pk>/summary.<str:fmt>", campaign_summary_view, name="summary"),
    path("<int:pk>/batch/", views.batch_upload_view, name="batch_upload"),
    path("batches/<int:pk>/", views.batch_status_view, name="batch"),
]
