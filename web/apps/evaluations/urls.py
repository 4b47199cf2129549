from django.urls import path

from apps.evaluations import paper_views, pool_views, public_views, sheet_views, views

app_name = "evaluations"
urlpatterns = [
    path("", views.index_view, name="index"),
    path("plans/new/", views.plan_create_view, name="plan_create"),
    path("plans/<int:pk>/", views.plan_view, name="plan"),
    path("plans/<int:pk>/candidates/", views.candidates_view, name="candidates"),
    path("plans/<int:pk>/publish/", views.plan_publish_view, name="plan_publish"),
    path("projects/<int:pk>/", views.project_view, name="project"),
    path("projects/<int:pk>/remove/", views.project_remove_view, name="project_remove"),
    path("projects/<int:pk>/assign/", views.assign_view, name="assign"),
    path("projects/<int:pk>/step/<str:action>/", views.step_view, name="step"),
    path("projects/<int:pk>/figures/", views.figures_view, name="figures"),
    path("projects/<int:pk>/text/", views.text_view, name="text"),
    path(
        "projects/<int:pk>/indicators/<int:indicator_id>/discussion/",
        views.discussion_view,
        name="discussion",
    ),
    path("projects/<int:pk>/report.<str:fmt>", views.report_view, name="report"),
    path("projects/<int:pk>/requests/", paper_views.request_create_view, name="request_create"),
    path(
        "projects/<int:pk>/requests/<int:request_id>/upload/",
        paper_views.request_upload_view,
        name="request_upload",
    ),
    path("projects/<int:pk>/files/<int:file_id>/", paper_views.request_file_view, name="file"),
    path("projects/<int:pk>/visits/", paper_views.visit_view, name="visit"),
    path("projects/<int:pk>/surveys/", paper_views.survey_view, name="survey"),
    path("projects/<int:pk>/feedback/", paper_views.feedback_view, name="feedback"),
    path("sheets/<int:pk>/", sheet_views.sheet_view, name="sheet"),
    path("sheets/<int:pk>/submit/", sheet_views.sheet_submit_view, name="sheet_submit"),
    path("sheets/<int:pk>/staff/", sheet_views.staff_view, name="staff"),
    path("sheets/<int:pk>/declare/", sheet_views.declare_view, name="declare"),
    path("experts/", pool_views.experts_view, name="experts"),
    path("experts/<int:pk>/conflicts/", pool_views.expert_conflict_view, name="expert_conflict"),
    path("agencies/", pool_views.agencies_view, name="agencies"),
    path("agencies/<int:pk>/staff/", pool_views.agency_staff_view, name="agency_staff"),
    path("public/", public_views.public_list_view, name="public"),
    path("public/<int:pk>/", public_views.public_detail_view, name="public_detail"),
]
