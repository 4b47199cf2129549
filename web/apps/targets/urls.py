from django.urls import path

from apps.targets import evaluation_views as ev
from apps.targets import views

app_name = "targets"
urlpatterns = [
    path("", views.table_list_view, name="list"),
    path("new/", views.table_create_view, name="create"),
    path("<int:pk>/", views.table_detail_view, name="detail"),
    path("<int:pk>/edit/", views.table_edit_view, name="edit"),
    path("<int:pk>/library/", views.library_view, name="library"),
    path("<int:pk>/lint/", views.lint_view, name="lint"),
    path("<int:pk>/step/<str:action>/", views.transition_view, name="transition"),
    path("<int:pk>/step/<str:action>/comment/", views.comment_view, name="comment"),
    path("<int:pk>/evaluation/", ev.evaluation_start_view, name="evaluation_start"),
    path("evaluations/<int:pk>/", ev.evaluation_detail_view, name="evaluation"),
    path("evaluations/<int:pk>/edit/", ev.evaluation_edit_view, name="evaluation_edit"),
    path(
        "evaluations/<int:pk>/step/<str:action>/",
        ev.evaluation_transition_view,
        name="evaluation_transition",
    ),
    path(
        "evaluations/<int:pk>/step/<str:action>/comment/",
        ev.evaluation_comment_view,
        name="evaluation_comment",
    ),
]
