from django.urls import path

from apps.submissions import views

app_name = "submissions"
urlpatterns = [
    path("<int:pk>/", views.submission_detail_view, name="detail"),
    path("<int:pk>/edit/", views.submission_edit_view, name="edit"),
    path("<int:pk>/upload/", views.document_upload_view, name="upload"),
    path("<int:pk>/status/", views.submission_status_view, name="status"),
    path("<int:pk>/files/<int:document_id>/", views.document_download_view, name="document"),
    path("<int:pk>/download/<str:fmt>/", views.render_download_view, name="render"),
    path("<int:pk>/versions/<int:number>/", views.version_detail_view, name="version"),
]
