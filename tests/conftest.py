"""Test set-up: the real catalog is loaded once per run; each test sees it, or an empty one.

Loading the catalog's fixtures takes about a second, so it happens once, right after the test
database is created. A database test then runs inside a transaction that is rolled back: tests
that ask for `catalog` see the whole shipped catalog, the others start from empty catalog
tables (cleared inside their transaction, so the next test has it back). Transactional tests
(threads, a live server) commit for real and the database is flushed after them; pytest-django
runs them after the others, and `catalog` loads the catalog again for each of them, from a
snapshot of the rows taken when the run began (their primary keys included, so nothing is
looked up by natural key: `loaddata` of the files took about 10 s a test on a busy machine,
the snapshot well under 2 s).
"""

import itertools
from pathlib import Path

import pytest
from django.core.management import call_command

SHARED_REFERENCE = Path(__file__).resolve().parent.parent.parent / "shared" / "reference"
CATALOG_APPS = ("stages", "certifications", "salaries", "careerpath")
_loaded = {}


def is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    fixtures = request.fixturenames
    return bool(
        (marker and marker.kwargs.get("transaction"))
        or "transactional_db" in fixtures
        or "live_server" in fixtures
    )


def clear_catalog():
    """Empty every catalog table inside the current transaction (rolled back after the test)."""
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection

    tables = [
        model._meta.db_table
        for label in CATALOG_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]
    with connection.cursor() as cursor:
        for sql in connection.ops.sql_flush(no_style(), tables, allow_cascade=True):
            cursor.execute(sql)


def catalog_models():
    from django.apps import apps

    return [m for label in CATALOG_APPS for m in apps.get_app_config(label).get_models()]


def catalog_rows_snapshot() -> str:
    """The catalog's rows as loaded from the files, with their primary keys (JSON)."""
    from django.core import serializers

    rows = (model._base_manager.order_by("pk") for model in catalog_models())
    return serializers.serialize("json", itertools.chain.from_iterable(rows))


def restore_catalog_rows(snapshot: str) -> None:
    """Write the snapshot's rows back as they were (raw saves, as loaddata makes them: no
    history), then move each table's id sequence past them, as loaddata does."""
    from django.core import serializers
    from django.core.management.color import no_style
    from django.db import connection

    for row in serializers.deserialize("json", snapshot):
        row.save()
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), catalog_models()):
            cursor.execute(sql)


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker):
    """Create the test database (always: `real_catalog` reads it even in a run of database-free
    tests) and load the shipped catalog into it once."""
    from django.test.utils import setup_databases, teardown_databases

    from careerpath.catalog import read_catalog

    with django_db_blocker.unblock():
        config = setup_databases(verbosity=0, interactive=False, aliases={"default"})
        call_command("load_catalog", verbosity=0)
        # Read now: database-free tests run last, after transactional tests have flushed.
        _loaded["catalog"] = read_catalog("test")
        _loaded["rows"] = catalog_rows_snapshot()
    yield
    with django_db_blocker.unblock():
        teardown_databases(config, verbosity=0)


@pytest.fixture
def catalog(request, db):
    """The real catalog from fixtures/, as `make run` loads it."""
    if is_transactional(request):
        from django.db import transaction

        from careerpath.catalog import bump

        with transaction.atomic():
            restore_catalog_rows(_loaded["rows"])
            bump()


@pytest.fixture(autouse=True)
def catalog_only_when_asked(request):
    """A database test that does not ask for `catalog` starts from empty catalog tables."""
    uses_db = request.node.get_closest_marker("django_db") or "db" in request.fixturenames
    if uses_db and "catalog" not in request.fixturenames and not is_transactional(request):
        request.getfixturevalue("db")
        clear_catalog()


@pytest.fixture(scope="session")
def real_catalog(django_db_setup):
    """The shipped catalog as the planner sees it, read once: planner tests need no database."""
    return _loaded["catalog"]


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("staff", "staff@example.org", "pw-unused-1")
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def fresh_catalog_cache(settings):
    """Each test plans with what its own database holds, checked on every request."""
    from careerpath import catalog

    settings.CATALOG_CACHE_SECONDS = 0
    catalog.forget()
    yield
    catalog.forget()


def pytest_sessionfinish(session):
    """Remove the run's SQLite test database file and its WAL companions."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    name = database.get("TEST", {}).get("NAME")
    if name and database["ENGINE"].endswith("sqlite3"):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{name}{suffix}").unlink(missing_ok=True)
