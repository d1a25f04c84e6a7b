"""Each rule of progression, on a small world built in Python (tests/worlds.py): no database, no
shipped figures."""

from datetime import date
from decimal import Decimal

from django.http import QueryDict
from hypothesis import given, settings
from hypothesis import strategies as st

from careerpath import charts, planner
from careerpath.forms import AssessmentForm, assessment_query

from .worlds import ladder, plan

WORLD = ladder()


def slugs(items):
    return [item.role.slug for item in items]


def groups(groups):
    return [[c.slug for c in g.certifications] for g in groups]


# --- Where you stand ---------------------------------------------------------------------------


def test_the_stage_is_the_roles_then_the_years_then_none():
    assert plan(WORLD, role="manager", years=1).position.stage == "senior"
    assert plan(WORLD, years=4).position.stage == "mid"
    assert plan(WORLD, years=0).position.stage is None


def test_the_band_is_the_stage_percentiles_of_the_current_release():
    band = plan(WORLD, role="senior-coder", years=4).position.salary_band
    assert (band.low, band.high) == (40_000, 60_000)  # the 25th and 75th of the world's wages
    assert (band.low_percentile, band.high_percentile, band.median) == (25, 75, 50_000)
    assert band.reference_period == "May 2030" and band.source == "Test world wages"


def test_the_median_is_placed_against_the_band():
    assert plan(WORLD, role="coder").position.median_relation == "above"
    assert plan(WORLD, role="senior-coder", years=4).position.median_relation == "within"
    assert plan(WORLD, role="manager", years=8).position.median_relation == "below"


def test_the_state_named_is_beside_the_band_at_national_prices():
    pay = plan(WORLD, role="coder", state="DC").position.state_pay
    assert (pay.state_name, pay.annual_mean, pay.period) == (
        "District of Columbia",
        60_000,
        "May 2030",
    )
    assert pay.national_prices_mean == 50_000  # 60,000 / (120 / 100)
    assert pay.sources == ("Test world state means", "Test world price parities")
    assert plan(WORLD, role="coder").position.state_pay is None


def test_a_state_without_figures_has_none_made_up():
    pay = plan(WORLD, role="coder", state="WY").position.state_pay
    assert pay.annual_mean is None and pay.national_prices_mean is None and pay.sources == ()
    no_parity = WORLD.state("DC").model_copy(update={"price_parity": None})
    assert no_parity.annual_mean == 60_000 and no_parity.national_prices_mean is None


def test_national_prices_are_rounded_to_whole_dollars_half_up():
    assert planner.at_national_prices(100, Decimal("80")) == 125
    assert planner.at_national_prices(1, Decimal("200")) == 1  # 0.5 rounds up
    assert planner.at_national_prices(None, Decimal("80")) is None


def test_a_role_no_bls_occupation_describes_borrows_no_band():
    analyst = plan(WORLD, role="analyst", years=4)
    assert analyst.position.stage == "mid" and analyst.position.salary_band is None


def test_without_a_current_release_there_is_no_band():
    assert plan(ladder(wages={}), role="coder").position.salary_band is None


def test_answers_that_do_not_fit_get_a_note_and_still_a_plan():
    result = plan(WORLD, role="manager", years=0)
    assert any("you entered 0" in note for note in result.position.notes)
    assert result.next_roles


# --- The next tier -----------------------------------------------------------------------------


def test_the_next_tier_is_where_the_roles_transitions_lead():
    result = plan(WORLD, role="coder", years=1, certifications={"cpc"})
    assert set(slugs(result.next_roles)) == {"senior-coder", "auditor"}
    moves = {n.role.slug: n.move for n in result.next_roles}
    assert moves == {"senior-coder": "promotion", "auditor": "lateral"}


def test_any_one_credential_of_a_group_meets_it_and_years_are_counted():
    result = plan(WORLD, role="coder", years=1, certifications={"ccs"})
    senior = next(n for n in result.next_roles if n.role.slug == "senior-coder")
    assert senior.missing_certifications == ()
    assert [g.held.slug for g in senior.met_certifications] == ["ccs"]
    assert (senior.missing_years, senior.required_years) == (2, 3)
    assert not senior.ready
    auditor = next(n for n in result.next_roles if n.role.slug == "auditor")
    assert groups(auditor.missing_certifications) == [["cpc"]]


def test_ready_exactly_when_nothing_is_missing_and_ready_roles_rank_first():
    result = plan(WORLD, role="coder", years=3, certifications={"ccs"})
    ready = {n.role.slug: n.ready for n in result.next_roles}
    assert ready == {"senior-coder": True, "auditor": False}
    assert slugs(result.next_roles) == ["senior-coder", "auditor"]


