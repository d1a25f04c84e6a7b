"""The route to a goal role, ranking by value, and the answers issue 20 added (the HIM program,
the CHC's unconfirmed rule, apprentices that say so, student rates, pay cuts), each rule on a
small world built in Python (tests/worlds.py)."""

from datetime import date
from decimal import Decimal

from careerpath import planner
from careerpath.planner import Assessment, Eligibility
from careerpath.planner.upkeep import apprentice_status, yearly_upkeep

from .worlds import (
    CertificationFactory,
    RenewalFeeFactory,
    RenewalRuleFactory,
    RoleFactory,
    ladder,
    move,
    recommended,
    required,
)

TODAY = date(2026, 12, 6)


def plan(world, **answers):
    return planner.build_plan(world, Assessment(**answers), today=TODAY)


def order(result):
    return [a.certification.slug for a in result.recommended_certifications]


def advice(result, slug):
    return next(a for a in result.recommended_certifications if a.certification.slug == slug)


def steps(route):
    return [(s.role.slug, s.move) for s in route.steps]


def priced(world, **fees):
    """The world with confirmed exam fees: slug=(low, high)."""
    certifications = tuple(
        c.model_copy(
            update={
                "exam_fee": planner.ExamFee(
                    low=fees[c.slug][0], high=fees[c.slug][1], status="P-web", source="fee page"
                )
            }
        )
        if c.slug in fees
        else c
        for c in ladder().certifications
    )
    return world.model_copy(update={"certifications": certifications})


# --- The route --------------------------------------------------------------------------------


def test_the_route_takes_the_fewest_moves_and_says_what_each_asks_and_when():
    result = plan(ladder(), role="coder", years=1, education="associate", target="director")
    route = result.route
    assert route.reachable and route.reason is None
    assert steps(route) == [
        ("senior-coder", "promotion"),
        ("manager", "promotion"),
        ("director", "promotion"),
    ]
    senior, manager, director = route.steps
    # Years still to gain from today's experience (1 year), and the first month each is open.
    assert [s.years_needed for s in route.steps] == [2, 6, 9]
    assert [s.earliest for s in route.steps] == [
        date(2028, 12, 1),
        date(2032, 12, 1),
        date(2035, 12, 1),
    ]
    assert route.total_years == 9
    # The CPC-or-CCS group is missing once: the manager's same group is not listed again.
    assert [[c.slug for c in g.certifications] for g in senior.missing_certifications] == [
        ["cpc", "ccs"]
    ]
    assert manager.missing_certifications == ()
    assert [[c.slug for c in g.certifications] for g in director.missing_certifications] == [
        ["rhia"]
    ]
    assert director.missing_education == "bachelor" and senior.missing_education is None
    # Pay: each step against the one before; the total from your band to the goal's.
    assert (senior.pay_change.low, senior.pay_change.high) == (10_000, 20_000)
    assert (route.pay_change.low, route.pay_change.high) == (30_000, 40_000)
    # No fee is confirmed in this world: the groups are set apart, never counted as free.
    assert route.exam_fees is None and len(route.unpriced) == 2


def test_the_routes_exam_fees_run_from_the_cheapest_to_the_dearest_of_each_group():
    world = priced(ladder(), cpc=(399, 499), ccs=(299, 399))
    route = plan(world, role="coder", years=1, target="director").route
    # CPC or CCS: $299 to $499; the RHIA has no confirmed fee and stays apart.
    assert (route.exam_fees.low, route.exam_fees.high) == (299, 499)
    assert [[c.slug for c in g.certifications] for g in route.unpriced] == [["rhia"]]


def test_one_lateral_move_beats_two_promotions_and_held_answers_are_not_missing():
    route = plan(ladder(), role="coder", years=5, certifications={"cpc"}, target="auditor").route
    assert steps(route) == [("auditor", "lateral")]
    [auditor] = route.steps
    assert auditor.years_needed == 0 and auditor.earliest == date(2026, 12, 1)
    assert auditor.missing_certifications == ()
    assert [c.slug for c in auditor.recommended_certifications] == ["cpma"]


