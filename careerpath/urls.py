from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from careerpath import views

urlpatterns = [
    path("", views.home, name="home"),
    path("plan/", views.plan, name="plan"),
    path("plan/share/", views.share, name="share-plan"),
    path("plan/calendar.ics", views.plan_calendar, name="plan-calendar"),
    path("p/<str:token>/", views.shared, name="shared-plan"),
    path("api/plan/", views.api_plan, name="api-plan"),
    path("salaries/", include("salaries.urls")),
    path("certifications/", include("certifications.urls")),
    path("", include("stages.urls")),
    path(settings.ADMIN_PATH, admin.site.urls),
]

handler400 = views.bad_request
handler403 = views.permission_denied
handler404 = views.page_not_found
handler500 = views.server_error
