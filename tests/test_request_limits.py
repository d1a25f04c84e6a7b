"""Hostile requests through Django's own handler: bodies refused before they are read, malformed
requests answered with the 400 page, HEAD like GET, and when to come back after a 429.

The same attacks against gunicorn itself are in test_gunicorn.py.
"""

import logging
import re

import pytest
from django.test import Client
from django.urls import reverse

from careerpath.models import SharedPlan
from salaries.models import Release

from .factories import oews_row, write_oews_workbook
from .test_security import assert_secure_headers

pytestmark = pytest.mark.django_db
MB = 1024 * 1024
CSRF_TOKEN = "a" * 32  # any 32 characters pass as a CSRF cookie and form token
FORM = "application/x-www-form-urlencoded"


class HostileBody:
    """A request body of `size` bytes, made only as it is read, counting what the server reads."""

    def __init__(self, size: int):
        self.size, self.read_bytes = size, 0

    def take(self, size) -> int:
        left = self.size - self.read_bytes
        size = left if size is None or size < 0 else min(size, left)
        self.read_bytes += size
        return size

    def read(self, size=-1):
        return b"x" * self.take(size)

    readline = read


class Body(HostileBody):
    """Given bytes, read the same way."""

    def __init__(self, data: bytes):
        super().__init__(len(data))
        self.data = data

    def read(self, size=-1):
        start = self.read_bytes
        return self.data[start : start + self.take(size)]

    readline = read


def with_csrf_cookie():
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = CSRF_TOKEN
    return client


def send(client, path, body, content_type, *, declared=True):
    """POST `body` (bytes or a HostileBody) with its length declared, or streamed (chunked)."""
    stream = body if isinstance(body, HostileBody) else Body(body)
    environ = {
        "CONTENT_TYPE": content_type,
        "CONTENT_LENGTH": str(stream.size) if declared else "",
        "wsgi.input": stream,
    }
    if not declared:
        environ["HTTP_TRANSFER_ENCODING"] = "chunked"
    return client.generic("POST", path, **environ), stream


def assert_refused_page(response, status, text):
    assert response.status_code == status
    assert text in response.content.decode()
    assert_secure_headers(response)


# 1. Bodies over the limit, whatever their content type, are refused unread.


@pytest.mark.parametrize("path", ["/plan/share/", "/admin/login/", "/no-such-page/"])
@pytest.mark.parametrize("content_type", ["multipart/form-data; boundary=x", FORM, "text/plain"])
def test_a_200_mb_body_is_refused_before_a_byte_is_read(catalog, path, content_type):
    response, body = send(with_csrf_cookie(), path, HostileBody(200 * MB), content_type)
    assert_refused_page(response, 413, "That was more than we accept")
    assert "larger than 1.0\xa0MB" in response.content.decode()
    assert body.read_bytes == 0
    assert not SharedPlan.objects.exists()


def test_a_streamed_body_is_refused_once_it_passes_the_limit(catalog, settings):
    response, body = send(
        with_csrf_cookie(), "/plan/share/", HostileBody(200 * MB), FORM, declared=False
    )
    assert_refused_page(response, 413, "That was more than we accept")
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE < body.read_bytes < 2 * MB
    assert not SharedPlan.objects.exists()


def test_a_streamed_body_under_the_limit_is_read_like_any_other(catalog):
    form = f"role=medical-coder-i&years=2&csrfmiddlewaretoken={CSRF_TOKEN}".encode()
    response, _ = send(with_csrf_cookie(), "/plan/share/", form, FORM, declared=False)
    assert response.status_code == 303
    query = SharedPlan.objects.get().query
    assert ["role", "medical-coder-i"] in query and ["years", "2"] in query


def test_a_form_just_under_the_limit_still_works(catalog, settings):
    padding = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE - 200)
    form = f"role=medical-coder-i&years=2&csrfmiddlewaretoken={CSRF_TOKEN}&pad={padding}"
    response, _ = send(with_csrf_cookie(), "/plan/share/", form.encode(), FORM)
    assert response.status_code == 303


