from django.conf import settings
from django.contrib import admin
from django.urls import path

from careerpath import views

urlpatterns = [
    path("", views.home, name="home"),
    path(settings.ADMIN_PATH, admin.site.urls),
]
