"""Keeping credentials on the plan page and in /api/plan/: the cycle answers of the form, the
"Keeping your credentials" section, field errors for bad values, and the shareable link.

The views plan as of the real date, so cycle months here are counted from this month.
"""

from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from django.utils import timezone

from careerpath.forms import AssessmentForm, assessment_query
from careerpath.planner import add_months

from .factories import (
    CertificationFactory,
    CertifyingBodyFactory,
    CeuTierFactory,
    CredentialRenewalFactory,
    RenewalRuleFactory,
)

pytestmark = pytest.mark.django_db


def this_month():
    return timezone.localdate().replace(day=1)


def get_in_one_month(client, make_url, **headers):
    """GET the address `make_url(month)` builds from this month; again if the month turned
    between building it and the answer (a test run at midnight on the last day)."""
    for _ in range(2):
        month = this_month()
        response = client.get(make_url(month), headers=headers)
        if this_month() == month:
            return month, response
    raise AssertionError("the month changed twice during one test")


def ym(day) -> str:
    return day.strftime("%Y-%m")


# --- The JSON API -----------------------------------------------------------------------------


def test_ccs_and_ccs_p_ask_30_ceus_through_the_api(client, catalog):
    data = client.get("/api/plan/?cert=ccs&cert=ccs-p").json()["credential_upkeep"]
    [ahima] = data["bodies"]
    assert (ahima["body"], ahima["credentials"]) == ("ahima", ["ccs", "ccs-p"])
    assert (ahima["ceus_required"], ahima["cycle_years"]) == (30, 2)
    assert "ahima.org/certification/Recertification" in ahima["source"]
    non_members = next(f for f in ahima["fees"] if f["label"] == "Recertification fee, non-members")
    assert (non_members["amount"], non_members["total"]) == (218, 268)
    members = next(f for f in ahima["fees"] if f["label"] == "Recertification fee, members")
    assert members["amount"] is None and members["status"] == "NC"
    assert data["apprentice"] is None


def test_the_api_says_what_is_left_in_the_cycle(client, catalog):
    def url(month):
        return f"/api/plan/?cert=cpc&cert=cpma&aapc_due={ym(add_months(month, 9))}&aapc_ceus=16"

    month, response = get_in_one_month(client, url)
    [aapc] = response.json()["credential_upkeep"]["bodies"]
    assert aapc["due"] == ym(add_months(month, 9)) and aapc["months_left"] == 10
    assert (aapc["ceus_required"], aapc["ceus_earned"], aapc["ceus_remaining"]) == (40, 16, 24)
    assert aapc["ceus_per_month"] == 3  # 24 CEUs over 10 months, rounded up
    assert aapc["topic_requirements"] == [{"credential": "cpma", "ceus": 16, "topic": "auditing"}]


def test_the_api_names_the_apprentice_route(client, catalog):
    data = client.get("/api/plan/?cert=cpc&years=1&practicode=1").json()["credential_upkeep"]
    assert data["apprentice"] == {
        "designation": "CPC-A",
        "met": True,
        "route": "experience+practicode",
        "years_remaining": 0,
        "earliest": None,
    }


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("aapc_due=2027-13", "aapc_due", "Enter the month as YYYY-MM, for example 2027-03."),
        ("ahima_due=March", "ahima_due", "Enter the month as YYYY-MM, for example 2027-03."),
        ("ccb_due=1999-12", "ccb_due", "Enter a month from 2000-01 to 2099-12."),
        ("acdis_due=2027-3", "acdis_due", "Enter the month as YYYY-MM, for example 2027-03."),
        ("aapc_ceus=-1", "aapc_ceus", "CEUs cannot be below 0."),
        ("ahima_ceus=twelve", "ahima_ceus", "Enter the CEUs as a whole number, for example 12."),
        ("ccb_ceus=1000", "ccb_ceus", "Enter at most 999 CEUs."),
    ],
)
def test_bad_cycle_values_are_field_errors(client, catalog, query, field, message):
    api = client.get(f"/api/plan/?cert=cpc&{query}")
    assert api.status_code == 400
    assert api.json()["errors"] == {field: [message]}
    page = client.get(f"/plan/?cert=cpc&{query}")
    assert page.status_code == 400
    html = page.content.decode()
    assert f'<p class="field-error" id="{field}-error">{message}</p>' in html
    assert f'id="id_{field}"' in html and "aria-invalid" in html
    update = client.get(f"/plan/?cert=cpc&{query}", headers={"HX-Request": "true"})
    assert f'id="{field}-error" hx-swap-oob="true">{message}' in update.content.decode()


