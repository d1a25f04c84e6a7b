"""/plan/: the full page, its HTMX partial, and clear messages for bad input."""

import pytest

from stages.models import Role, RoleRequirement

pytestmark = pytest.mark.django_db

PLAN = "/plan/?role=medical-coder-i&years=2&cert=cpc&education=certificate&track="


def test_the_form_has_real_labels_for_every_answer(client, catalog):
    response = client.get("/plan/")
    html = response.content.decode()
    assert response.status_code == 200
    for field_id, label in [
        ("id_role", "Current role"),
        ("id_years", "Years of coding experience"),
        ("id_education", "Highest education"),
        ("id_track", "Where you want to go"),
        ("id_accuracy", "Coding accuracy (%)"),
        ("id_audits", "I have taken part in coding audits"),
        ("id_specialty", "Specialty you work in or want to"),
    ]:
        assert f'<label for="{field_id}">{label}</label>' in html
    assert "Not working as a coder yet" in html
    # Every credential of the catalog, grouped by issuing body.
    for body in ("AAPC", "AHIMA", "ACDIS", "CCB/HCCA"):
        assert f"<legend>{body}</legend>" in html
    assert 'id="cert-cpc"' in html and 'id="cert-chps"' in html
    assert "Your plan appears here" in html


def test_without_javascript_the_same_page_renders_the_plan(client, catalog):
    response = client.get(PLAN)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html and 'id="plan-result"' in html
    assert "$37,000 – $43,490" in html and "May 2025" in html
    assert "Senior Medical Coder" in html
    assert 'value="medical-coder-i" selected' in html
    assert 'value="cpc" id="cert-cpc" checked' in html


def test_htmx_request_gets_only_the_plan_partial(client, catalog):
    response = client.get(PLAN, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="plan-result"' in html and "<html" not in html and "<form class" not in html
    assert "Plan updated: Entry-level, Medical Coder I" in html  # announced through role=status
    assert 'id="plan-status"' in html and 'hx-swap-oob="true"' in html
    # A valid answer clears any message an earlier update put next to a field.
    assert '<p class="field-error" id="years-error" hx-swap-oob="true"></p>' in html
    assert "HX-Request" in response["Vary"]


def test_history_restore_gets_the_full_page(client, catalog):
    response = client.get(
        PLAN, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert b"<html" in response.content


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("role=chief-wizard", "role", "Choose a role from the list: “chief-wizard” is not one."),
        ("cert=xyz", "cert", "“xyz” is not a credential we know"),
        ("years=51", "years", "Enter at most 50 years."),
        ("years=-1", "years", "Years cannot be below 0."),
        ("years=three", "years", "Enter the years as a whole number"),
        ("accuracy=120", "accuracy", "Accuracy cannot be above 100%."),
        ("education=phd", "education", "Choose an education level from the list."),
    ],
)
def test_invalid_input_gets_a_message_next_to_the_field(client, catalog, query, field, message):
    response = client.get(f"/plan/?{query}")
    html = response.content.decode()
    assert response.status_code == 400
    assert f'<p class="field-error" id="{field}-error">{message}' in html
    update = client.get(f"/plan/?{query}", headers={"HX-Request": "true"})
    assert update.status_code == 200  # htmx swaps only 2xx fragments
    partial = update.content.decode()
    assert f'id="{field}-error" hx-swap-oob="true">{message}' in partial
    assert "Some answers need a change" in partial


def test_markup_in_the_input_comes_back_escaped(client, catalog):
    response = client.get('/plan/?specialty=<script>alert(1)</script>" hx-get="/x')
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&quot; hx-get=&quot;/x" in html


def test_an_admin_change_to_a_roles_requirements_changes_the_next_plan(client, catalog):
    query = "/plan/?role=coding-auditor&years=8&cert=cpc&track=specialist"
    before = client.get(query).content.decode()
    assert 'Compliance Officer</a> <span class="tag">Within reach now' in before
    compliance = Role.objects.get(slug="compliance-officer")
    requirement = RoleRequirement.objects.create(role=compliance, position=9, kind="required")
    requirement.certifications.set(
        compliance.requirements.get(kind="recommended").certifications.all()
    )
    after = client.get(query).content.decode()
    assert 'Compliance Officer</a> <span class="tag">Not yet' in after
    section = after[after.index("Compliance Officer</a> <span") :][:900]
    assert '<abbr title="Certified in Healthcare Compliance">CHC</abbr>' in section


def test_the_plan_links_to_roles_credentials_and_the_map(client, catalog):
    html = client.get(PLAN).content.decode()
    assert 'href="/roles/senior-medical-coder/"' in html
    assert 'href="/certifications/cpma/"' in html
    assert 'href="/paths/?role=medical-coder-i"' in html


def test_the_plan_draws_your_band_and_the_next_tiers(client, catalog):
    html = client.get(PLAN).content.decode()
    assert '<svg class="chart band-chart"' in html and 'role="img"' in html
    assert "You: Entry-level: $37,000 to $43,490." in html  # the text alternative
    assert "Next: Mid-career: $43,490 to $64,820." in html
    assert "Median of the occupation: $51,140." in html


def test_an_update_renames_the_page(client, catalog):
    html = client.get(PLAN, headers={"HX-Request": "true"}).content.decode()
    assert "<title>Your plan: Medical Coder I · Careerpath</title>" in html
    full = client.get(PLAN).content.decode()
    assert "<title>Your plan: Medical Coder I · Careerpath</title>" in full


def test_one_catalog_save_changes_the_version_stamp_once(catalog):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from salaries.models import WageEstimate

    estimate = WageEstimate.objects.filter(release__is_current=True).first()
    estimate.source = "corrected"
    with CaptureQueriesContext(connection) as queries:
        estimate.save()  # also writes its history row
    stamp_writes = [
        q["sql"]
        for q in queries
        if "careerpath_catalogversion" in q["sql"] and q["sql"].startswith(("UPDATE", "INSERT"))
    ]
    assert len(stamp_writes) == 1
