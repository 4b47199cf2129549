from django.urls import path

from apps.submissions import basic_views, render_views, views

app_name = "submissions"
urlpatterns = [
    path("<int:pk>/", views.submission_detail_view, name="detail"),
    path("<int:pk>/edit/", views.submission_edit_view, name="edit"),
    path("<int:pk>/basic-data/", basic_views.basic_data_view, name="basic_data"),
    path("<int:pk>/upload/", views.document_upload_view, name="upload"),
    path("<int:pk>/status/", views.submission_status_view, name="status"),
    path("<int:pk>/files/<int:document_id>/", views.document_download_view, name="document"),
    path("<int:pk>/download/<str:fmt>/", render_views.render_download_view, name="render"),
    path(
        "<int:pk>/download/<str:fmt>/status/",
        render_views.render_status_view,
        name="render_status",
    ),
    path("<int:pk>/versions/<int:number>/", views.version_detail_view, name="version"),
]