# --- The plan page ------------------------------------------------------------------------------


def test_the_plan_page_shows_the_upkeep_after_the_credentials(client, catalog):
    def url(month):
        return (
            "/plan/?role=medical-coder-i&years=1&cert=cpc&cert=cpma"
            f"&aapc_due={ym(add_months(month, 3))}&aapc_ceus=5"
        )

    month, response = get_in_one_month(client, url)
    html = response.content.decode()
    assert response.status_code == 200
    start = html.index('<section id="upkeep"')
    assert html.index('id="creds-heading"') < start  # after "Credentials that lead there"
    section = html[start : html.index("</section>", start)]
    assert '<h2 id="upkeep-heading">Keeping your credentials</h2>' in section
    assert "<strong>40 CEUs every 2 years</strong>" in section
    assert "16 of them: auditing (CPMA)" in section
    due = add_months(month, 3)
    assert f"This cycle ends in <strong>{due:%B %Y}</strong>: 4 months left" in section
    assert "Earned so far: 5; 35 to go." in section
    assert "<strong>9 CEUs a month</strong>" in section
    assert "<strong>Behind:</strong>" in section
    assert "Removing the “A”: CPC-A" in section and "Not met yet" in section
    # The card's Sources are drawn when opened, from the page of the plan's details.
    sources = client.get(url(month).replace("/plan/", "/plan/details/") + "&part=upkeep-sources")
    assert "CEU extension fee</dt><dd>$50 each time." in sources.content.decode()
    calendar = section[section.index('<a href="/plan/calendar.ics?') :].split('"')[1]
    assert f"aapc_due={ym(due)}" in calendar and "cert=cpma" in calendar


def test_without_a_credential_there_is_no_upkeep_section(client, catalog):
    html = client.get("/plan/?role=medical-coder-i&years=1").content.decode()
    assert 'id="upkeep"' not in html and "Keeping your credentials" not in html
    assert 'id="plan-heading">Where you stand' in html


