"""Request limits and the security headers Django does not set by itself.

Everything here runs before anything reads the request body (sessions, CSRF, views): a body
over its limit is refused by its declared length, or while it streams in when no length is
declared, and is never read; a form that cannot be decoded is a 400 page, not an exception.
"""

import logging
import re
from io import BytesIO
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.core.handlers.wsgi import LimitedStream
from django.http.multipartparser import MultiPartParserError
from django.http.request import UnreadablePostError
from django.shortcuts import render
from django.urls import Resolver404, resolve

logger = logging.getLogger("careerpath.requests")

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)
# A % not followed by two hex digits: no browser sends one, Python would keep it as text.
BROKEN_PERCENT = re.compile(rb"%(?![0-9A-Fa-f]{2})")
# What Django raises while parsing a body it cannot read (a bad charset, broken multipart,
# too many fields, a client that hung up).
UNREADABLE_BODY = (BadRequest, SuspiciousOperation, MultiPartParserError, UnreadablePostError)
CHUNK = 64 * 1024


def printable(text: str, limit: int = 300) -> str:
    """User-supplied text made safe for a log line: no control characters, bounded length."""
    return text[:limit].encode("unicode_escape").decode("ascii")


def well_formed(encoded: bytes) -> bool:
    """Whether a query string or urlencoded form decodes cleanly: valid %XX escapes, UTF-8."""
    if BROKEN_PERCENT.search(encoded):
        return False
    try:
        unquote_to_bytes(encoded.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def own_body_limit(request) -> int | None:
    """The limit the URL's view declares for its body, if any.

    A view declares one with a `request_body_limit` attribute, a callable returning bytes (the
    admin's BLS upload does, so that its size setting applies as soon as it changes).
    """
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        return None
    declared = getattr(view, "request_body_limit", None)
    return declared() if declared else None


def buffer_streamed_body(request, limit: int) -> bool:
    """Read a body sent without Content-Length (chunked), stopping past `limit`.

    Django reads nothing of such a body (it trusts Content-Length alone); once it is buffered
    here, with its length set, Django parses it like any other. False if it is over the limit.
    """
    stream = request.environ["wsgi.input"]
    buffer = BytesIO()
    while chunk := stream.read(min(CHUNK, limit + 1 - buffer.tell())):
        buffer.write(chunk)
        if buffer.tell() > limit:
            return False
    size = buffer.tell()
    buffer.seek(0)
    request.META["CONTENT_LENGTH"] = str(size)
    request._stream = LimitedStream(buffer, size)  # what WSGIRequest sets for a declared length
    return True


def valid_port(host: str) -> bool:
    """Whether a Host header's port, if it has one, is a port: Django's host check reads only the
    name, so `127.0.0.1:99999999999999999999` passed it."""
    if host.endswith("]") or ":" not in host:
        return True  # no port (an IPv6 address in brackets without one ends in "]")
    port = host.rpartition(":")[2]
    return port.isascii() and port.isdigit() and len(port) <= 5 and 0 < int(port) < 65536


def refusal(request):
    """The error page for a request refused before any view sees it, or None."""
    if not valid_port(request.META.get("HTTP_HOST", "")):
        return render(request, "400.html", status=400)
    query = request.META.get("QUERY_STRING", "")
    if len(query) > settings.MAX_QUERY_STRING_BYTES:
        return render(request, "414.html", status=414)
    if "%" in query and not well_formed(query.encode("iso-8859-1")):
        return render(request, "400.html", status=400)

    declared = request.META.get("CONTENT_LENGTH") or ""
    streamed = not declared and "HTTP_TRANSFER_ENCODING" in request.META
    if not (declared or streamed or request.method == "POST"):
        return None  # no body: nearly every request
    if declared and not declared.isdigit():
        return render(request, "400.html", status=400)
    own_limit = own_body_limit(request)
    limit = own_limit or settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if (declared and int(declared) > limit) or (
        streamed and not buffer_streamed_body(request, limit)
    ):
        return render(request, "413.html", {"limit": limit}, status=413)
    if request.method == "POST" and own_limit is None:
        # Parsed here, so that a body Django cannot read is one 400 page. A view with its own
        # limit (an upload) sets its upload handlers first and parses the body itself.
        if request.content_type == "application/x-www-form-urlencoded" and not well_formed(
            request.body
        ):
            return render(request, "400.html", status=400)
        try:
            request.POST, request.FILES  # noqa: B018 (parse now)
        except UNREADABLE_BODY:
            return render(request, "400.html", status=400)
    return None


class SecurityMiddleware:
    """Refuses oversized or malformed requests, adds Permissions-Policy, and logs every refused
    request as one line."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = refusal(request) or self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if response.status_code >= 400:
            logger.warning(
                "refused status=%s method=%s path=%s client=%s",
                response.status_code,
                printable(request.method or ""),
                printable(
                    request.path
                    + (
                        "?" + request.META["QUERY_STRING"]
                        if request.META.get("QUERY_STRING")
                        else ""
                    )
                ),
                printable(request.META.get("REMOTE_ADDR", "")),
            )
        return response
