from django.urls import path

from salaries import views

app_name = "salaries"

urlpatterns = [
    path("", views.explorer, name="explorer"),
]
