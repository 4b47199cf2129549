from django.urls import path

from apps.rectification import views

app_name = "rectification"
urlpatterns = [
    path("", views.index_view, name="index"),
    path("new/<year:year>/<str:key>/", views.issue_view, name="issue"),
    path("<id:pk>/", views.notice_view, name="notice"),
    path("<id:pk>/answer/", views.answer_view, name="answer"),
    path("<id:pk>/step/<str:action>/", views.step_view, name="step"),
    path("<id:pk>/step/<str:action>/comment/", views.comment_view, name="comment"),
    path("<id:pk>/files/<id:attachment_id>/", views.attachment_view, name="attachment"),
    path("budget-review/<year:year>/", views.budget_review_view, name="budget_review"),
    path("units/<id:unit_id>/comparison/", views.unit_comparison_view, name="unit_comparison"),
    path("peers/<year:year>/", views.peers_view, name="peers"),
]
