"""Headers on every kind of response, request limits, escaping, and the error pages."""

import logging

import pytest
from django.test import Client

from careerpath.models import SharedPlan
from stages.models import Role

pytestmark = pytest.mark.django_db

STRICT_DIRECTIVES = [
    "default-src 'none'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "connect-src 'self'",
]


def assert_secure_headers(response):
    policy = response["Content-Security-Policy"]
    for directive in STRICT_DIRECTIVES:
        assert directive in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.fixture
def shared_link(client, catalog):
    return client.post("/plan/share/", {"role": "medical-coder-i", "years": "2"})["Location"]


@pytest.mark.parametrize(
    ("url", "headers", "status"),
    [
        ("/", {}, 200),
        ("/plan/?role=medical-coder-i&years=2", {}, 200),
        ("/plan/?role=medical-coder-i&years=2", {"HX-Request": "true"}, 200),
        ("/plan/?years=abc", {}, 400),
        ("/api/plan/?role=medical-coder-i", {}, 200),
        ("/api/plan/?role=nope", {}, 400),
        ("/paths/", {}, 200),
        ("/roles/coding-manager/", {}, 200),
        ("/certifications/cpc/", {}, 200),
        ("/compare/?role=coding-manager&role=him-director", {}, 200),
        ("/salaries/", {}, 200),
        ("/no-such-page/", {}, 404),
        ("/plan/share/", {}, 405),
    ],
)
def test_every_kind_of_response_carries_the_strict_policy(client, catalog, url, headers, status):
    response = client.get(url, headers=headers)
    assert response.status_code == status
    assert_secure_headers(response)


def test_shared_plans_and_the_admin_carry_it_too(client, shared_link, admin_client):
    assert_secure_headers(client.get(shared_link))
    assert_secure_headers(admin_client.get("/admin/stages/role/"))
    assert_secure_headers(Client().get("/admin/login/"))


def test_pages_run_only_script_files_of_their_own_and_no_inline_code(client, catalog):
    html = client.get("/plan/?role=medical-coder-i&years=2").content.decode()
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy + ";" and "'nonce-" not in policy
    assert "unsafe-inline" not in policy
    assert " style=" not in html and "<style" not in html
    assert "hx-on" not in html and "onclick" not in html
    scripts = [chunk for chunk in html.split("<script")[1:]]
    assert scripts and all(" src=" in chunk.split(">")[0] for chunk in scripts)


def test_an_oversized_query_string_is_refused(client, catalog, settings):
    response = client.get("/plan/?specialty=" + "x" * (settings.MAX_QUERY_STRING_BYTES + 10))
    assert response.status_code == 414
    assert "That address is too long" in response.content.decode()


def test_hundreds_of_credentials_are_a_clear_400(client, catalog):
    query = "&".join(f"cert=c{n}" for n in range(180))  # just under the 2 KB address limit
    response = client.get(f"/plan/?{query}")
    assert response.status_code == 400
    assert "not a credential we know" in response.content.decode()
    too_many = "&".join(f"f{n}=1" for n in range(1200))
    assert client.get(f"/api/plan/?{too_many}").status_code in (400, 414)


def test_a_large_body_is_refused_and_nothing_is_saved(client, catalog, settings):
    body = {
        "role": "medical-coder-i",
        "specialty": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1),
    }
    response = client.post("/plan/share/", body)
    assert response.status_code in (400, 413)
    assert not SharedPlan.objects.exists()


def test_admin_text_comes_back_escaped_everywhere(client, catalog):
    payload = '<script>alert(1)</script>" hx-get="/evil" {{ 7|add:1 }}'
    role = Role.objects.get(slug="senior-medical-coder")
    role.title = payload
    role.summary = payload
    role.save()
    for url in (
        "/roles/senior-medical-coder/",
        "/paths/",
        "/plan/?role=medical-coder-i&years=2",
        "/compare/?role=senior-medical-coder&role=coding-manager",
    ):
        html = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html, url
        assert '" hx-get="/evil"' not in html, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;&#34; hx-get=&#34;/evil&#34;" in html, url
        assert "{{ 7|add:1 }}" in html, url  # shown as text, never evaluated


def test_refused_requests_are_logged_with_escaped_text(client, catalog, caplog):
    with caplog.at_level(logging.WARNING, logger="careerpath.requests"):
        client.get("/roles/%0Afake-entry/")
    line = next(r.getMessage() for r in caplog.records if r.name == "careerpath.requests")
    assert "status=404" in line and "client=127.0.0.1" in line
    assert "\n" not in line and "\\n" in line


@pytest.mark.parametrize(
    ("status", "text"), [(400, "We could not read"), (403, "You cannot do that")]
)
def test_error_pages_help_and_reveal_nothing(status, text):
    from django.template.loader import render_to_string

    html = render_to_string(f"{status}.html")
    assert text in html and "Traceback" not in html


def test_https_settings_are_on_in_production(client, catalog):
    response = client.get("/plan/?role=medical-coder-i&years=2", secure=True)
    assert "max-age=31536000" in response["Strict-Transport-Security"]
    cookie = response.cookies["csrftoken"]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"


def test_a_server_error_is_a_plain_page_under_the_same_policy(client, catalog, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("careerpath.views.planner.build_plan", broken)
    client.raise_request_exception = False
    response = client.get("/plan/?role=medical-coder-i")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in html
    assert "secret internals" not in html and "Traceback" not in html
    assert_secure_headers(response)
