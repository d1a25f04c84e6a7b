"""The answers issue 20 added, through the page and the API against the shipped catalog: a goal
role, the HIM program, a student, apprentices that say so; and the four people of the issue."""

import re

from django.http import QueryDict

from careerpath.forms import AssessmentForm, assessment_query


def api(client, query):
    return client.get("/api/plan/?" + query)


def test_a_goal_role_gives_the_route_in_the_api(client, catalog):
    data = api(client, "role=senior-medical-coder&years=5&cert=cpc&cert=crc&target=coding-auditor")
    assert data.status_code == 200
    route = data.json()["route"]
    assert route["target"] == "coding-auditor" and route["reachable"] and route["reason"] is None
    [step] = route["steps"]
    assert step["role"] == "coding-auditor" and step["move"] == "lateral"
    assert step["years_needed"] == 0 and re.fullmatch(r"\d{4}-\d{2}", step["earliest"])
    assert step["missing_certifications"] == [] and step["missing_education"] is None
    assert step["pay_change"] == {"low": 0, "high": 0}
    assert route["total_years"] == 0 and route["exam_fees"] is None
    # The auditor's credential leads the advice, marked as the route's.
    first = data.json()["recommended_certifications"][0]
    assert first["certification"] == "cpma" and first["route_recommends"] == ["coding-auditor"]
    assert api(client, "role=senior-medical-coder&years=5").json()["route"] is None


def test_an_unknown_goal_and_a_bad_him_answer_are_400s_naming_the_field(client, catalog):
    response = api(client, "years=2&target=astronaut&him_program=maybe")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"target", "him_program"}
    assert "astronaut" in errors["target"][0]
    page = client.get("/plan/?years=2&target=astronaut")
    assert page.status_code == 400
    assert "Choose a role to aim at from the list" in page.content.decode()


def test_the_route_card_and_the_goal_in_the_summary(client, catalog):
    html = client.get(
        "/plan/?role=coding-manager&years=9&education=associate&cert=cpc&target=him-director"
    ).content.decode()
    assert (
        'id="route-heading">Your route to Director of Health Information Management (HIM)' in html
    )
    route = html[html.index('class="card plan-route"') :]
    route = route[: route.index("</section>")]
    assert "Still missing:" in route and ">RHIA</abbr>" in route
    assert "bachelor&#39;s degree" in route or "bachelor's degree" in route
    summary = html[html.index('class="card summary"') :]
    summary = summary[: summary.index("</section>")]
    assert "<dt>Your goal</dt>" in summary and "1 move" in summary


def test_the_role_picker_shows_aliases_and_the_goal_picker_groups_by_track(client, catalog):
    html = client.get("/plan/").content.decode()
    assert ">Senior Medical Coder (Medical Coder II)</option>" in html
    target = html[html.index('<select id="id_target"') :]
    target = target[: target.index("</select>")]
    assert '<option value="">No particular role</option>' in target
    assert '<optgroup label="Management">' in target
    assert re.findall(r'<optgroup label="([^"]+)">', target) == [
        "Coding",
        "Management",
        "Specialist",
        "Alternative careers",
    ]


def test_cpc_a_can_be_ticked_and_round_trips_through_the_link(client, catalog, real_catalog):
    form = AssessmentForm(
        QueryDict("role=medical-coder-i&years=1&cert=cpc-a"), catalog=real_catalog
    )
    assert form.is_valid(), form.errors
    assessment = form.assessment()
    assert assessment.certifications == {"cpc"} and assessment.apprentices == {"cpc"}
    assert ("cert", "cpc-a") in assessment_query(assessment, real_catalog)
    both = AssessmentForm(QueryDict("cert=cpc&cert=cpc-a"), catalog=real_catalog)
    assert not both.is_valid() and "Tick either CPC or CPC-A" in both.errors["cert"][0]
    data = api(client, "role=medical-coder-i&years=1&cert=cpc-a").json()
    assert data["credential_upkeep"]["apprentice"]["designation"] == "CPC-A"


