"""The admin: no default account, throttled logins, permissions enforced in the view."""

import logging

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from stages.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Every sign-in attempt hashes a password; the production hasher takes a good part of a
    # second each, which these tests would pay dozens of times. Throttling does not depend on it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_there_is_no_default_account(catalog, django_user_model):
    assert not django_user_model.objects.exists()


def attempt(client, username, password, address="10.0.0.1"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_knowing_a_user_name_does_not_lock_its_owner_out(django_user_model, settings, caplog):
    """The attack: wrong passwords for a real account from as many addresses as the limit."""
    django_user_model.objects.create_superuser("editor", "e@example.org", "right-password-42")
    with caplog.at_level(logging.WARNING, logger="careerpath.signin"):
        statuses = [
            attempt(Client(), "editor", "wrong", address=f"10.0.1.{n}").status_code
            for n in range(settings.AXES_FAILURE_LIMIT)
        ]
    assert statuses == [200] * settings.AXES_FAILURE_LIMIT  # each address tried once
    owner = attempt(Client(), "editor", "right-password-42", address="10.0.2.1")
    assert owner.status_code == 302 and owner["Location"] == "/admin/"
    # ... and an operator is told, once the failures at the account reach the limit.
    alerts = [r.getMessage() for r in caplog.records if r.name == "careerpath.signin"]
    assert alerts == [
        f"sign-in failures for account editor: {settings.AXES_FAILURE_LIMIT} in the last 60 "
        f"minutes from {settings.AXES_FAILURE_LIMIT} address(es); each address is paused after "
        f"{settings.AXES_FAILURE_LIMIT}, the account itself stays open"
    ]


def test_a_brute_force_from_one_address_is_stopped(django_user_model, settings):
    django_user_model.objects.create_superuser("editor", "e@example.org", "right-password-42")
    statuses = [
        attempt(Client(), "editor", f"guess-{n}", address="10.0.1.1").status_code
        for n in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]  # locked at the limit
    locked = attempt(Client(), "editor", "right-password-42", address="10.0.1.1")
    assert locked.status_code == 429
    assert "Sign-in from your address is paused" in locked.content.decode()
    assert locked["Retry-After"] == "3600"
    assert attempt(Client(), "editor", "right-password-42", address="10.0.2.1").status_code == 302


def test_logins_are_throttled_per_client(django_user_model, settings):
    django_user_model.objects.create_superuser("editor", "e@example.org", "right-password-42")
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(Client(), f"guess{n}", "wrong", address="10.0.3.3")
    locked = attempt(Client(), "editor", "right-password-42", address="10.0.3.3")
    assert locked.status_code == 429 and locked["Retry-After"] == "3600"
    assert attempt(Client(), "editor", "right-password-42", address="10.0.3.4").status_code == 302


def test_guesses_at_names_that_do_not_exist_raise_no_alert(settings, caplog):
    with caplog.at_level(logging.WARNING, logger="careerpath.signin"):
        for n in range(settings.AXES_FAILURE_LIMIT):
            attempt(Client(), "nobody", "wrong", address=f"10.0.5.{n}")
    assert not [r for r in caplog.records if r.name == "careerpath.signin"]


def test_behind_a_declared_proxy_one_client_cannot_lock_out_another(django_user_model, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    django_user_model.objects.create_superuser("editor", "e@example.org", "right-password-42")
    for n in range(settings.AXES_FAILURE_LIMIT):
        Client().post(
            "/admin/login/",
            {"username": f"guess{n}", "password": "x"},
            REMOTE_ADDR="10.9.9.9",  # the proxy
            HTTP_X_FORWARDED_FOR="192.0.2.66",
        )
    owner = Client().post(
        "/admin/login/",
        {"username": "editor", "password": "right-password-42"},
        REMOTE_ADDR="10.9.9.9",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert owner.status_code == 302


def test_an_undeclared_proxy_is_reported_once(settings, caplog, monkeypatch):
    monkeypatch.setattr("careerpath.clients._warned_of_untrusted_proxy", False)
    with caplog.at_level(logging.WARNING, logger="careerpath.requests"):
        for n in range(3):
            Client().post(
                "/admin/login/",
                {"username": "someone", "password": "x"},
                HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
            )
    warnings = [r.getMessage() for r in caplog.records if "X-Forwarded-For" in r.getMessage()]
    assert len(warnings) == 1 and "DJANGO_TRUSTED_PROXY_COUNT is 0" in warnings[0]


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
    # The role's own id: on PostgreSQL a rolled-back check of the fixtures moves the sequence.
    role = Role.objects.get(slug="medical-coder-i")
    response = client.post(f"/admin/stages/role/{role.pk}/change/", {"title": "Changed"})
    assert response.status_code == 403
    role.refresh_from_db()
    assert role.title != "Changed"
