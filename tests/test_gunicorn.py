"""The reported attacks replayed against the real server: gunicorn (gunicorn.conf.py, DEBUG off)
on 127.0.0.1, serving this run's test database. Each test sends a handful of requests."""

import http.client
import socket
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connection

from bench.production import gunicorn

pytestmark = pytest.mark.django_db(transaction=True)
MB = 1024 * 1024
CSRF = "a" * 32
STRICT = "default-src 'none'"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_environment() -> dict[str, str]:
    """Points the server at the database this run of the suite uses."""
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return {"DJANGO_SQLITE_PATH": str(database["NAME"])}
    credentials = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    return {
        "DATABASE_URL": f"postgres://{credentials}@{database['HOST']}:{database['PORT']}/"
        f"{database['NAME']}"
    }


@pytest.fixture(scope="module")
def server(django_db_setup):
    from bench.production import production_environment

    env = production_environment(settings.BASE_DIR / "unused.sqlite3")
    env.pop("DJANGO_SQLITE_PATH")
    env.update(database_environment())
    env["DJANGO_CATALOG_CACHE_SECONDS"] = "0"  # each test loads the catalog it needs
    port = free_port()
    env["DJANGO_SITE_ORIGIN"] = f"http://127.0.0.1:{port}"  # as a deployment names its own
    with gunicorn(env, port, workers=1) as url:
        yield urlsplit(url)


def open_request(server, method, path, headers):
    """A request whose headers are sent (Host among them) and whose body the caller sends."""
    conn = http.client.HTTPConnection(server.hostname, server.port, timeout=30)
    conn.putrequest(method, path, skip_accept_encoding=True)
    for name, value in headers.items():
        conn.putheader(name, value)
    conn.endheaders()
    return conn


def answer(conn):
    response = conn.getresponse()
    body = response.read().decode(errors="replace")
    conn.close()
    return response, body


def assert_site_page(response, body, status, text):
    assert response.status == status
    assert text in body
    assert STRICT in response.getheader("Content-Security-Policy", "")
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("X-Frame-Options") == "DENY"


@pytest.mark.parametrize("path", ["/plan/share/", "/admin/login/"])
def test_a_declared_200_mb_multipart_body_gets_413_after_64_kb(server, path):
    conn = open_request(
        server,
        "POST",
        path,
        {
            "Cookie": f"csrftoken={CSRF}",
            "Content-Type": "multipart/form-data; boundary=xyz",
            "Content-Length": str(200 * MB),
        },
    )
    conn.send(b'--xyz\r\nContent-Disposition: form-data; name="f"; filename="a"\r\n\r\n')
    conn.send(b"x" * 64 * 1024)  # then nothing more: the answer must not wait for the rest
    response, body = answer(conn)
    assert_site_page(response, body, 413, "That was more than we accept")


def test_a_chunked_body_past_the_limit_gets_413(server):
    conn = open_request(
        server,
        "POST",
        "/plan/share/",
        {
            "Cookie": f"csrftoken={CSRF}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Transfer-Encoding": "chunked",
        },
    )
    chunk = b"x" * 64 * 1024
    for _ in range(20):  # 1.25 MB in all
        conn.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
    conn.send(b"0\r\n\r\n")
    response, body = answer(conn)
    assert_site_page(response, body, 413, "That was more than we accept")


def test_a_chunked_form_under_the_limit_is_read(server, catalog):
    form = f"role=medical-coder-i&years=2&csrfmiddlewaretoken={CSRF}".encode()
    conn = open_request(
        server,
        "POST",
        "/plan/share/",
        {
            "Cookie": f"csrftoken={CSRF}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Transfer-Encoding": "chunked",
        },
    )
    conn.send(b"%x\r\n%s\r\n0\r\n\r\n" % (len(form), form))
    response, _ = answer(conn)
    assert response.status == 303
    assert response.getheader("Location").startswith("/p/")


def test_a_latin_1_form_gets_the_400_page_not_a_bare_500(server):
    form = f"role=medical-coder-i&csrfmiddlewaretoken={CSRF}".encode()
    conn = open_request(
        server,
        "POST",
        "/plan/share/",
        {
            "Cookie": f"csrftoken={CSRF}",
            "Content-Type": "application/x-www-form-urlencoded; charset=latin-1",
            "Content-Length": str(len(form)),
        },
    )
    conn.send(form)
    response, body = answer(conn)
    assert_site_page(response, body, 400, "We could not read that request")
    assert "Internal Server Error" not in body


def test_head_answers_like_get(server, catalog):
    for path in ("/", "/plan/?role=medical-coder-i&years=2", "/salaries/"):
        conn = open_request(server, "HEAD", path, {})
        head, body = answer(conn)
        conn = open_request(server, "GET", path, {})
        got, _ = answer(conn)
        assert head.status == got.status == 200, path
        assert body == ""
        assert head.getheader("Content-Type") == got.getheader("Content-Type")
        assert STRICT in head.getheader("Content-Security-Policy")


def test_the_sites_414_answers_before_gunicorns_request_line_limit(server):
    # gunicorn refuses request lines over 4094 bytes with its own bare page; the site's limit
    # is well below that, so a long address gets the site's page and headers.
    conn = open_request(server, "GET", "/plan/?specialty=" + "x" * 3500, {})
    response, body = answer(conn)
    assert_site_page(response, body, 414, "That address is too long")


def test_forged_forwarding_headers_from_loopback_leave_links_and_scheme_alone(server, catalog):
    """gunicorn.conf.py trusts no proxy unless one is named: a client on loopback that claims a
    path prefix, https or another host changes nothing in the links it, or anyone, is sent."""
    forged = {
        "SCRIPT_NAME": "/zz",
        "X-Forwarded-Proto": "https",
        "X-Forwarded-Ssl": "on",
        "X-Forwarded-Host": "attacker.example",
        "X-Forwarded-Prefix": "/zz",
    }
    path = "/plan/?role=medical-coder-i&years=2&cert=cpc"
    response, body = answer(open_request(server, "GET", path, forged))
    assert response.status == 200
    assert "/zz" not in body and "attacker.example" not in body
    assert 'action="/plan/share/"' in body
    assert f"http://{server.hostname}:{server.port}/plan/?role=medical-coder-i" in body
    assert "https://" + server.hostname not in body
    # and the next visitor, who sent nothing of the kind, gets the same links
    response, body = answer(open_request(server, "GET", path, {}))
    assert response.status == 200 and "/zz" not in body