def test_the_four_people_of_the_issue(client, catalog):
    # A Coder II with a CPC and a CRC who wants to audit: the CPMA first.
    coder = api(
        client,
        "role=senior-medical-coder&years=5&cert=cpc&cert=crc&specialty=risk+adjustment"
        "&education=associate&track=specialist",
    ).json()
    advice = {a["certification"]: a for a in coder["recommended_certifications"]}
    assert coder["recommended_certifications"][0]["certification"] == "cpma"
    # Any associate degree does not open the RHIT; the CHC is never "you can sit now".
    assert advice["rhit"]["eligible_now"] is None and advice["rhit"]["eligibility"] == "depends"
    assert advice["chc"]["eligible_now"] is None
    no_him = api(
        client,
        "role=senior-medical-coder&years=5&cert=cpc&education=associate&him_program=no"
        "&track=specialist",
    ).json()
    rhit = next(a for a in no_him["recommended_certifications"] if a["certification"] == "rhit")
    assert rhit["eligible_now"] is False
    # No apprentice panel for a 5-year CPC.
    assert coder["credential_upkeep"]["apprentice"] is None
    # The billing pivot pays less, and says so.
    billing = next(a for a in coder["alternatives"] if a["role"] == "medical-billing-specialist")
    assert billing["pay_cut"] is True and billing["pay_change"]["high"] < 0

    # A new graduate: the CPC (most requested for outpatient coding) before the CCS; the CCA too.
    grad = api(client, "years=0&education=certificate").json()
    ranked = [a["certification"] for a in grad["recommended_certifications"]]
    assert ranked[:2] == ["cpc", "ccs"] and "cca" in ranked
    cpc = grad["recommended_certifications"][0]
    assert cpc["most_requested_for"] == ["outpatient-coder"]
    assert cpc["published_averages"][0]["average"] == 58055
    # AAPC upkeep for a coder is the professional membership; the student rate only on asking.
    assert cpc["upkeep"]["yearly_low"] == cpc["upkeep"]["yearly_high"] == 222
    student = api(client, "years=0&education=certificate&student=1").json()
    upkeep = student["recommended_certifications"][0]["upkeep"]
    assert (upkeep["yearly_low"], upkeep["yearly_high"]) == (157, 222)

    # A CPC-A one year in says so, and Practicode is open to them.
    cpc_a = api(client, "role=medical-coder-i&years=1&cert=cpc-a").json()
    assert cpc_a["credential_upkeep"]["apprentice"]["years_remaining"] == 1

    # A coding manager with a bachelor's and an RHIA who wants a director job.
    manager = client.get(
        "/plan/?role=coding-manager&years=9&education=bachelor&cert=rhia"
        "&target=revenue-cycle-director"
    ).content.decode()
    assert "You already hold every credential" in manager
    data = api(
        client,
        "role=coding-manager&years=9&education=associate&cert=rhia&target=revenue-cycle-director",
    ).json()
    # The director asks for a bachelor's (BLS's entry education for 11-9111).
    assert data["route"]["steps"][0]["missing_education"] == "bachelor"


def test_pay_changes_read_low_to_high_and_a_cut_says_so(client, catalog):
    html = client.get(
        "/plan/?role=senior-medical-coder&years=5&cert=cpc&cert=crc&education=associate"
    ).content.decode()
    paths = html[html.index('class="card plan-paths"') :]
    billing = paths[paths.index("Medical Billing Specialist") :]
    billing = billing[: billing.index("</li>")]
    assert '<span class="pay-cut">a pay cut: −$6,530 to −$650 a year</span>' in billing
    assert "Nothing required that you lack. Recommended: CPB." in billing
    # A credential no role here requires pays nothing back of its own.
    assert "Months to pay back: none counted, as no role here requires it." in html
