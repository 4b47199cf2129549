from django.urls import path

from apps.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("", views.checkpoint_list_view, name="list"),
    path("new/", views.checkpoint_create_view, name="create"),
    path("<id:pk>/", views.overview_view, name="overview"),
    path("<id:pk>/close/", views.checkpoint_close_view, name="close"),
    path("<id:pk>/units/<id:unit_id>/", views.record_view, name="record"),
    path("<id:pk>/units/<id:unit_id>/edit/", views.record_edit_view, name="record_edit"),
]
