from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from careerpath import views

urlpatterns = [
    path("", views.home, name="home"),
    path("plan/", views.plan, name="plan"),
    path("plan/details/", views.plan_details, name="plan-details"),
    path("plan/share/", views.share, name="share-plan"),
    path("plan/calendar.ics", views.plan_calendar, name="plan-calendar"),
    path("p/<str:token>/", views.shared, name="shared-plan"),
    path("plan/keep/", views.keep, name="keep-plan"),
    path("my/deleted/", views.my_plan_deleted, name="my-plan-deleted"),
    path("my/<str:token>/", views.my_plan, name="my-plan"),
    path("my/<str:token>/answers/", views.my_answers, name="my-plan-answers"),
    path("my/<str:token>/ceus/", views.my_ceu_add, name="my-plan-ceu-add"),
    path("my/<str:token>/ceus/<int:entry>/delete/", views.my_ceu_delete, name="my-plan-ceu-delete"),
    path("my/<str:token>/goals/", views.my_goal_set, name="my-plan-goal-set"),
    path(
        "my/<str:token>/goals/<int:goal>/delete/", views.my_goal_delete, name="my-plan-goal-delete"
    ),
    path("my/<str:token>/milestones/<slug:slug>/", views.my_milestone, name="my-plan-milestone"),
    path("my/<str:token>/delete/", views.my_delete, name="my-plan-delete"),
    path("my/<str:token>/key.txt", views.my_key, name="my-plan-key"),
    path("my/<str:token>/calendar.ics", views.my_calendar, name="my-plan-calendar"),
    path("api/plan/", views.api_plan, name="api-plan"),
    path("api/my/<str:token>/", views.api_my_plan, name="api-my-plan"),
    path("salaries/", include("salaries.urls")),
    path("certifications/", include("certifications.urls")),
    path("", include("stages.urls")),
    path(settings.ADMIN_PATH, admin.site.urls),
]

handler400 = views.bad_request
handler403 = views.permission_denied
handler404 = views.page_not_found
handler500 = views.server_error