def test_a_pivot_is_a_move_of_the_route():
    route = plan(ladder(), role="senior-coder", years=4, target="analyst").route
    assert steps(route) == [("analyst", "pivot")]
    assert route.steps[0].note == "Work with the data you code."


def test_without_a_role_the_route_starts_with_a_first_coding_job():
    route = plan(ladder(), years=0, target="senior-coder").route
    assert steps(route) == [("coder", "first-job"), ("senior-coder", "promotion")]


def test_a_goal_that_cannot_be_reached_says_why():
    route = plan(ladder(), role="director", years=12, target="coder").route
    assert not route.reachable and route.steps == ()
    assert route.reason == (
        "No promotion, lateral move or pivot in the catalog leads from Director to Coder."
    )


def test_the_role_you_hold_is_reached_with_no_move_and_no_goal_means_no_route():
    route = plan(ladder(), role="manager", years=8, target="manager").route
    assert route.reachable and route.steps == () and route.total_years == 0
    assert plan(ladder(), role="manager", years=8).route is None


def test_with_a_goal_the_credentials_of_the_route_rank_first():
    # From the coder, the next tier is the senior coder and the auditor; the CPMA is only
    # recommended (for the auditor), the RHIA is recommended for the manager, two moves on.
    result = plan(
        ladder(),
        role="coder",
        years=1,
        certifications={"cpc"},
        education="bachelor",
        target="director",
    )
    assert order(result)[0] == "rhia"
    rhia = advice(result, "rhia")
    assert [r.slug for r in rhia.route_requires] == ["director"]
    assert rhia.reason.startswith("On the route to your goal: required for Director")
    assert [
        a.certification.slug
        for a in plan(
            ladder(), role="coder", years=1, certifications={"cpc"}
        ).recommended_certifications
    ] == ["cpma"]


# --- Ranking by value -------------------------------------------------------------------------


def value_world(*certifications):
    """A coder one step from a role of the same band (it requires "same") and from a role a
    stage up (it recommends "up")."""
    return ladder(
        roles=(
            RoleFactory(slug="coder", stage="entry"),
            RoleFactory(slug="same-pay", stage="entry", requirements=(required("same"),)),
            RoleFactory(slug="better-pay", stage="mid", requirements=(recommended("up"),)),
        ),
        certifications=certifications
        or (
            CertificationFactory(slug="same", eligibility=(planner.EligibilityRoute(),)),
            CertificationFactory(slug="up", eligibility=(planner.EligibilityRoute(),)),
        ),
        transitions=(move("coder", "same-pay", "lateral"), move("coder", "better-pay")),
        milestones=(),
    )


def test_a_credential_for_a_role_that_pays_no_more_ranks_below_one_that_leads_to_a_rise():
    result = plan(value_world(), role="coder")
    assert order(result) == ["up", "same"]
    assert "the same pay band as yours" in advice(result, "same").reason


def test_a_credential_you_cannot_sit_for_ranks_below_those_you_can():
    him = planner.EligibilityRoute(education="associate", him_program=True)
    world = value_world(
        CertificationFactory(slug="same", eligibility=(planner.EligibilityRoute(),)),
        CertificationFactory(slug="up", eligibility=(him,)),
    )
    # Without an accredited HIM program the "up" credential is closed: it falls below.
    closed = plan(world, role="coder", education="associate", him_program=False)
    assert order(closed) == ["same", "up"] and advice(closed, "up").eligible_now is False
    # With it, it is open and leads to a rise: first again.
    open_ = plan(world, role="coder", education="associate", him_program=True)
    assert order(open_) == ["up", "same"] and advice(open_, "up").eligible_now is True


