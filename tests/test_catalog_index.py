"""The planner's per-catalog index and the form's shared fields: what is prepared once per
catalog object must follow that object, never another catalog or a changed copy of it."""

import random
from datetime import date

from django.http import QueryDict

from careerpath import planner
from careerpath.forms import AssessmentForm
from tests.worlds import WagesFactory, ladder, plan


def test_a_changed_copy_of_a_catalog_is_planned_with_its_own_roles_and_bands():
    world = ladder()
    before = plan(world, role="coder").next_roles
    richer = world.model_copy(
        update={
            "roles": tuple(
                r.model_copy(update={"title": "Lead Coder", "min_years": 9})
                if r.slug == "senior-coder"
                else r
                for r in world.roles
            ),
            "wages": {"00-0001": WagesFactory(annual={10: 1, 25: 2, 50: 3, 75: 4, 90: 5})},
        }
    )
    after = plan(richer, role="coder").next_roles
    senior_before = next(n for n in before if n.role.slug == "senior-coder")
    senior_after = next(n for n in after if n.role.slug == "senior-coder")
    assert senior_before.role.title != "Lead Coder" and senior_after.role.title == "Lead Coder"
    assert senior_after.missing_years == 9 and senior_before.missing_years != 9
    band = senior_after.salary_band  # the mid stage's 25th to 75th percentiles
    assert (band.low, band.high) == (2, 4) and senior_before.salary_band.low != 2
    # and back to the first catalog: its own answers again
    assert plan(world, role="coder").next_roles == before


def test_a_role_that_is_not_the_catalogs_own_object_gets_its_own_band():
    world = ladder()
    coder = world.role("coder")
    assert planner.role_band(world, coder) is planner.role_band(world, coder)  # drawn once
    elsewhere = coder.model_copy(update={"occupation": None})
    assert planner.role_band(world, elsewhere) is None
    assert planner.role_band(world, coder) is not None


def test_forms_of_one_catalog_share_fields_but_not_answers_or_errors(db):
    from careerpath import catalog

    current = catalog.current()
    bad = AssessmentForm(QueryDict("role=nonesuch&years=-1"), catalog=current)
    good = AssessmentForm(QueryDict("years=3"), catalog=current)
    assert not bad.is_valid() and set(bad.errors) == {"role", "years"}
    assert good.is_valid() and not good.errors
    assert good.cleaned_data["years"] == 3 and bad["years"].value() == "-1"
    assert bad.fields["role"] is good.fields["role"]  # prepared once, not copied per form
    assert [v for v, _ in good.fields["education"].choices][1:] == [
        e.slug for e in current.educations
    ]


def test_a_role_is_measured_once_per_combination_of_what_it_depends_on():
    world = ladder()
    senior = world.role("senior-coder")  # requires CPC or CCS, 3 years
    band = planner.role_band(world, world.role("coder"))

    def measure(**answers):
        assessment = planner.Assessment(**answers)
        return planner.measure_role(world, assessment, senior, "promotion", band)

    first = measure(years=1, certifications=frozenset({"cpc"}))
    # a credential the role does not name, and years past the role's, change nothing
    assert measure(years=1, certifications=frozenset({"cpc", "cpma"})) is first
    assert measure(years=5, certifications=frozenset({"cpc"})) is measure(
        years=9, certifications=frozenset({"cpc"})
    )
    # what the role depends on does
    other = measure(years=1, certifications=frozenset({"ccs"}))
    assert other is not first and other.met_certifications[0].held.slug == "ccs"
    assert first.met_certifications[0].held.slug == "cpc"
    assert measure(years=2, certifications=frozenset({"cpc"})).missing_years == 1
    assert first.missing_years == 2
    assert not measure(years=1).ready and measure(years=1).missing_certifications
    # a role that is not the catalog's own object is measured afresh
    changed = senior.model_copy(update={"min_years": 8})
    assert (
        planner.measure_role(
            world,
            planner.Assessment(years=1, certifications=frozenset({"cpc"})),
            changed,
            "promotion",
            band,
        ).missing_years
        == 7
    )


def test_an_index_table_past_its_size_starts_over_and_still_answers(monkeypatch):
    world = ladder()
    index = planner.catalog_index(world)
    monkeypatch.setattr(planner, "MEMO_SIZE", 3)
    answers = [plan(world, role="coder", years=y).next_roles for y in range(6)]
    assert len(index.measured) <= 3
    again = [plan(world, role="coder", years=y).next_roles for y in range(6)]
    assert again == answers
    assert [n.missing_years for n in answers[0] if n.role.slug == "senior-coder"] == [3]


def test_plans_drawn_from_kept_answers_equal_plans_worked_out_afresh(real_catalog):
    """Every kept table (measured roles, pivots, advice, milestones, upkeep) is keyed on all that
    its answer depends on: 300 varied assessments planned with a warm index, in an order that
    shares as much as it can, give the same plans as each planned alone with a new index."""
    rng = random.Random(5)
    roles = [None, *(r.slug for r in real_catalog.roles)]
    certs = [c.slug for c in real_catalog.certifications]
    educations = [None, *(e.slug for e in real_catalog.educations)]
    tracks = [None, *(t.slug for t in real_catalog.tracks)]
    specialties = ["", "", "inpatient facility", "risk adjustment HCC", "E/M outpatient"]
    assessments = [
        planner.Assessment(
            role=rng.choice(roles),
            years=rng.choice([0, 1, 2, 3, 4, 5, 7, 10, 15]),
            certifications=frozenset(rng.sample(certs, rng.randint(0, 3))),
            education=rng.choice(educations),
            track=rng.choice(tracks),
            accuracy=rng.choice([None, 90, 96]),
            audits=rng.random() < 0.3,
            specialty=rng.choice(specialties),
        )
        for _ in range(300)
    ]
    today = date(2026, 12, 1)
    warm = [planner.build_plan(real_catalog, a, today=today) for a in assessments]
    index = planner.catalog_index(real_catalog)
    # answers were shared, not each worked out anew
    assert len(index.advice) < sum(len(p.recommended_certifications) for p in warm)
    assert len(index.milestone_status) < sum(len(p.readiness) for p in warm)
    for assessment, kept in zip(assessments, warm, strict=True):
        planner._index = None  # a new index: nothing kept
        assert planner.build_plan(real_catalog, assessment, today=today) == kept
