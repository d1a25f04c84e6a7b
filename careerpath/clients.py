"""Who is asking: the client address every limit (share links, admin logins) counts by."""

import logging

from django.conf import settings

logger = logging.getLogger("careerpath.requests")
_warned_of_untrusted_proxy = False


def client_ip(request) -> str:
    """REMOTE_ADDR; behind DJANGO_TRUSTED_PROXY_COUNT proxies, the address the outermost trusted
    proxy saw. Without a trusted proxy a forged X-Forwarded-For header changes nothing."""
    count = settings.TRUSTED_PROXY_COUNT
    forwarded_for = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count:
        forwarded = [address.strip() for address in forwarded_for.split(",") if address.strip()]
        if len(forwarded) >= count:
            return forwarded[-count]
    elif forwarded_for:
        warn_of_untrusted_proxy()
    return request.META.get("REMOTE_ADDR", "")


def warn_of_untrusted_proxy() -> None:
    # Behind a proxy that nobody declared, every client has the proxy's address: five wrong
    # passwords from anyone would pause sign-in for everyone. Said once per process.
    global _warned_of_untrusted_proxy
    if not _warned_of_untrusted_proxy:
        _warned_of_untrusted_proxy = True
        logger.warning(
            "requests carry X-Forwarded-For but DJANGO_TRUSTED_PROXY_COUNT is 0: every client "
            "counts as the proxy's address; set it to the number of proxies in front"
        )
