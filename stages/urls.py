from django.urls import path

from stages import views

app_name = "stages"

urlpatterns = [
    path("paths/", views.career_map, name="career-map"),
    path("roles/<slug:slug>/", views.role_detail, name="role"),
    path("compare/", views.compare, name="compare"),
]