def test_the_most_requested_mark_outranks_a_lower_fee():
    def fee(low):
        return planner.ExamFee(low=low, high=low, status="P-web", source="fee page")

    world = ladder(
        roles=(
            RoleFactory(slug="coder", stage="entry"),
            RoleFactory(
                slug="outpatient",
                stage="entry",
                requirements=(
                    planner.Requirement(
                        kind="required",
                        certifications=("cheap", "asked"),
                        most_requested="asked",
                        note="Postings ask for the ASKED most (a survey).",
                    ),
                ),
            ),
        ),
        certifications=(
            CertificationFactory(
                slug="cheap", exam_fee=fee(100), eligibility=(planner.EligibilityRoute(),)
            ),
            CertificationFactory(
                slug="asked", exam_fee=fee(400), eligibility=(planner.EligibilityRoute(),)
            ),
        ),
        transitions=(),
        milestones=(),
    )
    result = plan(world, years=0)
    assert order(result) == ["asked", "cheap"]
    asked = advice(result, "asked")
    assert [r.slug for r in asked.most_requested_for] == ["outpatient"]
    assert asked.most_requested_note == "Postings ask for the ASKED most (a survey)."
    assert "employers ask for most for Outpatient" in asked.reason


# --- Eligibility that is true -----------------------------------------------------------------


def him_world():
    rhit = CertificationFactory(
        slug="rhit",
        body="ahima",
        eligibility=(planner.EligibilityRoute(education="associate", him_program=True),),
    )
    return ladder(certifications=(*ladder().certifications, rhit))


def rhit(**answers):
    cert = him_world().certification("rhit")
    return planner.eligibility(him_world(), Assessment(**answers), cert)


def test_rhit_is_open_only_with_an_accredited_him_program():
    assert rhit(education="associate", him_program=True) == (Eligibility.OPEN, ())
    assert rhit(education="associate", him_program=False) == (Eligibility.NOT_YET, ())
    # Any associate degree is not enough: without the answer, it depends on that one question.
    status, depends_on = rhit(education="associate")
    assert status == Eligibility.DEPENDS
    assert depends_on == (
        "whether your degree or post-baccalaureate certificate is from a CAHIIM-accredited "
        "HIM program",
    )
    # An accredited program does not make up for a degree below the one asked.
    assert rhit(education="high-school", him_program=True) == (Eligibility.NOT_YET, ())
    route = him_world().certification("rhit").eligibility[0]
    assert "from a CAHIIM-accredited HIM program" in planner.describe_route(him_world(), route)


def test_a_rule_not_confirmed_is_never_you_can_sit_now():
    chc = CertificationFactory(
        slug="chc",
        body="ccb",
        eligibility=(planner.EligibilityRoute(unconfirmed="what your application documents"),),
    )
    world = ladder(certifications=(*ladder().certifications, chc))
    for answers in ({}, {"years": 20, "education": "bachelor", "role": "manager"}):
        status, depends_on = planner.eligibility(world, Assessment(**answers), chc)
        assert status == Eligibility.DEPENDS
        assert depends_on == ("what your application documents",)


# --- Apprentices that can say so --------------------------------------------------------------


def practicode_world():
    coc = CertificationFactory(slug="coc", apprentice_designation="COC-A", apprentice_years=2)
    credits = (
        planner.ApprenticeCredit(
            body="aapc",
            kind="course",
            label="a course",
            years=1,
            status="P-web",
            status_label="Web",
            source="aapc",
        ),
        planner.ApprenticeCredit(
            body="aapc",
            kind="practicode",
            label="CPC-A Practicode",
            years=1,
            certification="cpc",
            status="P-web",
            status_label="Web",
            source="aapc",
        ),
    )
    return ladder(certifications=(*ladder().certifications, coc), apprentice_credits=credits)


