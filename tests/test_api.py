"""GET /api/plan/: the plan as JSON, and field errors as JSON with a 400."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_plan_as_json(client, catalog):
    response = client.get("/api/plan/?role=coding-manager&years=9&cert=cpc&education=associate")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = response.json()
    assert data["position"]["stage"] == "senior" and data["position"]["role"] == "coding-manager"
    band = data["position"]["salary_band"]
    assert (band["low"], band["high"], band["reference_period"]) == (64820, 81150, "May 2025")
    director = next(r for r in data["next_roles"] if r["role"] == "him-director")
    assert director["missing_certifications"] == [["rhia"]]
    assert director["missing_education"] == "bachelor" and director["ready"] is False
    rhia = next(c for c in data["recommended_certifications"] if c["certification"] == "rhia")
    assert "him-director" in rhia["leads_to"]


def test_the_json_is_the_plans_mapping_whatever_the_serializer(client, catalog):
    from django.utils import timezone

    from careerpath import api, planner
    from careerpath import catalog as catalog_module

    query = "role=medical-coder-i&years=2&cert=cpc&specialty=cardiology&aapc_due=2027-03"
    data = client.get(f"/api/plan/?{query}").json()
    assessment = planner.Assessment(
        role="medical-coder-i",
        years=2,
        certifications=frozenset({"cpc"}),
        specialty="cardiology",
        cycles=(planner.CycleAnswer(body="aapc", due="2027-03-01"),),
    )
    current = catalog_module.current()
    result = planner.build_plan(current, assessment, today=timezone.localdate())
    assert data == api.api_plan(result)
    assert data["recommended_certifications"][0]["certification"] == "ccc"


def test_every_salary_band_names_its_occupation(client, catalog):
    data = client.get("/api/plan/?role=senior-medical-coder&years=8&track=alternative").json()
    bands = [data["position"]["salary_band"]]
    bands += [r["salary_band"] for r in data["next_roles"] + data["alternatives"]]
    assert len(bands) > 3 and all(bands)
    keys = {"low", "high", "low_percentile", "high_percentile", "median", "reference_period"}
    for band in bands:
        assert set(band) == keys | {"source", "occupation"}
        assert set(band["occupation"]) == {"soc_code", "title"}
    analyst = next(r for r in data["next_roles"] if r["role"] == "health-data-analyst")
    assert analyst["salary_band"]["occupation"] == {
        "soc_code": "29-9021",
        "title": "Health Information Technologists and Medical Registrars",
    }
    assert analyst["salary_band"]["source"].endswith("OCC_CODE 29-9021")


def test_a_newcomer_has_no_stage(client, catalog):
    data = client.get("/api/plan/").json()
    assert data["position"]["stage"] is None and data["position"]["salary_band"] is None
    assert {r["role"] for r in data["next_roles"]} == {"medical-coder-i", "outpatient-coder"}


def test_bad_input_is_a_400_with_field_errors(client, catalog):
    response = client.get("/api/plan/?role=wizard&years=x&cert=cpc&cert=nope")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"role", "years", "cert"}
    assert errors["years"] == ["Enter the years as a whole number, for example 3."]