def test_missing_education_is_named():
    result = plan(WORLD, role="manager", years=12, certifications={"rhia"}, education="associate")
    director = result.next_roles[0]
    assert director.role.slug == "director"
    assert director.missing_education == "bachelor"
    assert director.missing_education_name == "Bachelor's degree" and not director.ready


def test_the_pay_change_is_the_difference_of_the_bands():
    result = plan(WORLD, role="coder", certifications={"cpc"})
    senior = next(n for n in result.next_roles if n.role.slug == "senior-coder")
    assert (senior.band_change.low, senior.band_change.high) == (10_000, 20_000)


def test_without_a_role_the_next_tier_is_a_first_job():
    result = plan(WORLD, education="high-school")
    assert slugs(result.next_roles) == ["coder"]
    assert result.next_roles[0].move == "first-job"
    assert result.position.stage is None


def test_a_chosen_track_keeps_its_roles_or_says_none_is_one_step_up():
    on_track = plan(WORLD, role="senior-coder", years=5, track="management")
    assert slugs(on_track.next_roles) == ["manager"] and on_track.next_roles_note == ""
    off_track = plan(WORLD, role="coder", years=1, track="management")
    assert set(slugs(off_track.next_roles)) == {"senior-coder", "auditor"}
    assert "No management role is one step up" in off_track.next_roles_note
    assert not any(n.on_target_track for n in off_track.next_roles)


def test_pivots_are_alternatives_unless_their_track_is_chosen():
    staying = plan(WORLD, role="senior-coder", years=5)
    assert "analyst" in slugs(staying.alternatives)
    assert "analyst" not in slugs(staying.next_roles)
    assert staying.alternatives[0].note == "Work with the data you code."
    pivoting = plan(WORLD, role="senior-coder", years=5, track="alternative")
    assert slugs(pivoting.next_roles) == ["analyst"]
    assert "analyst" not in slugs(pivoting.alternatives)


# --- Credentials -------------------------------------------------------------------------------


def test_a_credential_a_role_requires_ranks_above_one_it_only_recommends():
    result = plan(WORLD, role="coder", years=3, certifications={"ccs"})
    ranked = [a.certification.slug for a in result.recommended_certifications]
    assert ranked == ["cpc", "cpma"]
    cpc = result.recommended_certifications[0]
    assert slugs_of(cpc.unlocks) == ["auditor"] and cpc.strengthens == ()
    assert slugs_of(result.recommended_certifications[1].strengthens) == ["auditor"]


def slugs_of(refs):
    return [r.slug for r in refs]


def test_eligibility_follows_the_routes_and_says_why():
    result = plan(WORLD, role="manager", years=8, certifications={"cpc"}, education="associate")
    rhia = next(a for a in result.recommended_certifications if a.certification.slug == "rhia")
    assert rhia.eligible_now is False
    assert rhia.eligibility_notes == ("bachelor's degree or higher",)
    graduate = plan(WORLD, role="manager", years=8, certifications={"cpc"}, education="bachelor")
    rhia = next(a for a in graduate.recommended_certifications if a.certification.slug == "rhia")
    assert rhia.eligible_now is True


def test_a_credential_without_known_routes_has_unknown_eligibility():
    result = plan(WORLD, role="coder", years=3, certifications={"ccs"})
    cpma = next(a for a in result.recommended_certifications if a.certification.slug == "cpma")
    assert cpma.eligible_now is None


def test_the_apprentice_rule_applies_below_its_years_only():
    newcomer = plan(WORLD, role="coder", years=1, certifications={"cpc"})
    assert newcomer.held_credential_notes == (
        "Your CPC shows as CPC-A (apprentice) until you show 2 years of experience. "
        "Send proof of two years.",
    )
    assert plan(WORLD, role="coder", years=2, certifications={"cpc"}).held_credential_notes == ()


def test_milestones_are_checked_against_the_answers():
    result = plan(WORLD, role="coder", years=1, certifications={"ccs"}, accuracy=94)
    met = {m.slug: m.met for m in result.readiness}
    assert met == {"accuracy": False, "first-credential": True}
    assert plan(WORLD, role="coder").readiness[0].met is None  # accuracy not given


# --- Comparisons and charts --------------------------------------------------------------------


def test_a_comparison_returns_each_difference_as_data():
    comparison = planner.compare_roles(WORLD, ["senior-coder", "director", "analyst"])
    kinds = [(d.kind, d.other.slug) for d in comparison.differences]
    assert ("stage", "director") in kinds and ("requires", "director") in kinds
    assert ("no-pay", "analyst") in kinds
    pay = next(d for d in comparison.differences if d.kind == "pay")
    assert (pay.low_change, pay.high_change) == (20_000, 20_000)
    # "Senior Coder requires CPC or CCS; Director does not": the pair turned round.
    dropped = next(
        d for d in comparison.differences if d.kind == "requires" and d.base.slug == "director"
    )
    assert dropped.other.slug == "senior-coder"
    assert [c.slug for c in dropped.credentials] == ["cpc", "ccs"]


