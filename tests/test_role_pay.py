"""The rules of pay and stages, on small catalogs built in Python (no database, no shipped data).

A role is priced on its own BLS occupation, over its own span of percentiles or its stage's; a
change of band says when it crosses occupations; every year of experience falls in exactly one
stage; eligibility says what it depends on when the answers do not settle it.
"""

import pytest
from pydantic import ValidationError

from careerpath import planner
from careerpath.planner import (
    Assessment,
    Catalog,
    Certification,
    EducationLevel,
    Eligibility,
    EligibilityRoute,
    Role,
    Stage,
    Track,
    Transition,
    WageDistribution,
)

CODERS = WageDistribution(
    reference_period="May 2030",
    source="coders' row",
    occupation="11-1111",
    occupation_title="Coders",
    annual={10: 30000, 25: 40000, 50: 50000, 75: 60000, 90: 70000},
)
MANAGERS = WageDistribution(
    reference_period="May 2030",
    source="managers' row",
    occupation="22-2222",
    occupation_title="Managers",
    annual={10: 70000, 25: 90000, 50: 120000, 75: 160000, 90: 220000},
)


def stage(slug, order, start, end, low=10, high=25, occupation="11-1111"):
    return Stage(
        slug=slug,
        name=slug.title(),
        order=order,
        min_years=start,
        max_years=end,
        occupation=occupation,
        percentile_low=low,
        percentile_high=high,
        focus=slug,
        timeline_label=slug,
    )


STAGES = (
    stage("entry", 1, 0, 2, 10, 25),
    stage("mid", 2, 3, 6, 25, 75),
    stage("senior", 3, 7, None, 75, 90),
)


def world(roles=(), transitions=(), certifications=(), wages=(CODERS, MANAGERS), stages=STAGES):
    return Catalog(
        version="test",
        educations=(
            EducationLevel(slug="high-school", name="High school diploma", rank=1),
            EducationLevel(slug="bachelor", name="Bachelor's degree", rank=4),
        ),
        stages=stages,
        tracks=(Track(slug="coding", name="Coding", order=1),),
        roles=tuple(roles),
        certifications=tuple(certifications),
        transitions=tuple(transitions),
        wages={w.occupation: w for w in wages},
    )


def role(slug, stage_slug, occupation=None, low=None, high=None, years=0):
    return Role(
        slug=slug,
        title=slug.replace("-", " ").title(),
        stage=stage_slug,
        track="coding",
        min_years=years,
        occupation=occupation,
        percentile_low=low,
        percentile_high=high,
        pay_note=f"why {slug}",
    )


CODER = role("coder", "mid", "11-1111", years=3)
MANAGER = role("manager", "senior", "11-1111", years=7)
DIRECTOR = role("director", "senior", "22-2222", 25, 50, years=7)
PIVOT = role("pivot", "senior", None, years=7)
PAID = world(
    roles=[CODER, MANAGER, DIRECTOR, PIVOT],
    transitions=[
        Transition(from_role="coder", to_role="manager", kind="promotion"),
        Transition(from_role="manager", to_role="director", kind="promotion"),
        Transition(from_role="manager", to_role="pivot", kind="promotion"),
    ],
)


def test_a_role_on_its_own_occupation_gets_its_span_of_that_occupations_dollars():
    band = planner.role_band(PAID, DIRECTOR)
    assert (band.low, band.high, band.median) == (90000, 120000, 120000)
    assert (band.low_percentile, band.high_percentile) == (25, 50)
    assert band.occupation == planner.OccupationRef(soc_code="22-2222", title="Managers")
    assert (band.reference_period, band.source) == ("May 2030", "managers' row")


def test_a_role_without_its_own_span_takes_its_stages_span_on_its_occupation():
    band = planner.role_band(PAID, MANAGER)
    assert (band.low, band.high, band.low_percentile, band.high_percentile) == (
        60000,
        70000,
        75,
        90,
    )
    assert band.occupation.soc_code == "11-1111"


def test_a_role_no_occupation_describes_borrows_no_band():
    assert planner.role_band(PAID, PIVOT) is None
    # nor does a role whose occupation the release does not publish
    assert planner.role_band(world(roles=[DIRECTOR], wages=[CODERS]), DIRECTOR) is None


def test_an_unpublished_percentile_leaves_the_band_out():
    wages = MANAGERS.model_copy(update={"annual": {**MANAGERS.annual, 25: None}})
    assert planner.role_band(world(roles=[DIRECTOR], wages=[CODERS, wages]), DIRECTOR) is None


def test_a_move_into_another_occupation_says_so_and_one_within_does_not():
    plan = planner.build_plan(PAID, Assessment(role="manager", years=8))
    director = next(n for n in plan.next_roles if n.role.slug == "director")
    assert (director.band_change.low, director.band_change.high) == (90000 - 60000, 120000 - 70000)
    assert director.band_change.from_occupation.soc_code == "11-1111"
    pivot = next(n for n in plan.next_roles if n.role.slug == "pivot")
    assert pivot.salary_band is None and pivot.band_change is None
    up = planner.build_plan(PAID, Assessment(role="coder", years=4)).next_roles[0]
    assert up.band_change.from_occupation is None and up.band_change.low == 60000 - 40000


