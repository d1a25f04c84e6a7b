"""The admin: no default account, throttled logins, permissions enforced in the view."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

pytestmark = pytest.mark.django_db


def test_there_is_no_default_account(catalog, django_user_model):
    assert not django_user_model.objects.exists()


def attempt(client, username, password, address="10.0.0.1"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_logins_are_throttled_per_account(django_user_model, settings):
    django_user_model.objects.create_superuser("editor", "e@example.org", "right-password-42")
    statuses = [
        attempt(Client(), "editor", "wrong", address=f"10.0.1.{n}").status_code
        for n in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]  # locked at the limit
    locked = attempt(Client(), "editor", "right-password-42", address="10.0.2.1")
    assert locked.status_code == 429
    assert "Too many sign-in attempts" in locked.content.decode()


def test_logins_are_throttled_per_client(django_user_model, settings):
    django_user_model.objects.create_superuser("editor", "e@example.org", "right-password-42")
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(Client(), f"guess{n}", "wrong", address="10.0.3.3")
    assert attempt(Client(), "editor", "right-password-42", address="10.0.3.3").status_code == 429
    assert attempt(Client(), "editor", "right-password-42", address="10.0.3.4").status_code == 302


def test_a_forged_forwarded_header_does_not_dodge_the_limit(django_user_model, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        Client().post(
            "/admin/login/",
            {"username": f"guess{n}", "password": "x"},
            REMOTE_ADDR="10.0.4.4",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    locked = Client().post(
        "/admin/login/",
        {"username": "other", "password": "x"},
        REMOTE_ADDR="10.0.4.4",
        HTTP_X_FORWARDED_FOR="192.0.2.200",
    )
    assert locked.status_code == 429


def test_staff_without_a_permission_cannot_see_or_change_it(client, catalog, django_user_model):
    user = django_user_model.objects.create_user("viewer", password="pw-unused-123", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_role"))
    client.force_login(user)
    assert client.get("/admin/stages/role/").status_code == 200
    assert client.get("/admin/stages/role/add/").status_code == 403
    assert client.get("/admin/salaries/wageestimate/").status_code == 403
    response = client.post("/admin/stages/role/1/change/", {"title": "Changed"})
    assert response.status_code == 403