def test_the_htmx_update_carries_the_upkeep(client, catalog):
    response = client.get("/plan/?cert=chc&cert=ccds", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html and 'id="upkeep"' in html
    assert (
        "<strong>40 CEUs every 2 years</strong>" in html and "20 of them: live events (CHC)" in html
    )
    assert "Renew every 2 years. CEUs: <strong>not confirmed</strong>." in html  # the CCDS
    assert "calendar.ics" not in html  # no cycle month given: nothing to put in a calendar


def test_the_rhia_replacing_the_rhit_is_said(client, catalog):
    html = client.get("/plan/?cert=rhia&cert=rhit").content.decode()
    assert "The RHIA replaces the RHIT: only the RHIA’s CEUs are kept up." in html
    assert "<strong>30 CEUs every 2 years</strong>" in html


def test_an_apprentice_route_met_is_named(client, catalog):
    html = client.get("/plan/?cert=cpc&years=1&course=1").content.decode()
    assert (
        "<strong>Route met:</strong> 1 year of coding experience plus a coding course of at "
        "least 80 contact hours." in html
    )


def test_the_cycle_inputs_are_labelled_and_open_once_answered(client, catalog):
    empty = client.get("/plan/").content.decode()
    for field, label in [
        ("aapc_due", "AAPC: month this cycle ends"),
        ("aapc_ceus", "AAPC: CEUs earned this cycle"),
        ("ahima_due", "AHIMA: month this cycle ends"),
        ("ccb_ceus", "CCB/HCCA: CEUs earned this cycle"),
        ("acdis_due", "ACDIS: month this cycle ends"),
        ("course", "I completed a coding course of at least 80 contact hours"),
        ("practicode", "I completed CPC-A Practicode"),
    ]:
        assert f'<label for="id_{field}">{label}</label>' in empty
    assert 'name="aapc_due" type="text" maxlength="7"' in empty
    assert '<details class="optional">\n    <summary>Optional: renewal cycles' in empty
    answered = client.get("/plan/?cert=cpc&aapc_ceus=4").content.decode()
    assert '<details class="optional" open>\n    <summary>Optional: renewal cycles' in answered
    assert 'name="aapc_ceus" type="number"' in answered and 'value="4"' in answered


# --- The shareable link -------------------------------------------------------------------------


def test_the_cycle_answers_round_trip_through_the_link(real_catalog):
    query = (
        "role=medical-coder-i&years=1&cert=cpc&cert=ccs&aapc_due=2027-03&aapc_ceus=12"
        "&ahima_due=2026-11&ccb_ceus=0&course=1&practicode=1"
    )
    form = AssessmentForm(QueryDict(query), catalog=real_catalog)
    assert form.is_valid(), form.errors
    assessment = form.assessment()
    assert {(c.body, str(c.due), c.ceus_earned) for c in assessment.cycles} == {
        ("aapc", "2027-03-01", 12),
        ("ahima", "2026-11-01", None),
        ("ccb", "None", 0),
    }
    assert assessment.apprentice_credits == {"course", "practicode"}
    pairs = assessment_query(assessment, real_catalog)
    assert ("aapc_due", "2027-03") in pairs and ("ccb_ceus", "0") in pairs
    assert ("course", "1") in pairs and ("practicode", "1") in pairs
    again = AssessmentForm(QueryDict(urlencode(pairs)), catalog=real_catalog)
    assert again.is_valid() and again.assessment() == assessment


def test_a_shared_plan_keeps_the_upkeep_and_its_answers(client, catalog):
    response = client.post(
        "/plan/share/", {"cert": ["ccs", "ccs-p"], "ahima_due": "2027-03", "ahima_ceus": "10"}
    )
    assert response.status_code == 303
    shared = client.get(response["Location"]).content.decode()
    assert (
        "Keeping your credentials" in shared and "<strong>30 CEUs every 2 years</strong>" in shared
    )
    assert "ahima_due=2027-03&amp;ahima_ceus=10" in shared  # "Open in planner" keeps them


# --- The catalog in the database --------------------------------------------------------------


def test_an_edit_of_a_ceu_table_reaches_the_next_plan(client):
    body = CertifyingBodyFactory(slug="board", acronym="BOARD")
    first = CertificationFactory(slug="alpha", acronym="ALPHA", body=body)
    CertificationFactory(slug="beta", acronym="BETA", body=body)
    rule = RenewalRuleFactory(body=body)
    CeuTierFactory(rule=rule, credentials=1, ceus=36)
    tier = CeuTierFactory(rule=rule, credentials=2, ceus=40)
    CredentialRenewalFactory(certification=first, topic_ceus=16, topic="auditing")

    def required():
        data = client.get("/api/plan/?cert=alpha&cert=beta").json()["credential_upkeep"]
        return data["bodies"][0]["ceus_required"], data["bodies"][0]["topic_requirements"]

    assert required() == (40, [{"credential": "alpha", "ceus": 16, "topic": "auditing"}])
    tier.ceus = 44
    tier.save()
    assert required()[0] == 44


def test_a_replacement_and_per_credential_ceus_come_from_the_database(client):
    body = CertifyingBodyFactory(slug="hims", acronym="HIMS")
    old = CertificationFactory(slug="tech", acronym="TECH", body=body)
    new = CertificationFactory(slug="admin", acronym="ADMIN", body=body)
    RenewalRuleFactory(body=body, additional_ceus=10, max_ceus=50)
    CredentialRenewalFactory(certification=old, ceus=20)
    CredentialRenewalFactory(certification=new, ceus=30, replaces=[old])
    [hims] = client.get("/api/plan/?cert=tech&cert=admin").json()["credential_upkeep"]["bodies"]
    assert (hims["credentials"], hims["ceus_required"]) == (["admin"], 30)
