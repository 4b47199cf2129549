from django.urls import path

from apps.submissions import basic_views, render_views, views

app_name = "submissions"
urlpatterns = [
    path("<id:pk>/", views.submission_detail_view, name="detail"),
    path("<id:pk>/edit/", views.submission_edit_view, name="edit"),
    path("<id:pk>/basic-data/", basic_views.basic_data_view, name="basic_data"),
    path("<id:pk>/upload/", views.document_upload_view, name="upload"),
    path("<id:pk>/status/", views.submission_status_view, name="status"),
    path("<id:pk>/files/<id:document_id>/", views.document_download_view, name="document"),
    path("<id:pk>/download/<str:fmt>/", render_views.render_download_view, name="render"),
    path(
        "<id:pk>/download/<str:fmt>/status/",
        render_views.render_status_view,
        name="render_status",
    ),
    path("<id:pk>/versions/<id:number>/", views.version_detail_view, name="version"),
]
