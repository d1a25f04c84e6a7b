"""Kept plans: a private address is the only key to a plan someone keeps without an account.

The address holds 192 random bits (`secrets`). Its first characters select the row; only the
SHA-256 of the rest is stored, and compared in constant time, so neither the time an answer
takes nor a copy of the table gives anyone a working address.
"""

import hashlib
import hmac
import math
import secrets
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from careerpath.models import CeuEntry, KeptPlan
from careerpath.planner import Assessment, Catalog, cycle_months
from careerpath.sharing import TOKEN_BYTES, check_rate, client_key

SELECTOR_LENGTH = 12  # of the 32 characters: the rest (120 bits) is the secret
TOKEN_LENGTH = math.ceil(TOKEN_BYTES * 4 / 3)


MAX_GOALS = 20  # far more credentials than anyone aims at at once


class TooManyGoals(Exception):
    """The plan has as many credential goals as one may hold."""


class LogFull(Exception):
    """The plan's CEU log holds as many entries as one plan may."""


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def keep_plan(request, answers: list) -> tuple[KeptPlan, str]:
    """Store the answers under a new private address (RateLimited when this client has kept as
    many plans as the window allows). Returns the plan and its token, which is never stored."""
    client = client_key(request)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with transaction.atomic():
        check_rate(
            f"keep:{client}",
            KeptPlan.objects.filter(client=client),
            settings.KEEP_RATE_LIMIT,
            settings.KEEP_RATE_WINDOW_SECONDS,
        )
        kept = KeptPlan.objects.create(
            selector=token[:SELECTOR_LENGTH],
            verifier_digest=_digest(token[SELECTOR_LENGTH:]),
            answers=answers,
            opened_at=timezone.now(),
            client=client,
        )
    return kept, token


def find_kept_plan(token: str) -> KeptPlan | None:
    """The plan this address opens, or None."""
    if len(token) != TOKEN_LENGTH:
        return None
    kept = KeptPlan.objects.filter(selector=token[:SELECTOR_LENGTH]).first()
    # Compared even when no row matched, so a miss takes the time a wrong secret does.
    stored = kept.verifier_digest if kept else _digest("")
    if not hmac.compare_digest(stored, _digest(token[SELECTOR_LENGTH:])) or kept is None:
        return None
    return kept


def mark_opened(kept: KeptPlan) -> None:
    """Note that the plan was opened (at most once a day: a read is not a write each time)."""
    now = timezone.now()
    if now - kept.opened_at > timedelta(days=1):
        KeptPlan.objects.filter(pk=kept.pk).update(opened_at=now)
        kept.opened_at = now


def add_ceu_entry(kept: KeptPlan, **fields) -> CeuEntry:
    """Log one activity, unless the log is full (LogFull) or has grown too fast (RateLimited)."""
    with transaction.atomic():
        check_rate(
            f"ceu-log:{kept.pk}",
            kept.ceu_log.all(),
            settings.CEU_LOG_RATE_LIMIT,
            settings.CEU_LOG_RATE_WINDOW_SECONDS,
        )
        if kept.ceu_log.count() >= settings.CEU_LOG_MAX_ENTRIES:
            raise LogFull
        return kept.ceu_log.create(**fields)


def set_goal(kept: KeptPlan, certification: str, exam_month) -> None:
    """Aim at a credential in a month (a credential already aimed at moves to the new month),
    unless the plan has as many goals as one may hold (TooManyGoals)."""
    with transaction.atomic():
        # Changes to one plan's goals queue on its row, so the count below is exact.
        KeptPlan.objects.select_for_update().filter(pk=kept.pk).first()
        goals = kept.goals.all()
        if goals.filter(certification=certification).update(exam_month=exam_month):
            return
        if goals.count() >= MAX_GOALS:
            raise TooManyGoals
        kept.goals.create(certification=certification, exam_month=exam_month)


def logged_ceus(kept: KeptPlan, catalog: Catalog, assessment: Assessment, today) -> dict:
    """Each body's CEUs in the log for its current cycle (the months up to the cycle end the
    answers give, or the cycle's length up to this month), for the bodies with entries."""
    totals = {}
    bodies = kept.ceu_log.order_by().values_list("body", flat=True).distinct()
    for body in sorted(bodies):
        rule = catalog.renewal_rule(body)
        if rule is None:
            continue
        cycle = assessment.cycle(body)
        first, last = cycle_months(cycle.due if cycle else None, rule.cycle_years, today)
        last_day = (last + timedelta(days=31)).replace(day=1) - timedelta(days=1)
        total = kept.ceu_log.filter(
            body=body, earned_on__gte=first, earned_on__lte=last_day
        ).aggregate(total=Sum("ceus"))["total"]
        totals[body] = total or Decimal(0)
    return totals


def whole_ceus(totals: dict) -> dict[str, int]:
    """The log's totals as the planner counts CEUs: whole ones (half a CEU is not yet one)."""
    return {body: int(total) for body, total in totals.items()}
