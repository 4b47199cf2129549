from django.urls import path

from apps.targets import evaluation_views as ev
from apps.targets import views

app_name = "targets"
urlpatterns = [
    path("", views.table_list_view, name="list"),
    path("new/", views.table_create_view, name="create"),
    path("<id:pk>/", views.table_detail_view, name="detail"),
    path("<id:pk>/edit/", views.table_edit_view, name="edit"),
    path("<id:pk>/library/", views.library_view, name="library"),
    path("<id:pk>/lint/", views.lint_view, name="lint"),
    path("<id:pk>/step/<str:action>/", views.transition_view, name="transition"),
    path("<id:pk>/step/<str:action>/comment/", views.comment_view, name="comment"),
    path("<id:pk>/evaluation/", ev.evaluation_start_view, name="evaluation_start"),
    path("evaluations/<id:pk>/", ev.evaluation_detail_view, name="evaluation"),
    path("evaluations/<id:pk>/edit/", ev.evaluation_edit_view, name="evaluation_edit"),
    path(
        "evaluations/<id:pk>/step/<str:action>/",
        ev.evaluation_transition_view,
        name="evaluation_transition",
    ),
    path(
        "evaluations/<id:pk>/step/<str:action>/comment/",
        ev.evaluation_comment_view,
        name="evaluation_comment",
    ),
]
