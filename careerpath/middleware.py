"""Request limits and the security headers Django does not set by itself."""

import logging

from django.conf import settings
from django.shortcuts import render

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


def printable(text: str, limit: int = 300) -> str:
    """User-supplied text made safe for a log line: no control characters, bounded length."""
    return text[:limit].encode("unicode_escape").decode("ascii")


class SecurityMiddleware:
    """Refuses oversized query strings, adds Permissions-Policy, and logs refused requests."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if len(request.META.get("QUERY_STRING", "")) > settings.MAX_QUERY_STRING_BYTES:
            response = render(request, "414.html", status=414)
        else:
            response = self.get_response(request)
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
