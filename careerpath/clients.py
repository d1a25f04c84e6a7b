"""Who is asking: the client address every limit (share links, admin logins) counts by."""

from django.conf import settings


def client_ip(request) -> str:
    """REMOTE_ADDR; behind DJANGO_TRUSTED_PROXY_COUNT proxies, the address the outermost trusted
    proxy saw. Without a trusted proxy a forged X-Forwarded-For header changes nothing."""
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [
            address.strip()
            for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if address.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")