def test_the_bls_upload_keeps_its_own_larger_limit(staff_client, settings, tmp_path):
    path = write_oews_workbook(tmp_path / "national_M2030_dl.xlsx", [oews_row()])
    url = reverse("admin:salaries_release_import")
    padded = path.read_bytes() + b"\0" * (2 * MB)  # over the site's 1 MB, under the upload's
    response = staff_client.post(
        url, {"workbook": _upload(padded, path.name), "occupation": "29-2072"}
    )
    assert response.status_code == 200
    assert b"larger than" not in response.content  # read, and found damaged: not refused
    response, body = send(staff_client, url, HostileBody(200 * MB), "multipart/form-data; b=x")
    assert_refused_page(response, 413, "That was more than we accept")
    assert body.read_bytes == 0
    assert not Release.objects.exists()


def _upload(data: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


# 2. Malformed requests are a 400 page with the usual headers and one log line.


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"role=medical-coder-i&years=2", f"{FORM}; charset=latin-1"),
        (b"role=medical-coder-i&specialty=caf%E9", FORM),  # %E9 alone is not UTF-8
        (b"role=medical-coder-i&specialty=100%", FORM),  # a % without two hex digits
        (b"role=medical-\xff", FORM),
        (b"--x\r\nContent-Disposition: form-data\r\n\r\nno name\r\n", "multipart/form-data"),
        (b"--\xff\r\n", "multipart/form-data; boundary=\xff"),
    ],
)
def test_a_malformed_form_is_a_400_page_and_one_log_line(catalog, caplog, body, content_type):
    body += f"&csrfmiddlewaretoken={CSRF_TOKEN}".encode() if content_type.startswith(FORM) else b""
    with caplog.at_level(logging.WARNING):
        response, _ = send(with_csrf_cookie(), "/plan/share/", body, content_type)
    assert_refused_page(response, 400, "We could not read that request")
    assert [r.getMessage() for r in caplog.records] == [
        "refused status=400 method=POST path=/plan/share/ client=127.0.0.1"
    ]
    assert not SharedPlan.objects.exists()


@pytest.mark.parametrize("query", ["role=%E9", "specialty=100%", "role=%zz"])
def test_a_malformed_query_string_is_a_400_page(client, catalog, query):
    assert_refused_page(client.get(f"/plan/?{query}"), 400, "We could not read that request")


def test_a_content_length_that_is_not_a_number_is_a_400(catalog):
    response = Client().generic("POST", "/plan/share/", b"", content_type=FORM, CONTENT_LENGTH="-1")
    assert_refused_page(response, 400, "We could not read that request")


def test_a_malformed_upload_to_the_bls_import_is_a_400_not_a_500(staff_client):
    url = reverse("admin:salaries_release_import")
    for body, content_type in (
        (b"occupation=29-2072", f"{FORM}; charset=latin-1"),
        (b"garbage without a boundary", "multipart/form-data; boundary=x"),
    ):
        staff_client.raise_request_exception = False
        response, _ = send(staff_client, url, body, content_type)
        assert response.status_code in (200, 400), content_type
        assert_secure_headers(response)


# 3. HEAD is answered like GET on every page; 429 says when to come back.

PAGES = [
    "/",
    "/plan/",
    "/plan/?role=medical-coder-i&years=2",
    "/api/plan/?role=medical-coder-i",
    "/paths/",
    "/roles/coding-manager/",
    "/compare/?role=coding-manager&role=him-director",
    "/certifications/",
    "/certifications/cpc/",
    "/salaries/",
]


@pytest.mark.parametrize("url", PAGES)
def test_head_is_answered_like_get(client, catalog, url):
    got, head = client.get(url), client.head(url)
    assert got.status_code == head.status_code == 200
    assert head["Content-Type"] == got["Content-Type"]
    assert head.content == b""
    assert_secure_headers(head)


def test_a_shared_plan_answers_head(client, catalog):
    link = client.post("/plan/share/", {"role": "medical-coder-i", "years": "2"})["Location"]
    assert client.head(link).status_code == 200
    assert client.head("/p/not-a-token/").status_code == 404


def test_the_share_limit_says_when_to_come_back(client, catalog, settings):
    settings.SHARE_RATE_LIMIT = 2
    # Different answers each time: the same answers again give the same link, counted once.
    for years in ("1", "2"):
        shared = client.post("/plan/share/", {"role": "medical-coder-i", "years": years})
        assert shared.status_code == 303
    refused = client.post("/plan/share/", {"role": "medical-coder-i", "years": "3"})
    assert refused.status_code == 429
    # The first link leaves the hour's window in just under an hour.
    assert 3500 < int(refused["Retry-After"]) <= settings.SHARE_RATE_WINDOW_SECONDS
    assert re.search(r"Too many share links", refused.content.decode())
