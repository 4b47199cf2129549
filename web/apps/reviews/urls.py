from django.urls import path

from apps.reviews import views

app_name = "reviews"
urlpatterns = [
    path("<int:pk>/<str:action>/", views.transition_view, name="transition"),
    path("<int:pk>/<str:action>/comment/", views.comment_transition_view, name="comment"),
]
