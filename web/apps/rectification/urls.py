from django.urls import path

from apps.rectification import views

app_name = "rectification"
urlpatterns = [
    path("", views.index_view, name="index"),
    path("new/<int:year>/<str:key>/", views.issue_view, name="issue"),
    path("<int:pk>/", views.notice_view, name="notice"),
    path("<int:pk>/answer/", views.answer_view, name="answer"),
    path("<int:pk>/step/<str:action>/", views.step_view, name="step"),
    path("<int:pk>/step/<str:action>/comment/", views.comment_view, name="comment"),
    path("<int:pk>/files/<int:attachment_id>/", views.attachment_view, name="attachment"),
    path("budget-review/<int:year>/", views.budget_review_view, name="budget_review"),
    path("units/<int:unit_id>/comparison/", views.unit_comparison_view, name="unit_comparison"),
    path("peers/<int:year>/", views.peers_view, name="peers"),
]