def test_the_tier_chart_sets_your_band_beside_each_distinct_next_band():
    # Bars are labelled with role names; two roles sharing a band share its bar.
    chart = charts.plan_tier_chart(plan(WORLD, role="coder", certifications={"cpc"}))
    assert [(b.label, b.low, b.high) for b in chart.bars] == [
        ("You: Coder", 30_000, 40_000),
        ("Senior Coder and 1 more", 40_000, 60_000),
    ]
    assert charts.plan_tier_chart(plan(WORLD, education="high-school")) is None


# --- Invariants --------------------------------------------------------------------------------

ROLES = [None, *(r.slug for r in WORLD.roles)]
CREDENTIALS = [c.slug for c in WORLD.certifications]
assessments = st.builds(
    planner.Assessment,
    role=st.sampled_from(ROLES),
    years=st.integers(0, 50),
    certifications=st.frozensets(st.sampled_from(CREDENTIALS), max_size=3),
    education=st.sampled_from([None, *(e.slug for e in WORLD.educations)]),
    track=st.sampled_from([None, *(t.slug for t in WORLD.tracks)]),
    accuracy=st.one_of(st.none(), st.integers(0, 100)),
    audits=st.booleans(),
    specialty=st.sampled_from(["", "cardiology", "E/M & <b>"]),
    target=st.sampled_from([None, *(r for r in ROLES if r)]),
    him_program=st.sampled_from([None, True, False]),
    student=st.booleans(),
    state=st.sampled_from([None, *(s.state for s in WORLD.state_pay)]),
).flatmap(
    # A credential with an apprentice designation may be held as an apprentice (`cert=cpc-a`).
    lambda a: st.builds(
        lambda apprentices: a.model_copy(update={"apprentices": apprentices}),
        st.frozensets(
            st.sampled_from(
                sorted(
                    slug
                    for slug in a.certifications
                    if (c := WORLD.certification(slug)) and c.apprentice_designation
                )
                or [""]
            ),
            max_size=1,
        ).map(lambda found: frozenset(found - {""})),
    )
)


@settings(max_examples=150, deadline=None)
@given(assessment=assessments, extra=st.sampled_from(CREDENTIALS))
def test_adding_a_credential_never_adds_a_missing_group(assessment, extra):
    before = planner.build_plan(WORLD, assessment)
    after = planner.build_plan(
        WORLD, assessment.model_copy(update={"certifications": assessment.certifications | {extra}})
    )
    missing_before = {n.role.slug: len(n.missing_certifications) for n in before.next_roles}
    for next_role in after.next_roles:
        if next_role.role.slug in missing_before:
            assert len(next_role.missing_certifications) <= missing_before[next_role.role.slug]


@settings(max_examples=150, deadline=None)
@given(assessment=assessments)
def test_ready_exactly_when_nothing_is_missing(assessment):
    for next_role in planner.build_plan(WORLD, assessment).next_roles:
        nothing_missing = (
            not next_role.missing_certifications
            and next_role.missing_years == 0
            and next_role.missing_education is None
        )
        assert next_role.ready is nothing_missing
    advice = planner.build_plan(WORLD, assessment).recommended_certifications
    assert not {a.certification.slug for a in advice} & assessment.certifications


@settings(max_examples=150, deadline=None)
@given(assessment=assessments)
def test_an_assessment_round_trips_through_its_link(assessment):
    query = QueryDict(mutable=True)
    for name, value in assessment_query(assessment, WORLD):
        query.appendlist(name, value)
    form = AssessmentForm(query, catalog=WORLD)
    assert form.is_valid(), form.errors
    assert form.assessment() == assessment


def test_a_cycle_is_its_years_up_to_its_end_month_or_up_to_this_month():
    assert planner.cycle_months(date(2027, 3, 1), 2, date(2026, 5, 1)) == (
        date(2025, 4, 1),
        date(2027, 3, 1),
    )
    assert planner.cycle_months(None, 3, date(2026, 5, 17)) == (date(2023, 6, 1), date(2026, 5, 1))


def test_ceus_counted_elsewhere_replace_only_their_bodys_answer():
    assessment = planner.Assessment(
        cycles=(
            planner.CycleAnswer(body="aapc", due=date(2027, 3, 1), ceus_earned=12),
            planner.CycleAnswer(body="ahima", ceus_earned=5),
        )
    )
    counted = assessment.with_ceus_earned({"aapc": 3, "cdr": 1200})
    assert counted.cycle("aapc") == planner.CycleAnswer(
        body="aapc", due=date(2027, 3, 1), ceus_earned=3
    )
    assert counted.cycle("ahima").ceus_earned == 5
    assert counted.cycle("cdr") == planner.CycleAnswer(
        body="cdr", ceus_earned=999
    )  # an answer's most
