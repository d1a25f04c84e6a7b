"""The pages' `url()` reads a role's or a credential's page from a lookup built with the catalog:
it gives what `reverse()` gives, under the script prefix of the request that asks, never the one
it was built under, and a changed catalog's new rows are in it."""

import pytest
from django.urls import reverse, set_script_prefix

from careerpath import catalog as catalog_reader
from careerpath import catalog_pages
from careerpath.catalog_pages import url
from tests.factories import RoleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def prefix():
    """Sets the script prefix for the test (as Django's handler does for each request)."""
    yield set_script_prefix
    set_script_prefix("/")


def test_each_role_and_credential_page_is_where_reverse_puts_it(catalog, django_assert_num_queries):
    current = catalog_reader.current()
    url("stages:role", current.roles[0].slug)  # the lookup is built
    with django_assert_num_queries(0):  # a link asks nothing of the database
        url("stages:role", current.roles[1].slug)
    for role in current.roles:
        assert url("stages:role", role.slug) == reverse("stages:role", args=[role.slug])
    for cert in current.certifications:
        detail = reverse("certifications:detail", args=[cert.slug])
        assert url("certifications:detail", cert.slug) == detail
    assert len(catalog_pages._paths()) == len(current.roles) + len(current.certifications)


def test_the_prefix_is_the_asking_requests_not_the_one_the_lookup_was_built_under(catalog, prefix):
    role = catalog_reader.current().roles[0].slug
    prefix("/first/")
    assert url("stages:role", role) == f"/first/roles/{role}/"  # the lookup is built here
    prefix("/second/")
    assert url("stages:role", role) == f"/second/roles/{role}/"
    assert url("stages:role", role) == reverse("stages:role", args=[role])


def test_a_page_the_catalog_has_no_row_for_is_reversed(catalog, prefix):
    prefix("/cp/")
    assert url("stages:role", "no-such-role") == "/cp/roles/no-such-role/"
    assert url("plan") == reverse("plan") == "/cp/plan/"
    assert ("stages:role", "no-such-role") not in catalog_pages._paths()


def test_a_row_added_to_the_catalog_is_in_the_next_lookup(catalog):
    url("stages:role", catalog_reader.current().roles[0].slug)
    RoleFactory(slug="audit-lead-new")  # saving a catalog row moves its version
    catalog_reader.current()  # as the next request's view reads it
    assert url("stages:role", "audit-lead-new") == "/roles/audit-lead-new/"
    assert ("stages:role", "audit-lead-new") in catalog_pages._paths()
