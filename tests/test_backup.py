"""Backups: a round trip gives identical data, and a SQLite copy moves to PostgreSQL intact."""

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from careerpath.models import SharedPlan
from salaries.models import WageEstimate
from stages.models import Role

ROOT = Path(__file__).resolve().parent.parent


def records(path):
    """The backup's records, in a comparable order."""
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt") as handle:
        data = json.load(handle)
    return sorted(json.dumps(r, sort_keys=True) for r in data)


@pytest.fixture
def filled_database(catalog, client):
    """The catalog, an admin edit with its history, a shared plan and a staff account."""
    estimate = WageEstimate.objects.get(
        release__year=2025, area__code="99", occupation__soc_code="29-2072"
    )
    estimate.source = "edited by staff"
    estimate.save()
    client.post("/plan/share/", {"role": "medical-coder-i", "years": "2", "cert": ["cpc"]})
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user("editor", password="pw-unused-12345", is_staff=True)
    assert SharedPlan.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_round_trip_gives_identical_data(filled_database, tmp_path):
    first = tmp_path / "first.json.gz"
    call_command("backup", str(first), verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    assert not Role.objects.exists()
    call_command("restore", str(first), verbosity=0)
    second = tmp_path / "second.json.gz"
    call_command("backup", str(second), verbosity=0)
    assert records(first) == records(second)
    assert (
        WageEstimate.objects.get(
            release__year=2025, area__code="99", occupation__soc_code="29-2072"
        ).source
        == "edited by staff"
    )
    assert SharedPlan.objects.count() == 1


@pytest.mark.django_db
def test_restore_refuses_a_database_that_holds_a_catalog(catalog, tmp_path):
    backup = tmp_path / "b.json"
    call_command("backup", str(backup), verbosity=0)
    with pytest.raises(Exception, match="already holds a catalog"):
        call_command("restore", str(backup), verbosity=0)


POSTGRES = "postgres://postgres@127.0.0.1:5432/"


def postgres_available():
    try:
        psycopg.connect(POSTGRES + "postgres", connect_timeout=3).close()
        return True
    except psycopg.OperationalError:
        return False


def manage(*args, database_url):
    env = {**os.environ, "DATABASE_URL": database_url}
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.mark.django_db(transaction=True)
def test_a_sqlite_backup_moves_to_postgresql_with_nothing_lost(filled_database, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("this test starts from SQLite; the SQLite run of the suite covers it")
    if not postgres_available():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not reachable at 127.0.0.1:5432 in CI")
        pytest.skip("no PostgreSQL at 127.0.0.1:5432 to move the backup to")
    name = f"careerpath_move_{os.getpid()}"
    with psycopg.connect(POSTGRES + "postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        from_sqlite = tmp_path / "from-sqlite.json.gz"
        call_command("backup", str(from_sqlite), verbosity=0)
        url = POSTGRES + name
        manage("migrate", "--no-input", database_url=url)
        manage("restore", str(from_sqlite), database_url=url)
        from_postgres = tmp_path / "from-postgres.json.gz"
        manage("backup", str(from_postgres), database_url=url)
        assert records(from_sqlite) == records(from_postgres)
    finally:
        with psycopg.connect(POSTGRES + "postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