def test_your_position_carries_your_roles_band_and_why():
    position = planner.build_plan(PAID, Assessment(role="director", years=8)).position
    assert position.salary_band.occupation.soc_code == "22-2222"
    assert position.pay_note == "why director"
    assert position.median_relation == "within"
    nobody = planner.build_plan(PAID, Assessment(years=4)).position
    assert (nobody.salary_band.low, nobody.salary_band.high) == (40000, 60000)  # stage band
    assert nobody.pay_note == ""


def test_comparing_roles_of_two_occupations_says_so():
    differences = planner.compare_roles(PAID, ["manager", "director"]).differences
    change = next(d for d in differences if d.kind == "occupation")
    assert (change.base.slug, change.other.slug) == ("manager", "director")
    assert (change.base_occupation.soc_code, change.base_occupation.title) == ("11-1111", "Coders")
    assert (change.other_occupation.soc_code, change.other_occupation.title) == (
        "22-2222",
        "Managers",
    )
    same = planner.compare_roles(PAID, ["coder", "manager"]).differences
    assert not any(d.kind == "occupation" for d in same)


def test_roles_are_grouped_by_the_occupation_and_span_they_are_priced_on():
    grouped = planner.roles_by_occupation(PAID)
    assert {
        code: [(p.role.slug, p.low_percentile, p.high_percentile) for p in pays]
        for code, pays in grouped.items()
    } == {
        "11-1111": [("coder", 25, 75), ("manager", 75, 90)],
        "22-2222": [("director", 25, 50)],
    }


def test_the_stages_wages_are_the_first_stages_occupation():
    assert PAID.stage_wages() == CODERS
    assert world(wages=[MANAGERS]).stage_wages() is None


# Stages: every year in exactly one, and the label says the same.


@pytest.mark.parametrize("years", range(51))
def test_every_year_falls_in_one_stage_whose_label_holds_it(years):
    reached = planner.stage_for_years(PAID, years)
    holding = [
        s
        for s in PAID.stages
        if s.min_years <= years and (s.max_years is None or years <= s.max_years)
    ]
    assert holding == [reached]
    label = reached.years_label
    start, _, end = label.removesuffix(" years").partition("-")
    assert int(start.rstrip("+")) <= years and (not end or years <= int(end))


def test_stages_that_leave_a_gap_or_overlap_are_refused():
    with pytest.raises(ValidationError, match="stage mid ends at 5, not 6"):
        world(stages=(STAGES[0], stage("mid", 2, 3, 5), STAGES[2]))
    with pytest.raises(ValidationError, match="stage senior ends at 40, not None"):
        world(stages=(*STAGES[:2], stage("senior", 3, 7, 40)))


def test_years_past_a_stage_are_noted_against_the_stage_span():
    notes = planner.build_plan(PAID, Assessment(role="coder", years=6)).position.notes
    assert notes == ()  # 6 years is still mid-career (3-6)
    notes = planner.build_plan(PAID, Assessment(role="coder", years=7)).position.notes
    assert any("past the usual 3-6 years" in n for n in notes)


# Eligibility: open, not yet, or depending on what the answers do not say.


def cert(slug, *routes):
    return Certification(
        slug=slug,
        acronym=slug.upper(),
        name=slug,
        body="body",
        body_acronym="BODY",
        body_name="A body",
        eligibility=routes,
    )


CDI = role("cdi", "mid", "11-1111", years=3)
CREDENTIALS = world(
    roles=[CODER, CDI],
    certifications=[
        cert("anyone", EligibilityRoute(note="Anyone may sit.")),
        cert("school", EligibilityRoute(education="high-school")),
        cert("in-cdi", EligibilityRoute(current_role="cdi", min_years=2)),
        cert("unknown"),
    ],
)


@pytest.mark.parametrize(
    ("slug", "answers", "expected"),
    [
        ("anyone", {}, (Eligibility.OPEN, ())),
        ("school", {}, (Eligibility.DEPENDS, ("your education (high school diploma or higher)",))),
        ("school", {"education": "high-school"}, (Eligibility.OPEN, ())),
        ("in-cdi", {"role": "coder", "years": 9}, (Eligibility.NOT_YET, ())),
        ("in-cdi", {"role": "cdi", "years": 1}, (Eligibility.NOT_YET, ())),
        ("in-cdi", {"role": "cdi", "years": 5}, (Eligibility.DEPENDS, ("2 years as Cdi",))),
        ("unknown", {}, (Eligibility.NOT_CONFIRMED, ())),
    ],
)
def test_eligibility_says_what_it_depends_on(slug, answers, expected):
    assert (
        planner.eligibility(CREDENTIALS, Assessment(**answers), CREDENTIALS.certification(slug))
        == expected
    )


def test_a_route_with_a_current_role_is_described_with_it():
    route = CREDENTIALS.certification("in-cdi").eligibility[0]
    assert planner.describe_route(CREDENTIALS, route) == "working now as Cdi + 2 years in that role"


def test_a_held_credential_is_questioned_only_when_every_route_is_ruled_out():
    unsaid = planner.build_plan(CREDENTIALS, Assessment(certifications={"school"}))
    assert unsaid.position.notes == ()  # education not given: it may well be met
    ruled_out = planner.build_plan(CREDENTIALS, Assessment(role="coder", certifications={"in-cdi"}))
    assert any("none of its eligibility routes" in n for n in ruled_out.position.notes)