def test_a_cpc_with_the_years_is_not_an_apprentice_unless_they_say_so():
    world = practicode_world()
    assert apprentice_status(world, Assessment(years=5, certifications={"cpc"}), TODAY) is None
    said = apprentice_status(
        world, Assessment(years=5, certifications={"cpc"}, apprentices={"cpc"}), TODAY
    )
    assert said.designations == ("CPC-A",) and said.met
    # Below the years, the "A" is there whether or not they say so.
    young = apprentice_status(world, Assessment(years=1, certifications={"cpc"}), TODAY)
    assert young.designations == ("CPC-A",) and not young.met


def test_practicode_counts_for_the_cpc_a_only():
    world = practicode_world()
    cpc_a = apprentice_status(
        world, Assessment(years=1, certifications={"cpc"}, apprentices={"cpc"}), TODAY
    )
    assert [k.kind for k in cpc_a.credits_open] == ["course", "practicode"]
    coc_a = apprentice_status(
        world, Assessment(years=1, certifications={"coc"}, apprentices={"coc"}), TODAY
    )
    assert [k.kind for k in coc_a.credits_open] == ["course"]
    # Practicode ticked by a COC-A does not take a year off.
    ticked = apprentice_status(
        world,
        Assessment(
            years=1,
            certifications={"coc"},
            apprentices={"coc"},
            apprentice_credits={"practicode"},
        ),
        TODAY,
    )
    assert not ticked.met and ticked.years_remaining == 1


# --- Pay that says what it is -----------------------------------------------------------------


def test_an_alternative_that_pays_less_is_a_pay_cut_with_its_gaps():
    world = ladder(
        roles=(
            *ladder().roles,
            RoleFactory(
                slug="billing",
                stage="entry",
                track="alternative",
                education="associate",
                requirements=(required("cpc"), recommended("cpma")),
            ),
        ),
        transitions=(*ladder().transitions, move("senior-coder", "billing", "pivot")),
    )
    result = plan(world, role="senior-coder", years=4, education="high-school")
    billing = next(a for a in result.alternatives if a.role.slug == "billing")
    assert (billing.pay_change.low, billing.pay_change.high) == (-10_000, -20_000)
    assert billing.pay_cut
    assert [[c.slug for c in g.certifications] for g in billing.missing_certifications] == [["cpc"]]
    assert billing.missing_education == "associate"
    assert [c.slug for c in billing.recommended_certifications] == ["cpma"]
    analyst = next(a for a in result.alternatives if a.role.slug == "analyst")
    assert analyst.pay_change is None and not analyst.pay_cut  # no band: not known, not a cut


def test_the_student_rate_counts_only_for_a_student():
    rule = RenewalRuleFactory(
        fees=(
            RenewalFeeFactory(
                label="Professional",
                kind=planner.FeeKind.MEMBERSHIP,
                amount=Decimal(200),
                period=planner.FeePeriod.YEAR,
            ),
            RenewalFeeFactory(
                label="Student",
                kind=planner.FeeKind.MEMBERSHIP,
                amount=Decimal(150),
                period=planner.FeePeriod.YEAR,
                students_only=True,
            ),
        )
    )
    coder = yearly_upkeep(rule, body_held=False)
    assert (coder.yearly_low, coder.yearly_high) == (200, 200)
    student = yearly_upkeep(rule, body_held=False, student=True)
    assert (student.yearly_low, student.yearly_high) == (150, 200)


def test_a_steps_note_is_its_own_moves_not_another_roles():
    # Two pivots reach the analyst: the coder's route takes the coder's, with its own note.
    world = ladder(
        transitions=(*ladder().transitions, move("coder", "analyst", "pivot", note="From coding."))
    )
    route = plan(world, role="coder", years=1, target="analyst").route
    assert steps(route) == [("analyst", "pivot")]
    assert route.steps[0].note == "From coding."
    # The senior coder's route keeps the senior coder's note.
    senior = plan(world, role="senior-coder", years=4, target="analyst").route
    assert senior.steps[0].note == "Work with the data you code."
