from django.urls import path

from apps.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("", views.checkpoint_list_view, name="list"),
    path("new/", views.checkpoint_create_view, name="create"),
    path("<int:pk>/", views.overview_view, name="overview"),
    path("<int:pk>/close/", views.checkpoint_close_view, name="close"),
    path("<int:pk>/units/<int:unit_id>/", views.record_view, name="record"),
    path("<int:pk>/units/<int:unit_id>/edit/", views.record_edit_view, name="record_edit"),
]
