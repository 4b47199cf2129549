"""URL configuration."""

from django.contrib import admin
from django.urls import include, path

from apps import bounded
from apps.audit.forms import ThrottledAdminAuthenticationForm
from apps.reviews.views import home_view

bounded.register()  # <id:…> and <year:…>, before the apps' URLs below are read

admin.site.site_header = "绩效评价管理系统"
admin.site.site_title = "绩效评价管理系统"
admin.site.login_form = ThrottledAdminAuthenticationForm  # log-in throttling in the admin too

urlpatterns = [
    path("", home_view, name="home"),
    path("accounts/", include("apps.accounts.urls")),
    path("units/", include("apps.units.urls")),
    path("campaigns/", include("apps.campaigns.urls")),
    path("submissions/", include("apps.submissions.urls")),
    path("reviews/", include("apps.reviews.urls")),
    path("public/", include("apps.publications.urls")),
    path("targets/", include("apps.targets.urls")),
    path("monitoring/", include("apps.monitoring.urls")),
    path("rectification/", include("apps.rectification.urls")),
    path("key-projects/", include("apps.evaluations.urls")),
    path("admin/", admin.site.urls),
    path("api/", include("apps.api.urls")),
]
