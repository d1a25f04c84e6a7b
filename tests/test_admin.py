"""Staff keep the catalog current in the admin; bad data is a form error and saves nothing."""

import pytest
from django.conf import settings
from django.contrib import admin
from django.urls import reverse

from stages.models import RoleRequirement

from .factories import CertificationFactory, RoleFactory, WageEstimateFactory

pytestmark = pytest.mark.django_db

REGISTERED = sorted(
    (model._meta.app_label, model._meta.model_name) for model in admin.site._registry
)
CATALOG_ADMINS = [
    (app, name) for app, name in REGISTERED if app in {"stages", "certifications", "salaries"}
]


def test_every_catalog_model_is_in_the_admin():
    names = {f"{app}.{name}" for app, name in CATALOG_ADMINS}
    for label in [
        "stages.careerstage",
        "stages.track",
        "stages.role",
        "stages.rolerequirement",
        "stages.transition",
        "stages.milestone",
        "stages.stageskill",
        "stages.resumemetric",
        "stages.educationlevel",
        "certifications.certifyingbody",
        "certifications.certification",
        "certifications.certificationfact",
        "certifications.eligibilityroute",
        "certifications.renewalrule",
        "certifications.credentialrenewal",
        "certifications.apprenticecredit",
        "salaries.occupation",
        "salaries.release",
        "salaries.area",
        "salaries.industry",
        "salaries.wageestimate",
        "salaries.projection",
    ]:
        assert label in names


@pytest.mark.parametrize(("app", "name"), CATALOG_ADMINS)
def test_list_and_add_pages_load_for_staff(staff_client, catalog, app, name):
    listing = staff_client.get(reverse(f"admin:{app}_{name}_changelist"))
    assert listing.status_code == 200
    assert staff_client.get(reverse(f"admin:{app}_{name}_add")).status_code == 200


def test_change_pages_of_the_loaded_catalog_load(staff_client, catalog):
    role = RoleFactory._meta.model.objects.get(slug="coding-manager")
    response = staff_client.get(reverse("admin:stages_role_change", args=[role.pk]))
    assert response.status_code == 200
    assert b"Coding Manager" in response.content


def test_anonymous_users_are_sent_to_the_login_page(client):
    response = client.get(reverse("admin:stages_role_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(f"/{settings.ADMIN_PATH}login/")


def test_percentiles_out_of_order_are_a_form_error_and_nothing_is_saved(staff_client):
    estimate = WageEstimateFactory()
    url = reverse("admin:salaries_wageestimate_change", args=[estimate.pk])
    form = {
        "release": estimate.release.pk,
        "occupation": estimate.occupation.pk,
        "area": estimate.area.pk,
        "industry": estimate.industry.pk,
        "own_code": "1235",
        "a_pct10": 37000,
        "a_pct25": 60000,  # above the median
        "a_median": 51140,
        "a_pct75": 64820,
        "a_pct90": 81150,
        "top_coded": "[]",
        "suppressed": "[]",
        "status": "P-file",
        "source": "edited",
    }
    response = staff_client.post(url, form)
    assert response.status_code == 200
    assert "Percentiles must be in order" in response.content.decode()
    estimate.refresh_from_db()
    assert estimate.a_pct25 == 43490 and estimate.source == "test row"


def test_a_requirement_group_without_a_credential_is_a_form_error(staff_client):
    role = RoleFactory()
    url = reverse("admin:stages_rolerequirement_add")
    response = staff_client.post(url, {"role": role.pk, "position": 1, "kind": "required"})
    assert response.status_code == 200
    assert "Choose at least one credential" in response.content.decode()
    assert not RoleRequirement.objects.exists()


def test_staff_add_a_requirement_group(staff_client):
    role = RoleFactory()
    cpc, ccs = CertificationFactory(slug="cpc"), CertificationFactory(slug="ccs")
    response = staff_client.post(
        reverse("admin:stages_rolerequirement_add"),
        {"role": role.pk, "position": 1, "kind": "required", "certifications": [cpc.pk, ccs.pk]},
    )
    assert response.status_code == 302
    requirement = RoleRequirement.objects.get(role=role)
    assert set(requirement.certifications.values_list("slug", flat=True)) == {"cpc", "ccs"}
