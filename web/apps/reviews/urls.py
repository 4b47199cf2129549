from django.urls import path

from apps.reviews import views

app_name = "reviews"
urlpatterns = [
    path("work/", views.work_view, name="work"),
    path("<id:pk>/<str:action>/", views.transition_view, name="transition"),
    path("<id:pk>/<str:action>/comment/", views.comment_transition_view, name="comment"),
    path("<id:pk>/<str:action>/confirm/", views.gate_view, name="gate"),
]
