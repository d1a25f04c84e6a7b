"""/plan/: the full page, its HTMX partial, and clear messages for bad input."""

import pytest
from django.utils import timezone

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
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&#34; hx-get=&#34;/x" in html


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
    # The text alternative names the roles, as the bars' labels do.
    assert "You: Medical Coder I: $37,000 to $43,490." in html
    assert "Senior Medical Coder and 3 more: $43,490 to $64,820." in html
    assert (
        "Median of medical records specialists (SOC 29-2072), your band's occupation: $51,140."
        in html
    )


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


def test_six_years_is_mid_career_and_the_label_says_so(client, catalog):
    html = client.get("/plan/?years=6").content.decode()
    assert '<strong>Mid-career</strong> <span class="muted">(3-6 years)</span>' in html
    senior = client.get("/plan/?years=7").content.decode()
    assert '<strong>Senior/Management</strong> <span class="muted">(7+ years)</span>' in senior


def test_the_catalog_is_read_in_a_fixed_number_of_queries_whatever_the_occupations(catalog):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from careerpath.catalog import read_catalog
    from salaries.models import Release
    from stages.models import CareerStage

    from .factories import (
        EligibilityRouteFactory,
        OccupationFactory,
        RoleFactory,
        WageEstimateFactory,
    )

    def count():
        with CaptureQueriesContext(connection) as queries:
            read = read_catalog("counted")
        return len(queries), read

    before, _ = count()
    current, senior = Release.objects.get(is_current=True), CareerStage.objects.get(slug="senior")
    for n in range(5):
        occupation = OccupationFactory(soc_code=f"99-90{n:02}", title=f"Occupation {n}")
        WageEstimateFactory(release=current, occupation=occupation)
        role = RoleFactory(
            stage=senior,
            min_years=7,
            wage_occupation=occupation,
            pay_percentile_low=25,
            pay_percentile_high=75,
        )
        EligibilityRouteFactory(current_role=role)
    after, read = count()
    assert after == before
    assert {f"99-90{n:02}" for n in range(5)} <= set(read.wages)
    assert [(s.slug, s.min_years, s.max_years) for s in read.stages] == [
        ("entry", 0, 2),
        ("mid", 3, 6),
        ("senior", 7, None),
    ]


# --- The htmx update is a block of the same page ------------------------------------------------


def plan_region(html: str) -> str:
    start = html.index('<section id="plan-result"')
    return html[start : html.index("</section>\n", html.index('id="share-heading"')) + 10]


def test_the_htmx_update_is_the_plan_region_of_the_same_page(client, catalog):
    full = client.get(CODER_II).content.decode()
    update = client.get(CODER_II, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in update and '<form class="assessment"' not in update
    assert update.lstrip().startswith("<title>Your plan: Senior Medical Coder · Careerpath</title>")
    # The region htmx swaps in is, character for character, the one the whole page draws.
    assert plan_region(update) == plan_region(full)
    assert 'id="plan-heading">Where you stand' in plan_region(update)


# --- The summary card: the first screen answers the question ------------------------------------

CODER_II = "/plan/?role=senior-medical-coder&years=5&cert=cpc&cert=crc&specialty=risk+adjustment"


def summary(html: str) -> str:
    start = html.index('<section class="card summary"')
    return html[start : html.index("</section>", start)]


def test_the_summary_of_a_coder_ii_with_a_cpc_and_a_crc(client, catalog):
    card = summary(client.get(CODER_II).content.decode())
    assert ">Senior Medical Coder</a></strong>" in card
    assert "<strong>$43,490 – $64,820</strong> a year" in card
    assert ">Coding Auditor</a></strong>" in card and "Within reach now" in card
    # The CRC matches the specialty but is held. The CPMA leads to a pay rise (Coding Manager)
    # and can be sat now; the CHC's rule asks what the answers cannot show, so it comes after.
    assert ">CPMA</abbr>:" in card and "Certified Professional Medical Auditor" in card
    assert "You can sit for it now." in card
    assert "CRC</abbr>" not in card


def test_the_credential_to_get_next_says_its_fee_and_when_you_can_sit_once(client, catalog):
    html = client.get(CODER_II).content.decode()
    card = summary(html)
    start = html.index('<ol class="credentials-advice">')
    first = html[start : html.index("</li>", start)]
    assert ">CPMA</abbr>:" in card and ">CPMA</abbr>:" in first
    for part in (card, first):
        assert part.count("$399") == 1, part  # the exam fee, beside the reason, not in it too
        assert part.count("sit for it now") == 1, part
    assert '<p class="when">You can sit for it now.</p>' in first


def test_the_summary_of_a_new_graduate_with_a_certificate_and_no_credentials(client, catalog):
    card = summary(client.get("/plan/?years=0&education=certificate").content.decode())
    assert "You have not started a coding role yet" in card
    assert "<dt>First job</dt>" in card and ">Medical Coder I</a></strong>" in card
    assert "$37,000 – $43,490 a year" in card
    # Employers ask for the CPC most for outpatient coding (the catalog's sourced mark), so it
    # comes before the CCS, whose fee is lower.
    assert ">CPC</abbr>:" in card and "Exam fee</span> $399 – $499." in card
    assert "he credential employers ask for most for Outpatient Coder" in card
    assert "your first credential brings its renewal cycle" in card


def test_the_summary_of_a_cpc_holder_one_year_in_says_when_the_a_comes_off(client, catalog):
    from careerpath.planner import add_months

    for _ in range(2):  # again if the month turned between the answer and the check
        month = timezone.localdate().replace(day=1)
        card = summary(client.get("/plan/?role=medical-coder-i&years=1&cert=cpc").content.decode())
        if timezone.localdate().replace(day=1) == month:
            break
    assert ">Medical Coder I</a></strong>" in card and "$37,000 – $43,490" in card
    off = add_months(month, 12)  # two years are asked; one is entered
    assert f"<strong>{off:%B %Y}</strong>: the “A” comes off your CPC-A at the latest" in card
    assert "after 1 more year of experience" in card


def test_the_summary_of_a_coding_manager_with_a_bachelors_and_an_rhia(client, catalog):
    card = summary(
        client.get(
            "/plan/?role=coding-manager&years=9&education=bachelor&cert=rhia"
        ).content.decode()
    )
    assert ">Coding Manager</a></strong>" in card and "Senior/Management" in card
    assert "<strong>$64,820 – $81,150</strong> a year" in card
    assert "Director of Health Information Management (HIM)</a></strong>" in card
    assert "$94,700 – $123,860 a year (+$29,880 at the low end)" in card
    # Nothing to suggest is said, not left blank.
    assert "You already hold every credential that the roles one step up" in card
    # An RHIA is held: its cycle's end is the date to ask for.
    assert "enter the month a renewal cycle ends" in card


def test_each_next_role_says_what_you_already_meet(client, catalog):
    html = client.get("/plan/?role=medical-coder-i&years=4&cert=cpc&education=associate")
    senior = html.content.decode().split('<a href="/roles/senior-medical-coder/">')[1]
    senior = senior[: senior.index("</li>")]
    # The CPC meets a requirement the CCS meets too; three years are typical and you have four.
    assert "Already met:</span> CPC (any one of CCS, CPC); experience (3 years typical)" in senior
