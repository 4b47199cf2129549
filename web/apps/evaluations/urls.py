from django.urls import path

from apps.evaluations import paper_views, pool_views, public_views, sheet_views, views

app_name = "evaluations"
urlpatterns = [
    path("", views.index_view, name="index"),
    path("plans/new/", views.plan_create_view, name="plan_create"),
    path("plans/<id:pk>/", views.plan_view, name="plan"),
    path("plans/<id:pk>/candidates/", views.candidates_view, name="candidates"),
    path("plans/<id:pk>/publish/", views.plan_publish_view, name="plan_publish"),
    path("projects/<id:pk>/", views.project_view, name="project"),
    path("projects/<id:pk>/remove/", views.project_remove_view, name="project_remove"),
    path("projects/<id:pk>/assign/", views.assign_view, name="assign"),
    path("projects/<id:pk>/step/<str:action>/", views.step_view, name="step"),
    path("projects/<id:pk>/figures/", views.figures_view, name="figures"),
    path("projects/<id:pk>/text/", views.text_view, name="text"),
    path(
        "projects/<id:pk>/indicators/<id:indicator_id>/discussion/",
        views.discussion_view,
        name="discussion",
    ),
    path("projects/<id:pk>/report.<str:fmt>", views.report_view, name="report"),
    path("projects/<id:pk>/requests/", paper_views.request_create_view, name="request_create"),
    path(
        "projects/<id:pk>/requests/<id:request_id>/upload/",
        paper_views.request_upload_view,
        name="request_upload",
    ),
    path("projects/<id:pk>/files/<id:file_id>/", paper_views.request_file_view, name="file"),
    path("projects/<id:pk>/visits/", paper_views.visit_view, name="visit"),
    path("projects/<id:pk>/surveys/", paper_views.survey_view, name="survey"),
    path("projects/<id:pk>/feedback/", paper_views.feedback_view, name="feedback"),
    path("sheets/<id:pk>/", sheet_views.sheet_view, name="sheet"),
    path("sheets/<id:pk>/submit/", sheet_views.sheet_submit_view, name="sheet_submit"),
    path("sheets/<id:pk>/staff/", sheet_views.staff_view, name="staff"),
    path("sheets/<id:pk>/declare/", sheet_views.declare_view, name="declare"),
    path("experts/", pool_views.experts_view, name="experts"),
    path("experts/<id:pk>/conflicts/", pool_views.expert_conflict_view, name="expert_conflict"),
    path("agencies/", pool_views.agencies_view, name="agencies"),
    path("agencies/<id:pk>/staff/", pool_views.agency_staff_view, name="agency_staff"),
    path("public/", public_views.public_list_view, name="public"),
    path("public/<id:pk>/", public_views.public_detail_view, name="public_detail"),
]
