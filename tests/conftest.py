from pathlib import Path

import pytest
from django.core.management import call_command

SHARED_REFERENCE = Path(__file__).resolve().parent.parent.parent / "shared" / "reference"


@pytest.fixture
def catalog(db):
    """The real catalog from fixtures/, loaded the way `make run` loads it."""
    call_command("load_catalog", verbosity=0)


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


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker):
    """Always create the test database: `real_catalog` reads from it even in a run whose tests
    are all database-free (pytest-django would otherwise create it only for `db` tests)."""
    from django.test.utils import setup_databases, teardown_databases

    with django_db_blocker.unblock():
        config = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    yield
    with django_db_blocker.unblock():
        teardown_databases(config, verbosity=0)


@pytest.fixture(scope="session")
def real_catalog(django_db_setup, django_db_blocker):
    """The shipped catalog as the planner sees it, read once: planner tests need no database."""
    from django.db import transaction

    from careerpath.catalog import read_catalog

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_catalog", verbosity=0)
        result = read_catalog("test")
        transaction.set_rollback(True)
    return result
