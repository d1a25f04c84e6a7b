"""Share links: unguessable tokens, and a per-client limit on how many an anonymous user makes."""

import hashlib
import hmac
import json
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
    digest = answers_digest(query, plan.catalog_version, plan.credential_upkeep.as_of)
    with transaction.atomic():
        stored = SharedPlan.objects.filter(answers_digest=digest).first()
        if stored is not None:
            # The same answers, catalog and month draw the same plan: one row, one link.
            SharedPlan.objects.filter(pk=stored.pk).update(used_at=timezone.now())
            return stored
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
            answers_digest=digest,
        )


def answers_digest(query: list, catalog_version: str, month) -> str:
    """What makes two shares the same plan: their answers (canonical query pairs), the catalog
    and the month planned in (a plan's dates count from it). Two shares racing each other may
    still store two rows; nothing depends on there being one."""
    text = json.dumps([catalog_version, str(month), [list(pair) for pair in query]])
    return hashlib.sha256(text.encode()).hexdigest()


def mark_used(shared_plan: SharedPlan) -> None:
    """Note that the link was opened (at most once a day), so pruning keeps it."""
    now = timezone.now()
    if now - shared_plan.used_at > timedelta(days=1):
        SharedPlan.objects.filter(pk=shared_plan.pk).update(used_at=now)


def shared_snapshot(shared_plan: SharedPlan) -> Plan | None:
    """The plan a shared link shows. None when the snapshot was saved by an older version of
    the planner."""
    try:
        return Plan.model_validate(shared_plan.snapshot)
    except ValidationError:
        return None
