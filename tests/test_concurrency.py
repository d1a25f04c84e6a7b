"""Nothing lost under concurrency: share links and CEU log entries from many threads at once,
on either database."""

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test import RequestFactory

from careerpath import keeping, planner
from careerpath.models import SharedPlan
from careerpath.sharing import RateLimited, create_shared_plan

EMPTY_CATALOG = planner.Catalog(
    version="t", educations=(), stages=(), tracks=(), roles=(), certifications=()
)
PLAN = planner.build_plan(EMPTY_CATALOG, planner.Assessment())


def run_at_once(count, work):
    """Run work(n) in `count` threads released together; collect results and exceptions."""
    barrier = threading.Barrier(count)
    results, errors = [], []

    def worker(n):
        try:
            barrier.wait()
            results.append(work(n))
        except Exception as error:  # every failure is reported by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


def share_from(address, years=0):
    """A share of its own answers (the same answers are stored once, by design)."""
    request = RequestFactory().post("/plan/share/", REMOTE_ADDR=address)
    try:
        return create_shared_plan(request, PLAN, [["years", str(years)]]).token
    except RateLimited:
        return "refused"


@pytest.mark.django_db(transaction=True)
def test_many_clients_sharing_at_once_lose_no_row(settings):
    settings.SHARE_RATE_LIMIT = 100
    results, errors = run_at_once(24, lambda n: share_from(f"10.2.0.{n}", n))
    assert errors == []  # no "database is locked", no deadlock
    assert len(set(results)) == 24 and "refused" not in results
    assert SharedPlan.objects.count() == 24


@pytest.mark.django_db(transaction=True)
def test_the_rate_limit_admits_exactly_its_limit_under_a_burst(settings):
    settings.SHARE_RATE_LIMIT = 5
    results, errors = run_at_once(20, lambda n: share_from("10.3.0.1", n))
    assert errors == []
    assert results.count("refused") == 15
    assert SharedPlan.objects.count() == 5


@pytest.mark.django_db
def test_sqlite_is_set_up_for_concurrent_use():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite settings; PostgreSQL needs none of these")
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert cursor.execute("PRAGMA busy_timeout").fetchone()[0] == 20000
    assert connection.transaction_mode == "IMMEDIATE"


@pytest.mark.django_db(transaction=True)
def test_a_burst_of_ceu_entries_admits_exactly_the_limit(settings):
    settings.CEU_LOG_RATE_LIMIT = 5
    request = RequestFactory().post("/plan/keep/", REMOTE_ADDR="10.6.0.1")
    kept, _ = keeping.keep_plan(request, [["years", "0"]])
    entry = {"body": "aapc", "earned_on": date(2026, 1, 15), "ceus": Decimal("1.5"), "title": "T"}

    def add(n):
        try:
            return keeping.add_ceu_entry(kept, **entry).pk
        except RateLimited:
            return "refused"

    results, errors = run_at_once(20, add)
    assert errors == []
    assert results.count("refused") == 15
    assert kept.ceu_log.count() == 5
