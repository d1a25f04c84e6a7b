"""Backups: a round trip gives identical data, and a SQLite copy moves to PostgreSQL intact."""

import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from careerpath.models import SharedPlan
from salaries.models import WageEstimate
from stages.models import Role

ROOT = Path(__file__).resolve().parent.parent


# Django's serializer writes a time to the millisecond: "…:15.000Z" for 15 s and a few
# microseconds (as a first backup does), "…:15Z" for 15 s exactly (as that time restored is
# written again). The two are the same instant.
WHOLE_SECOND = re.compile(r'(T\d\d:\d\d:\d\d)\.000(?=Z"|[+-]\d\d:\d\d")')


def records(path):
    """The backup's records, in a comparable order."""
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt") as handle:
        data = json.load(handle)
    return sorted(WHOLE_SECOND.sub(r"\1", json.dumps(r, sort_keys=True)) for r in data)


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
    # A time a few microseconds past a whole second, which the backup writes as "….000Z"
    # (it happens to about one save in a thousand).
    created = SharedPlan.objects.get().created_at.replace(microsecond=412)
    SharedPlan.objects.update(created_at=created)


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


# A damaged or foreign file stops restore with one line naming the file, and saves nothing.


def gzip_of(text: str) -> bytes:
    return gzip.compress(text.encode())


def records_of(*records) -> bytes:
    return json.dumps(list(records)).encode()


@pytest.fixture
def good_backup(catalog, tmp_path):
    """A real backup of the shipped catalog, taken before the catalog is emptied again."""
    from .conftest import clear_catalog

    path = tmp_path / "careerpath-20300101-000000.json.gz"
    call_command("backup", str(path), verbosity=0)
    clear_catalog()
    return path


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("notes.json.gz", gzip_of("my notes\n"), "JSONDecodeError: Expecting value: line 1"),
        ("random.json.gz", b"PK\x03\x04 a zip", "BadGzipFile: Not a gzipped file (b'PK')"),
        ("plain.json", b"not json at all", "JSONDecodeError: Expecting value: line 1"),
        (
            "shop.json",
            records_of({"model": "shop.order", "pk": 1, "fields": {}}),
            "DeserializationError: Invalid model identifier: shop.order",
        ),
        (
            "other-site.json",
            records_of({"model": "auth.group", "fields": {"name": "editors", "permissions": []}}),
            "it holds no catalog, so it is not a Careerpath backup",
        ),
        ("empty.json", b"[]", "it holds no catalog, so it is not a Careerpath backup"),
        ("object.json", b'{"model": "stages.role"}', "DeserializationError: Error deserializing"),
    ],
)
@pytest.mark.django_db
def test_a_damaged_or_foreign_file_is_refused_in_one_line(tmp_path, name, content, reason):
    from django.contrib.auth.models import Group

    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(path), verbosity=0)
    message = str(refused.value)
    assert message.startswith(f"{path} could not be restored, nothing was saved: {reason}")
    assert "\n" not in message
    assert not Role.objects.exists() and not Group.objects.exists()


@pytest.mark.django_db
def test_a_truncated_backup_is_refused_and_nothing_is_saved(good_backup, tmp_path):
    truncated = tmp_path / "careerpath-truncated.json.gz"
    truncated.write_bytes(good_backup.read_bytes()[: good_backup.stat().st_size // 2])
    with pytest.raises(CommandError, match="EOFError: Compressed file ended before") as refused:
        call_command("restore", str(truncated), verbosity=0)
    assert "\n" not in str(refused.value)
    assert not Role.objects.exists() and not WageEstimate.objects.exists()
    call_command("restore", str(good_backup), verbosity=0)  # the whole file still restores
    assert Role.objects.filter(slug="medical-coder-i").exists()


@pytest.mark.django_db
def test_a_backup_beside_another_of_the_same_name_restores_itself(good_backup, tmp_path):
    # loaddata looks a name up with every extension it knows: careerpath-….json would find the
    # .json.gz beside it too and refuse both. restore loads exactly the file it is given.
    (good_backup.parent / good_backup.name.removesuffix(".gz")).write_text("[]")
    call_command("restore", str(good_backup), verbosity=0)
    assert Role.objects.exists()


@pytest.mark.django_db
def test_a_file_that_is_not_a_backup_by_its_name_is_refused(tmp_path):
    path = tmp_path / "careerpath.txt"
    path.write_text("[]")
    with pytest.raises(CommandError, match=r"careerpath.txt is not a backup: `backup` writes"):
        call_command("restore", str(path), verbosity=0)


def test_make_restore_of_a_gzip_of_plain_text_prints_one_line(tmp_path):
    """The attack as reported: `make restore` of a damaged file, on a fresh database."""
    damaged = tmp_path / "careerpath-damaged.json.gz"
    damaged.write_bytes(gzip_of("these are not records\n"))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DJANGO_SQLITE_PATH"] = str(tmp_path / "fresh.sqlite3")
    result = subprocess.run(
        ["make", "--no-print-directory", "restore", f"FILE={damaged}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines()[0] == (
        f"CommandError: {damaged} could not be restored, nothing was saved: "
        "JSONDecodeError: Expecting value: line 1 column 1 (char 0)"
    )
    assert "Traceback" not in result.stderr
