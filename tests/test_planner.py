"""The rules of progression, checked for the people the source article describes.

These tests call the pure planner with the shipped catalog (read once) and touch no database.
"""

import pytest

from careerpath.planner import ApiPlan, Assessment, build_plan


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
    for role in plan.next_roles:
        assert [[c.slug for c in g.certifications] for g in role.missing_certifications] == [
            ["ccs", "cpc"]
        ]
        assert role.move == "first-job"
    top_two = {a.certification.slug for a in plan.recommended_certifications[:2]}
    assert top_two == {"cpc", "ccs"}
    cpc = next(a for a in plan.recommended_certifications if a.certification.slug == "cpc")
    assert "CPC-A" in cpc.apprentice_note and "2 years" in cpc.apprentice_note
    assert plan.alternatives == ()


def test_a_coder_i_with_a_cpc_at_two_years(plan_for):
    plan = plan_for(
        role="medical-coder-i", years=2, certifications={"cpc"}, education="certificate"
    )
    band = plan.position.salary_band
    assert plan.position.stage == "entry"
    assert (band.low_percentile, band.high_percentile) == (10, 25)
    assert (band.low, band.high, band.reference_period) == (37000, 43490, "May 2025")
    assert plan.position.median_relation == "above"
    assert plan.held_credential_notes == ()  # two years: no longer CPC-A
    senior = next(n for n in plan.next_roles if n.role.slug == "senior-medical-coder")
    assert senior.missing_years == 1 and not senior.ready
    assert senior.missing_certifications == ()
    assert [g.held.slug for g in senior.met_certifications] == ["cpc"]
    assert (senior.band_change.low, senior.band_change.high) == (43490 - 37000, 64820 - 43490)
    assert "first-credential" in [m.slug for m in plan.readiness if m.met]


def test_a_cpc_held_under_two_years_is_an_apprentice_credential(plan_for):
    plan = plan_for(role="medical-coder-i", years=1, certifications={"cpc"})
    assert len(plan.held_credential_notes) == 1
    assert "Your CPC shows as CPC-A" in plan.held_credential_notes[0]


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
    manager = next(n for n in plan.next_roles if n.role.slug == "coding-manager")
    assert manager.ready
    rhia = next(a for a in plan.recommended_certifications if a.certification.slug == "rhia")
    assert rhia.eligible_now is False  # RHIA needs a bachelor's from a CAHIIM-accredited program
    assert any("CAHIIM" in note for note in rhia.eligibility_notes)
    assert all(m.met for m in plan.readiness if m.slug != "seven-years") and plan.readiness


def test_a_coding_manager_without_a_bachelors_sees_what_a_director_role_needs(plan_for):
    plan = plan_for(role="coding-manager", years=9, certifications={"cpc"}, education="associate")
    director = next(n for n in plan.next_roles if n.role.slug == "him-director")
    assert director.missing_education == "bachelor" and not director.ready
    assert [[c.slug for c in g.certifications] for g in director.missing_certifications] == [
        ["rhia"]
    ]
    assert "him-director" in [r.slug for r in plan.recommended_certifications[0].unlocks]


def test_a_coder_aiming_at_compliance(plan_for):
    plan = plan_for(
        role="coding-auditor", years=6, certifications={"cpc", "cpma"}, track="specialist"
    )
    assert "compliance-officer" in slugs(plan.next_roles)
    chc = next(a for a in plan.recommended_certifications if a.certification.slug == "chc")
    assert "compliance-officer" in [r.slug for r in chc.strengthens]
    assert chc.body_acronym == "CCB/HCCA"


def test_a_coder_aiming_at_cdi(plan_for):
    plan = plan_for(role="medical-coder-i", years=3, certifications={"ccs"}, track="specialist")
    assert "cdi-specialist" in slugs(plan.next_roles)
    cdi = next(n for n in plan.next_roles if n.role.slug == "cdi-specialist")
    assert cdi.ready  # an inpatient coder with the CCS and three years
    assert "cdip" in [c.slug for c in cdi.recommended_certifications]
    assert "cdip" in [a.certification.slug for a in plan.recommended_certifications]
    ccds = next(a for a in plan.recommended_certifications if a.certification.slug == "ccds")
    assert ccds.eligibility == "not-yet"  # every CCDS route asks current CDI work


def test_cdi_is_not_one_year_away_for_a_two_year_coder_with_a_cpc(plan_for):
    plan = plan_for(role="medical-coder-i", years=2, certifications={"cpc"}, track="specialist")
    cdi = next(n for n in plan.next_roles if n.role.slug == "cdi-specialist")
    assert cdi.missing_years == 1
    assert [[c.slug for c in g.certifications] for g in cdi.missing_certifications] == [
        ["ccs", "rhia", "rhit"]
    ]


