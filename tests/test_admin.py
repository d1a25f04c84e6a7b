"""Staff keep the catalog current in the admin; bad data is a form error and saves nothing."""

import re

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.urls import reverse
from django.utils.html import escape

from careerpath import catalog, planner
from stages.models import RoleRequirement

from .factories import (
    CareerStageFactory,
    CertificationFactory,
    OccupationFactory,
    ReleaseFactory,
    RoleFactory,
    WageEstimateFactory,
)

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
        "salaries.priceparity",
    ]:
        assert label in names


@pytest.mark.parametrize(("app", "name"), CATALOG_ADMINS)
def test_each_list_shows_the_catalogs_rows_and_each_add_page_its_form(
    staff_client, catalog, app, name
):
    model = apps.get_model(app, name)
    row = model.objects.order_by("pk").first()
    listing = staff_client.get(reverse(f"admin:{app}_{name}_changelist"), {"q": ""})
    assert listing.status_code == 200
    paginator = re.search(r'class="paginator".*?</nav>', listing.text, re.S).group(0)
    count = model.objects.count()
    assert count and re.search(rf"\b{count} \w", paginator)  # "17 roles": every row is listed
    change = staff_client.get(reverse(f"admin:{app}_{name}_change", args=[row.pk]))
    assert escape(str(row)) in change.text
    adding = staff_client.get(reverse(f"admin:{app}_{name}_add"))
    assert f'id="{name}_form"' in adding.text


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


def role_form(role, **changes):
    """What the role change form posts (no inline rows), with `changes` made by the user."""
    data = {
        "title": role.title,
        "slug": role.slug,
        "stage": role.stage_id,
        "track": role.track_id,
        "summary": role.summary,
        "min_years": role.min_years,
        "order": role.order,
        "requirements-TOTAL_FORMS": 0,
        "requirements-INITIAL_FORMS": 0,
        "transitions_out-TOTAL_FORMS": 0,
        "transitions_out-INITIAL_FORMS": 0,
    }
    data.update(changes)
    return data


def test_staff_price_a_role_on_its_occupation_and_the_planner_uses_it(staff_client):
    stage = CareerStageFactory(min_years=0, percentile_low=75, percentile_high=90)
    role = RoleFactory(stage=stage, title="Director of HIM")
    managers = OccupationFactory(soc_code="11-9111", title="Medical and Health Services Managers")
    WageEstimateFactory(
        release=ReleaseFactory(year=2030, is_current=True),
        occupation=managers,
        a_pct25=94700,
        a_median=123860,
        a_pct75=166100,
        a_pct90=224340,
    )
    url = reverse("admin:stages_role_change", args=[role.pk])
    assert "Pay band from" in staff_client.get(url).content.decode()
    response = staff_client.post(
        url,
        role_form(
            role,
            wage_occupation=managers.pk,
            pay_percentile_low=25,
            pay_percentile_high=50,
            pay_note="O*NET lists HIM directors among its titles.",
            pay_source="onetonline.org",
        ),
    )
    assert response.status_code == 302
    band = planner.role_band(catalog.current(), catalog.current().role(role.slug))
    assert (band.low, band.high, band.occupation.soc_code) == (94700, 123860, "11-9111")
    listing = staff_client.get(reverse("admin:stages_role_changelist")).content.decode()
    assert "11-9111, 25th to median" in listing


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"pay_percentile_low": 25}, "A pay band needs an occupation and both percentiles"),
        ({"min_years": 9}, "covers 3-5 years: a role in it asks for years inside that span"),
    ],
)
def test_a_pay_span_or_years_that_do_not_fit_are_form_errors(staff_client, changes, message):
    stage = CareerStageFactory(min_years=3, name="Mid-career")
    CareerStageFactory(min_years=6)
    role = RoleFactory(stage=stage, min_years=3)
    url = reverse("admin:stages_role_change", args=[role.pk])
    response = staff_client.post(url, role_form(role, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    role.refresh_from_db()
    assert (role.pay_percentile_low, role.min_years) == (None, 3)


def test_a_stage_cannot_begin_before_an_earlier_one(staff_client):
    CareerStageFactory(order=1, min_years=0)
    later = CareerStageFactory(order=2, min_years=3)
    url = reverse("admin:stages_careerstage_change", args=[later.pk])
    data = {
        "slug": later.slug,
        "name": later.name,
        "order": later.order,
        "min_years": 0,
        "percentile_low": 25,
        "percentile_high": 75,
        "focus": later.focus,
        "timeline_label": later.timeline_label,
        "summary": later.summary,
    }
    for prefix in ("milestones", "skills", "resume_metrics"):
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    data["min_years"] = 0
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "Career stage with this Min years already exists." in response.content.decode()
    data["order"], data["min_years"] = 0, 5  # first in order but beginning after stage 1
    response = staff_client.post(url, data)
    assert "A later stage (higher order) begins before this one." in response.content.decode()
