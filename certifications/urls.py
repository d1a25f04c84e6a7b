from django.urls import path

from certifications import views

app_name = "certifications"

urlpatterns = [
    path("", views.certification_list, name="list"),
    path("<slug:slug>/", views.certification_detail, name="detail"),
]
