"""The people the source article describes, planned against the shipped catalog.

The rules themselves are tested on small worlds (test_planner_rules.py); these few tests check
that the shipped catalog says sensible things to real people. Figures are read from the
catalog's own current release, never typed, so a BLS refresh does not break them.
"""

import pytest

from careerpath.api import api_plan
from careerpath.planner import Assessment, Eligibility, build_plan, eligibility


@pytest.fixture
def plan_for(real_catalog):
    def plan(**answers):
        return build_plan(real_catalog, Assessment(**answers))

    return plan


def slugs(items):
    return [item.role.slug for item in items]


def test_a_new_graduate_starts_with_a_first_job_and_a_first_credential(plan_for):
    plan = plan_for(education="certificate")
    assert plan.position.stage is None and plan.position.salary_band is None
    assert set(slugs(plan.next_roles)) == {"medical-coder-i", "outpatient-coder"}
    assert all(n.move == "first-job" for n in plan.next_roles)
    top_two = {a.certification.slug for a in plan.recommended_certifications[:2]}
    assert top_two == {"cpc", "ccs"}
    cpc = next(a for a in plan.recommended_certifications if a.certification.slug == "cpc")
    assert "CPC-A" in cpc.apprentice_note and "2 years" in cpc.apprentice_note


def test_a_coder_i_with_a_cpc_at_two_years(plan_for, real_catalog):
    plan = plan_for(
        role="medical-coder-i", years=2, certifications={"cpc"}, education="certificate"
    )
    band, wages = plan.position.salary_band, real_catalog.stage_wages()
    assert plan.position.stage == "entry"
    assert (band.low, band.high) == (wages.annual[10], wages.annual[25])
    assert band.reference_period == wages.reference_period
    assert plan.held_credential_notes == ()  # two years: no longer CPC-A
    senior = next(n for n in plan.next_roles if n.role.slug == "senior-medical-coder")
    assert senior.missing_certifications == () and senior.missing_years > 0
    assert [g.held.slug for g in senior.met_certifications] == ["cpc"]


def test_a_senior_coder_aiming_at_management_without_a_bachelors(plan_for):
    plan = plan_for(
        role="senior-medical-coder",
        years=8,
        certifications={"cpc"},
        education="associate",
        track="management",
        accuracy=97,
        audits=True,
        specialty="cardiology",
    )
    assert {n.track for n in plan.next_roles} == {"management"}
    assert next(n for n in plan.next_roles if n.role.slug == "coding-manager").ready
    rhia = next(a for a in plan.recommended_certifications if a.certification.slug == "rhia")
    assert rhia.eligible_now is False  # RHIA needs a bachelor's from a CAHIIM-accredited program
    assert any("CAHIIM" in note for note in rhia.eligibility_notes)


def test_a_coding_manager_without_a_bachelors_sees_what_a_director_role_needs(plan_for):
    plan = plan_for(role="coding-manager", years=9, certifications={"cpc"}, education="associate")
    director = next(n for n in plan.next_roles if n.role.slug == "him-director")
    assert director.missing_education == "bachelor" and not director.ready
    assert [[c.slug for c in g.certifications] for g in director.missing_certifications] == [
        ["rhia"]
    ]


def test_a_coder_aiming_at_cdi(plan_for):
    plan = plan_for(role="medical-coder-i", years=3, certifications={"ccs"}, track="specialist")
    cdi = next(n for n in plan.next_roles if n.role.slug == "cdi-specialist")
    assert cdi.ready  # an inpatient coder with the CCS and three years
    assert "cdip" in [c.slug for c in cdi.recommended_certifications]
    ccds = next(a for a in plan.recommended_certifications if a.certification.slug == "ccds")
    assert ccds.eligibility == "not-yet"  # every CCDS route asks current CDI work


def test_cdi_is_not_one_year_away_for_a_two_year_coder_with_a_cpc(plan_for):
    plan = plan_for(role="medical-coder-i", years=2, certifications={"cpc"}, track="specialist")
    cdi = next(n for n in plan.next_roles if n.role.slug == "cdi-specialist")
    assert [[c.slug for c in g.certifications] for g in cdi.missing_certifications] == [
        ["ccs", "rhia", "rhit"]
    ]


def test_no_aapc_credential_has_an_unconfirmed_eligibility(real_catalog):
    aapc = [c for c in real_catalog.certifications if c.body_acronym == "AAPC"]
    assert len(aapc) >= 12
    for cert in aapc:
        assert eligibility(real_catalog, Assessment(), cert)[0] == Eligibility.OPEN, cert.slug


def test_the_ccs_with_an_unknown_education_depends_on_it(real_catalog):
    ccs = real_catalog.certification("ccs")
    status, depends_on = eligibility(real_catalog, Assessment(years=2), ccs)
    assert status == Eligibility.DEPENDS
    assert depends_on == ("your education (high school diploma or equivalent or higher)",)
    said = eligibility(real_catalog, Assessment(years=2, education="certificate"), ccs)
    assert said == (Eligibility.OPEN, ())


def test_a_pivot_is_priced_on_its_own_occupation(plan_for):
    plan = plan_for(role="senior-medical-coder", years=5, track="alternative")
    analyst = next(n for n in plan.next_roles if n.role.slug == "health-data-analyst")
    assert analyst.salary_band.occupation.soc_code == "29-9021"
    assert analyst.band_change.from_occupation.soc_code == "29-2072"


def test_the_json_shape(plan_for, real_catalog):
    data = api_plan(
        plan_for(role="medical-coder-i", years=1, certifications={"cpc"}, education="certificate")
    )
    wages = real_catalog.stage_wages()
    assert data["position"]["stage"] == "entry" and data["position"]["role"] == "medical-coder-i"
    assert data["position"]["salary_band"] == {
        "low": wages.annual[10],
        "high": wages.annual[25],
        "low_percentile": 10,
        "high_percentile": 25,
        "median": wages.annual[50],
        "reference_period": wages.reference_period,
        "source": wages.source,
        "occupation": {"soc_code": wages.occupation, "title": wages.occupation_title},
    }
    first = data["next_roles"][0]
    assert set(first) == {
        "role",
        "title",
        "stage",
        "track",
        "ready",
        "missing_certifications",
        "met_certifications",
        "recommended_certifications",
        "missing_years",
        "missing_education",
        "salary_band",
        "pay_change",
        "pay_cut",
        "occupation_profile",
    }
    assert all(isinstance(group, list) for group in first["missing_certifications"])
    assert set(data["recommended_certifications"][0]) == {
        "certification",
        "leads_to",
        "unlocks",
        "strengthens",
        "eligible_now",
        "reason",
        "cost",
        "pay_change",
        "upkeep",
        "eligibility",
        "eligibility_depends_on",
        "eligibility_asks",
        "route_requires",
        "route_recommends",
        "most_requested_for",
        "payback_months",
        "published_averages",
    }
    assert api_plan(plan_for())["position"]["stage"] is None
