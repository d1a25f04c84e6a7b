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
