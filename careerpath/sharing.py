"""Share links: unguessable tokens, and a per-client limit on how many an anonymous user makes."""

import hashlib
import hmac
import math
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from pydantic import ValidationError

from careerpath.clients import client_ip
from careerpath.models import SharedPlan
from careerpath.planner import Plan

TOKEN_BYTES = 24  # 192 bits from the OS's CSPRNG; 32 URL-safe characters


class RateLimited(Exception):
    """The client (or plan) has made as many rows as the window allows."""

    def __init__(self, retry_after: int):
        super().__init__(f"retry after {retry_after} s")
        self.retry_after = retry_after  # seconds until the oldest counted link leaves the window


def client_key(request) -> str:
    """A keyed hash of the client address: enough to count, useless to anyone who reads it."""
    address = client_ip(request)
    digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def check_rate(lock_key: str, rows, limit: int, window_seconds: int) -> None:
    """Raise RateLimited when `rows` (a queryset of rows with `created_at`) already holds
    `limit` rows made in the window. Call it inside the transaction that adds the next row."""
    since = timezone.now() - timedelta(seconds=window_seconds)
    if connection.vendor == "postgresql":
        # Concurrent requests for one key queue here, so the count below is exact.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [lock_key])
    # SQLite runs write transactions as IMMEDIATE (settings), which serialises them too.
    counted = rows.filter(created_at__gte=since)
    if counted.count() >= limit:
        oldest = counted.order_by("created_at").values_list("created_at", flat=True).first()
        raise RateLimited(max(1, math.ceil((oldest - since).total_seconds())))


def create_shared_plan(request, plan: Plan, query: dict) -> SharedPlan:
    """Store the plan for its link, unless this client is over the limit (then RateLimited)."""
    client = client_key(request)
    with transaction.atomic():
        check_rate(
            client,
            SharedPlan.objects.filter(client=client),
            settings.SHARE_RATE_LIMIT,
            settings.SHARE_RATE_WINDOW_SECONDS,
        )
        return SharedPlan.objects.create(
            token=secrets.token_urlsafe(TOKEN_BYTES),
            query=query,
            snapshot=plan.model_dump(mode="json"),
            catalog_version=plan.catalog_version,
            client=client,
        )


def shared_snapshot(shared_plan: SharedPlan) -> Plan | None:
    """The plan a shared link shows. None when the snapshot was saved by an older version of
    the planner."""
    try:
        return Plan.model_validate(shared_plan.snapshot)
    except ValidationError:
        return None
