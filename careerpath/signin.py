"""Sign-in failures aimed at one account from many addresses.

Locks apply to a client address, and to a user name only together with that address (settings:
AXES_LOCKOUT_PARAMETERS), so nobody can lock a real user out by knowing their name. What that
leaves open, a slow guess from many addresses at one account, is logged here for an operator.
"""

import logging

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Sum
from django.utils import timezone

from careerpath.middleware import printable

logger = logging.getLogger("careerpath.signin")


def alert_on_aimed_failures(sender, credentials, request=None, **kwargs):
    """After django-axes has counted a failure: one warning per `AXES_FAILURE_LIMIT` failures
    at an existing account within the cool-off, from whatever addresses."""
    users = get_user_model()
    username = (credentials or {}).get(users.USERNAME_FIELD)
    if not username or request is None:
        return
    cool_off = get_cool_off(request)
    failures = AccessAttempt.objects.filter(
        username=username, attempt_time__gte=timezone.now() - cool_off
    ).aggregate(total=Sum("failures_since_start"), addresses=Count("ip_address", distinct=True))
    total = failures["total"] or 0
    if not total or total % settings.AXES_FAILURE_LIMIT:
        return
    if not users._default_manager.filter(**{users.USERNAME_FIELD: username}).exists():
        return  # guesses at names that do not exist lock their addresses; nothing to warn of
    logger.warning(
        "sign-in failures for account %s: %d in the last %d minutes from %d address(es); each "
        "address is paused after %d, the account itself stays open",
        printable(username),
        total,
        cool_off.total_seconds() // 60,
        failures["addresses"],
        settings.AXES_FAILURE_LIMIT,
    )
