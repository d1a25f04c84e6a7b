"""Only rows marked as catalog rows move the catalog's version.

That dependencies run one way (no domain model, admin, importer or command imports careerpath;
the planner imports no Django) is checked by the import-linter contracts in pyproject.toml, which
`make lint` runs.
"""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone

from careerpath import catalog
from careerpath.models import SharedPlan
from catalog_rows import CatalogRow, catalog_models
from salaries.models import PendingImport

from .factories import RoleFactory, WageEstimateFactory

DOMAIN_APPS = ("stages", "certifications", "salaries")

# Domain models that are not catalog data: an admin import waiting for its confirmation.
WORKING_DATA = {"salaries.pendingimport"}


def test_every_domain_model_is_a_catalog_row_and_nothing_else_is():
    marked = {m._meta.label_lower for m in catalog_models(apps.get_models())}
    domain = {
        m._meta.label_lower
        for app in DOMAIN_APPS
        for m in apps.get_app_config(app).get_models()
        if not m.__name__.startswith("Historical")
    }
    assert marked == domain - WORKING_DATA
    assert not issubclass(SharedPlan, CatalogRow)


@pytest.mark.django_db
def test_saving_a_catalog_row_moves_the_version_and_other_rows_do_not():
    before = catalog.stamp()
    SharedPlan.objects.create(token="t" * 32, query=[], snapshot={}, client="c")
    assert catalog.stamp() == before  # a saved plan is not catalog data
    PendingImport.objects.create(
        key="k" * 32,
        user=get_user_model().objects.create_user("importer"),
        kind="oews",
        file_name="state_M2030_dl.xlsx",
        expires_at=timezone.now(),
    )
    assert catalog.stamp() == before  # nor is an import waiting for its confirmation
    RoleFactory()
    after_role = catalog.stamp()
    assert after_role != before
    estimate = WageEstimateFactory()
    assert catalog.stamp() != after_role
    assert estimate.history.count() == 1  # its history row was written, and moved nothing more