def test_no_aapc_credential_has_an_unconfirmed_eligibility(real_catalog):
    from careerpath.planner import Eligibility, eligibility

    aapc = [c for c in real_catalog.certifications if c.body_acronym == "AAPC"]
    assert len(aapc) >= 12
    for cert in aapc:
        assert eligibility(real_catalog, Assessment(), cert)[0] == Eligibility.OPEN, cert.slug


def test_the_ccs_with_an_unknown_education_depends_on_it(real_catalog):
    from careerpath.planner import Eligibility, eligibility

    ccs = real_catalog.certification("ccs")
    status, depends_on = eligibility(real_catalog, Assessment(years=2), ccs)
    assert status == Eligibility.DEPENDS
    assert depends_on == ("your education (high school diploma or equivalent or higher)",)
    said = eligibility(real_catalog, Assessment(years=2, education="certificate"), ccs)
    assert said == (Eligibility.OPEN, ())


def test_a_coder_aiming_at_risk_adjustment(plan_for):
    plan = plan_for(
        role="senior-medical-coder", years=6, certifications={"cpc"}, track="specialist"
    )
    assert "risk-adjustment-coding-specialist" in slugs(plan.next_roles)
    crc = next(a for a in plan.recommended_certifications if a.certification.slug == "crc")
    assert [r.slug for r in crc.strengthens] == ["risk-adjustment-coding-specialist"]


def test_someone_already_senior_sees_director_paths(plan_for):
    plan = plan_for(
        role="coding-manager", years=12, certifications={"cpc", "rhia"}, education="bachelor"
    )
    assert plan.position.stage == "senior"
    assert {"him-director", "revenue-cycle-director"} <= set(slugs(plan.next_roles))
    director = next(n for n in plan.next_roles if n.role.slug == "him-director")
    assert director.ready
    assert plan.position.median_relation == "below"


def test_a_senior_role_with_no_experience_gets_a_plan_and_a_plain_note(plan_for):
    plan = plan_for(role="coding-manager", years=0)
    assert plan.position.stage == "senior"
    assert plan.next_roles
    assert any("you entered 0" in note for note in plan.position.notes)


def test_no_role_on_the_chosen_track_one_step_up_says_so(plan_for):
    plan = plan_for(role="medical-coder-i", years=2, certifications={"cpc"}, track="management")
    assert plan.next_roles  # the roles on the way there
    assert "No management role is one step up" in plan.next_roles_note
    assert not any(n.on_target_track for n in plan.next_roles)


def test_pivots_are_alternatives_unless_their_track_is_chosen(plan_for):
    plan = plan_for(role="senior-medical-coder", years=5, certifications={"cpc"})
    assert "health-data-analyst" in slugs(plan.alternatives)
    assert "health-data-analyst" not in slugs(plan.next_roles)
    pivoting = plan_for(role="senior-medical-coder", years=5, track="alternative")
    assert "health-data-analyst" in slugs(pivoting.next_roles)
    assert "health-data-analyst" not in slugs(pivoting.alternatives)
    analyst = next(n for n in pivoting.next_roles if n.role.slug == "health-data-analyst")
    # Priced on its own occupation, and the change says it is another occupation's band.
    assert analyst.salary_band.occupation.soc_code == "29-9021"
    assert analyst.band_change.from_occupation.soc_code == "29-2072"


@pytest.mark.parametrize(("accuracy", "met"), [(96, True), (95, True), (90, False), (None, None)])
def test_accuracy_milestone(plan_for, accuracy, met):
    plan = plan_for(role="senior-medical-coder", years=4, accuracy=accuracy)
    milestone = next(m for m in plan.readiness if m.slug == "accuracy-95")
    assert milestone.met is met


def test_ready_roles_rank_before_roles_with_gaps(plan_for):
    plan = plan_for(role="coding-manager", years=12, certifications={"cpc"}, education="associate")
    ready = [n.ready for n in plan.next_roles]
    assert ready == sorted(ready, reverse=True)


def test_the_json_shape(plan_for):
    data = ApiPlan.from_plan(
        plan_for(role="medical-coder-i", years=1, certifications={"cpc"}, education="certificate")
    ).model_dump(mode="json")
    assert data["position"]["stage"] == "entry" and data["position"]["role"] == "medical-coder-i"
    assert data["position"]["salary_band"] == {
        "low": 37000,
        "high": 43490,
        "low_percentile": 10,
        "high_percentile": 25,
        "median": 51140,
        "reference_period": "May 2025",
        "source": data["position"]["salary_band"]["source"],
        "occupation": {"soc_code": "29-2072", "title": "Medical Records Specialists"},
    }
    first = data["next_roles"][0]
    assert set(first) >= {
        "role",
        "stage",
        "track",
        "ready",
        "missing_certifications",
        "recommended_certifications",
        "missing_years",
        "missing_education",
        "salary_band",
    }
    assert all(isinstance(group, list) for group in first["missing_certifications"])
    assert {"certification", "leads_to"} <= set(data["recommended_certifications"][0])
    student = ApiPlan.from_plan(plan_for()).model_dump(mode="json")
    assert student["position"]["stage"] is None
