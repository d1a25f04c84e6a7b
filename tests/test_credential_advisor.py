"""The credential advisor: each ranking rule and each pivot rule on a small world built in Python
(tests/worlds.py), then the article's people against the shipped catalog."""

import math
import re
from decimal import Decimal

import pytest

from careerpath import planner, presenters
from careerpath.api import api_plan

from .worlds import (
    CertificationFactory,
    RenewalFeeFactory,
    RenewalRuleFactory,
    RoleFactory,
    ladder,
    move,
    plan,
    recommended,
    required,
)


def order(result):
    return [a.certification.slug for a in result.recommended_certifications]


def advice(result, slug):
    return next(a for a in result.recommended_certifications if a.certification.slug == slug)


def fan(*certifications, terms=(), roles=None, wages=None):
    """A coder one step from four mid roles, each asking for one credential, so that exactly one
    thing differs between the credentials a test compares."""
    roles = roles or (
        RoleFactory(slug="coder", stage="entry"),
        RoleFactory(slug="a-role", stage="mid", requirements=(recommended("aaa"),)),
        RoleFactory(slug="b-role", stage="mid", requirements=(recommended("bbb"),)),
    )
    return ladder(
        roles=roles,
        certifications=certifications,
        transitions=tuple(move("coder", r.slug) for r in roles if r.slug != "coder"),
        milestones=(),
        specialty_terms=terms,
        **({"wages": wages} if wages is not None else {}),
    )


OPEN = (planner.EligibilityRoute(note="anyone"),)


# --- Ranking rules -----------------------------------------------------------------------------


def test_required_ranks_above_recommended_whatever_the_alphabet():
    world = fan(
        CertificationFactory(slug="aaa", eligibility=OPEN),
        CertificationFactory(slug="bbb", eligibility=OPEN),
        roles=(
            RoleFactory(slug="coder", stage="entry"),
            RoleFactory(slug="a-role", stage="mid", requirements=(recommended("aaa"),)),
            RoleFactory(slug="b-role", stage="mid", requirements=(required("bbb"),)),
        ),
    )
    result = plan(world, role="coder")
    assert order(result) == ["bbb", "aaa"]
    assert advice(result, "bbb").reason.startswith("Required for B Role")
    assert "Recommended for A Role" in advice(result, "aaa").reason


def test_a_specialty_term_lifts_its_credential_to_the_top():
    terms = (planner.SpecialtyTerm(term="E/M", certifications=("bbb",)),)
    world = fan(
        CertificationFactory(slug="aaa", eligibility=OPEN),
        CertificationFactory(slug="bbb", eligibility=OPEN),
        terms=terms,
    )
    assert order(plan(world, role="coder", specialty="")) == ["aaa", "bbb"]  # catalog order
    matched = plan(world, role="coder", specialty="Mostly e-m visits, some surgery")
    assert order(matched) == ["bbb", "aaa"]
    assert advice(matched, "bbb").reason.startswith("Matches your specialty (E/M)")
    assert advice(matched, "bbb").specialty_terms == ("E/M",)


@pytest.mark.parametrize("specialty", ["emergent care", "hemorrhage", "PEM", "M"])
def test_a_specialty_matches_whole_words_only(specialty):
    terms = (
        planner.SpecialtyTerm(term="E/M", certifications=("bbb",)),
        planner.SpecialtyTerm(term="emergency", certifications=("bbb",)),
    )
    world = fan(CertificationFactory(slug="aaa"), CertificationFactory(slug="bbb"), terms=terms)
    assert advice(plan(world, role="coder", specialty=specialty), "bbb").specialty_terms == ()


def test_open_now_ranks_above_depends_above_unknown_above_not_yet():
    roles = (
        RoleFactory(slug="coder", stage="entry"),
        RoleFactory(
            slug="mid-role", stage="mid", requirements=(recommended("aaa", "bbb", "ccc", "ddd"),)
        ),
    )
    world = fan(
        CertificationFactory(
            slug="aaa", eligibility=(planner.EligibilityRoute(education="bachelor"),)
        ),
        CertificationFactory(slug="bbb", eligibility=(planner.EligibilityRoute(min_years=5),)),
        CertificationFactory(slug="ccc"),
        CertificationFactory(slug="ddd", eligibility=OPEN),
        roles=roles,
    )
    result = plan(world, role="coder", years=1)
    assert order(result) == ["ddd", "aaa", "ccc", "bbb"]
    assert [advice(result, s).eligible_now for s in order(result)] == [True, None, None, False]
    assert presenters.eligibility(advice(result, "ddd")) == "You can sit for it now."
    assert presenters.eligibility(advice(result, "aaa")) == (
        "Whether you can sit for it now depends on your education (bachelor's degree or higher)."
    )
    assert presenters.eligibility(advice(result, "ccc")) == "Eligibility: not confirmed."
    # Not yet says what would make it yes.
    assert (
        presenters.eligibility(advice(result, "bbb"))
        == "Not open to you yet: it asks 5 years of experience."
    )
    items = {i["certification"]: i for i in api_plan(result)["recommended_certifications"]}
    assert items["bbb"]["eligibility_asks"] == "5 years of experience"
    depends_on = items["aaa"]["eligibility_depends_on"]
    assert depends_on == ["your education (bachelor's degree or higher)"]
    assert items["ddd"]["eligibility_asks"] == "" and items["ddd"]["eligibility_depends_on"] == []
    # The reason says what each does for you, and leaves the rule to the line beside it.
    for slug in order(result):
        assert advice(result, slug).reason == (
            "Recommended for Mid Role (pay band +$10,000 to +$20,000 a year)."
        )


def test_a_better_paid_role_ranks_its_credential_higher_and_the_reason_gives_the_change():
    roles = (
        RoleFactory(slug="coder", stage="entry"),
        RoleFactory(slug="a-role", stage="mid", requirements=(recommended("aaa"),)),
        RoleFactory(
            slug="b-role",
            stage="mid",
            requirements=(recommended("bbb"),),
            percentile_low=50,
            percentile_high=90,
        ),
    )
    world = fan(
        CertificationFactory(slug="aaa", eligibility=OPEN),
        CertificationFactory(slug="bbb", eligibility=OPEN),
        roles=roles,
    )
    result = plan(world, role="coder")
    assert order(result) == ["bbb", "aaa"]
    # The coder's band is the 10th-25th (30,000-40,000); b-role's is the 50th-90th.
    assert advice(result, "bbb").pay_change == planner.PayChange(low=20_000, high=40_000)
    assert "(pay band +$20,000 to +$40,000 a year)" in advice(result, "bbb").reason
    assert advice(result, "aaa").pay_change == planner.PayChange(low=10_000, high=20_000)


def test_a_pay_change_reads_from_its_smallest_to_its_largest_move():
    roles = (
        RoleFactory(slug="coder", stage="entry", percentile_low=10, percentile_high=90),
        RoleFactory(
            slug="a-role",
            stage="mid",
            requirements=(recommended("aaa"),),
            percentile_low=50,
            percentile_high=75,
        ),
        RoleFactory(slug="b-role", stage="mid", requirements=(recommended("bbb"),)),
    )
    world = fan(CertificationFactory(slug="aaa"), CertificationFactory(slug="bbb"), roles=roles)
    # 30,000-80,000 to 50,000-60,000: the low end moves +20,000, the high end -20,000.
    change = advice(plan(world, role="coder"), "aaa").pay_change
    assert (change.low, change.high) == (-20_000, 20_000)
    assert (
        "(pay band -$20,000 to +$20,000 a year)" in advice(plan(world, role="coder"), "aaa").reason
    )


def test_without_a_band_the_pay_change_stays_blank():
    world = fan(CertificationFactory(slug="aaa"), CertificationFactory(slug="bbb"), wages={})
    result = plan(world, role="coder")
    assert advice(result, "aaa").pay_change is None
    assert "pay band" not in advice(result, "aaa").reason
    assert api_plan(result)["recommended_certifications"][0]["pay_change"] is None


def test_a_body_already_held_breaks_a_tie():
    world = fan(
        CertificationFactory(slug="aaa", body="ahima", eligibility=OPEN),
        CertificationFactory(slug="bbb", body="aapc", eligibility=OPEN),
        CertificationFactory(slug="held", body="aapc"),
    )
    assert order(plan(world, role="coder")) == ["aaa", "bbb"]
    result = plan(world, role="coder", certifications={"held"})
    assert order(result) == ["bbb", "aaa"]
    assert "one more AAPC credential" in advice(result, "bbb").reason
    assert not advice(result, "aaa").same_body


def test_a_lower_confirmed_fee_breaks_a_tie_and_an_unknown_fee_stays_blank():
    fee = planner.ExamFee(low=199, high=299, status="P-web", source="the issuer's page")
    world = fan(
        CertificationFactory(slug="aaa", eligibility=OPEN),
        CertificationFactory(slug="bbb", eligibility=OPEN, exam_fee=fee),
    )
    result = plan(world, role="coder")
    assert order(result) == ["bbb", "aaa"]
    assert presenters.exam_fee(advice(result, "bbb").exam_fee) == "$199 – $299"
    items = {i["certification"]: i for i in api_plan(result)["recommended_certifications"]}
    assert items["bbb"]["cost"] == {
        "exam_fee_low": 199,
        "exam_fee_high": 299,
        "status": "P-web",
        "source": "the issuer's page",
    }
    assert items["aaa"]["cost"] is None and advice(result, "aaa").exam_fee is None
    assert presenters.exam_fee(None) == "not confirmed by any source we hold"


def test_more_roles_helped_breaks_a_tie():
    roles = (
        RoleFactory(slug="coder", stage="entry"),
        RoleFactory(slug="a-role", stage="mid", requirements=(recommended("aaa"),)),
        RoleFactory(slug="b-role", stage="mid", requirements=(recommended("aaa", "bbb"),)),
    )
    world = fan(CertificationFactory(slug="bbb"), CertificationFactory(slug="aaa"), roles=roles)
    assert order(plan(world, role="coder")) == ["aaa", "bbb"]


def test_every_reason_is_one_sentence():
    result = plan(ladder(), role="senior-coder", years=4, specialty="audits")
    assert result.recommended_certifications
    for item in result.recommended_certifications:
        assert item.reason.endswith(".") and item.reason.count(".") == 1
        assert item.reason[0].isupper()


# --- Pivots ------------------------------------------------------------------------------------


def pivot_world():
    world = ladder()
    roles = (
        *world.roles,
        RoleFactory(slug="billing", stage="entry", track="alternative", pivot_from_any=True),
        RoleFactory(
            slug="compliance",
            stage="mid",
            track="alternative",
            min_years=3,
            pivot_from_any=True,
            requirements=(recommended("chc"),),
        ),
    )
    return world.model_copy(
        update={
            "roles": roles,
            "certifications": (*world.certifications, CertificationFactory(slug="chc")),
        }
    )


def alternative_slugs(result):
    return [a.role.slug for a in result.alternatives]


@pytest.mark.parametrize("role", ["coder", "senior-coder", "auditor", "manager", "director"])
def test_a_pivot_from_any_role_is_open_from_every_role_of_another_track(role):
    result = plan(pivot_world(), role=role, years=10)
    assert {"billing", "compliance"} <= set(alternative_slugs(result))


def test_a_pivot_from_any_role_is_not_offered_from_its_own_track():
    result = plan(pivot_world(), role="billing", years=1)
    assert "compliance" not in alternative_slugs(result)


def test_the_alternative_track_puts_every_pivot_in_the_next_tier_with_its_gaps():
    result = plan(pivot_world(), role="coder", years=1, track="alternative")
    next_tier = {n.role.slug: n for n in result.next_roles}
    assert set(next_tier) == {"billing", "compliance"}
    assert next_tier["compliance"].missing_years == 2
    assert [c.slug for c in next_tier["compliance"].recommended_certifications] == ["chc"]
    assert all(n.move == "pivot" for n in result.next_roles)
    assert "chc" in order(result)


def test_a_role_open_to_pivots_is_labelled_by_the_move_that_reaches_it():
    world = pivot_world()
    # The coder is also promoted to billing, as the shipped catalog promotes a coder to CDI
    # specialist, a role open to pivots from any other track.
    world = world.model_copy(update={"transitions": (*world.transitions, move("coder", "billing"))})
    staying = plan(world, role="coder", years=1, track="coding")  # billing leaves the next tier
    moves = {a.role.slug: a.move for a in staying.alternatives}
    assert moves == {"billing": "promotion", "compliance": "pivot"}
    assert {a["role"]: a["move"] for a in api_plan(staying)["alternatives"]} == moves
    pivoting = plan(world, role="coder", years=1, track="alternative")
    assert {n.role.slug: n.move for n in pivoting.next_roles} == moves
    newcomer = plan(world, years=1, track="coding")  # from the stage's roles, coder among them
    assert {a.role.slug: a.move for a in newcomer.alternatives}["compliance"] == "pivot"
    lateral = world.model_copy(
        update={"transitions": (*pivot_world().transitions, move("coder", "billing", "lateral"))}
    )
    alternative = plan(lateral, role="coder", years=1, track="coding").alternatives
    assert {a.role.slug: a.move for a in alternative}["billing"] == "lateral"


def test_without_a_role_pivot_only_roles_stay_out_of_the_next_stage():
    result = plan(pivot_world(), years=1)
    assert "compliance" not in [n.role.slug for n in result.next_roles]
    assert "compliance" in alternative_slugs(result)


# --- The article's people, against the shipped catalog -----------------------------------------


@pytest.fixture
def plan_for(real_catalog):
    def build(**answers):
        return planner.build_plan(real_catalog, planner.Assessment(**answers))

    return build


def test_a_cardiology_coder_sees_the_ccc_in_the_top_three(plan_for):
    result = plan_for(
        role="medical-coder-i", years=3, certifications={"cpc"}, specialty="Cardiology"
    )
    top = order(result)[:3]
    assert "ccc" in top
    assert "matches your specialty (cardiology)" in advice(result, "ccc").reason.lower()


def test_specialties_reorder_the_list(plan_for):
    answers = {"role": "medical-coder-i", "years": 3, "certifications": {"cpc"}}
    orthopedics = order(plan_for(**answers, specialty="orthopedics"))
    cardiology = order(plan_for(**answers, specialty="cardiology"))
    assert orthopedics != cardiology and orthopedics[0] == "cosc" and cardiology[0] == "ccc"


def test_a_senior_coder_in_risk_adjustment_sees_the_crc_in_the_top_three(plan_for):
    result = plan_for(
        role="senior-medical-coder",
        years=6,
        certifications={"cpc"},
        specialty="risk adjustment / HCC",
    )
    assert "crc" in order(result)[:3]


def test_a_coder_with_no_cdi_work_is_never_told_the_ccds_is_open(plan_for):
    for specialty in ("", "CDI", "clinical documentation"):
        result = plan_for(
            role="medical-coder-i",
            years=4,
            certifications={"ccs"},
            education="associate",
            specialty=specialty,
        )
        ccds = [a for a in result.recommended_certifications if a.certification.slug == "ccds"]
        for item in ccds:
            assert item.eligible_now is not True


def test_the_alternative_track_shows_all_six_pivots(plan_for):
    result = plan_for(role="medical-coder-i", years=4, certifications={"ccs"}, track="alternative")
    shown = {n.role.slug for n in result.next_roles} | set(alternative_slugs(result))
    assert {
        "health-data-analyst",
        "medical-billing-specialist",
        "healthcare-compliance-analyst",
        "cdi-specialist",
        "hit-implementation-specialist",
        "healthcare-administrator",
    } <= shown


@pytest.mark.parametrize("role", ["medical-coder-i", "outpatient-coder", "senior-medical-coder"])
def test_every_coding_role_lists_the_pivots(plan_for, role):
    result = plan_for(role=role, years=4, certifications={"cpc"})
    assert {"health-data-analyst", "hit-implementation-specialist", "healthcare-administrator"} <= (
        set(alternative_slugs(result))
    )


def test_the_shipped_fees_come_with_a_source_and_unconfirmed_fees_stay_blank(plan_for):
    result = plan_for(role="medical-coder-i", years=3, certifications={"cpc"})
    cpma = advice(result, "cpma")
    assert cpma.exam_fee and cpma.exam_fee.source and cpma.exam_fee.low <= cpma.exam_fee.high
    assert advice(result, "ccc").exam_fee is None  # docs/data-sources.md#exam-fees: not confirmed


# --- The plan page and the API -----------------------------------------------------------------

CARDIOLOGY = "role=medical-coder-i&years=3&cert=cpc&specialty=cardiology&track="


@pytest.mark.django_db
def test_the_plan_page_shows_three_credentials_with_reasons_and_the_rest_disclosed(client, catalog):
    html = client.get(f"/plan/?{CARDIOLOGY}").content.decode()
    section = html[html.index('id="creds-heading"') :]
    section = section[: section.index("</section>")]
    shown, _, disclosed = section.partition('<details class="more-credentials">')
    assert shown.count('<p class="reason">') == 3
    assert "Matches your specialty (cardiology)" in shown
    assert "CCC" in shown
    assert disclosed and 'start="4"' in disclosed and "more credentials</summary>" in disclosed
    assert disclosed.count('<p class="reason">') >= 1
    assert "not confirmed by any source we hold" in section  # the CCC's exam fee


@pytest.mark.django_db
def test_the_api_gives_each_credential_its_reason_cost_and_pay_change(client, catalog):
    data = client.get(f"/api/plan/?{CARDIOLOGY}").json()
    items = {i["certification"]: i for i in data["recommended_certifications"]}
    assert data["recommended_certifications"][0]["certification"] == "ccc"
    assert items["ccc"]["reason"].startswith("Matches your specialty (cardiology)")
    assert items["ccc"]["cost"] is None
    assert items["cpma"]["cost"]["exam_fee_low"] <= items["cpma"]["cost"]["exam_fee_high"]
    assert items["cpma"]["cost"]["source"]
    change = items["ccc"]["pay_change"]
    assert change is not None and change["low"] <= change["high"]


@pytest.mark.django_db
def test_the_plan_page_shows_each_credentials_yearly_upkeep_with_its_source(client, catalog):
    query = "role=medical-coder-i&years=3&cert=cpc&track="
    html = client.get(f"/plan/?{query}").content.decode()
    section = html[html.index('id="creds-heading"') :]
    section = section[: section.index("</section>")]
    shown, _, folded = section.partition('<details class="sources"')
    # The card's Sources are drawn when opened: htmx asks for that part of the plan's details.
    assert "&amp;part=credentials-sources" in folded
    sources = client.get(
        f"/plan/details/?{query}&part=credentials-sources", headers={"HX-Request": "true"}
    ).content.decode()
    cards = {
        card[card.index(">", card.index("<abbr")) + 1 : card.index("</abbr>")]: card
        for card in shown.split("<li>")[1:]
    }
    # One more AAPC credential on a CPC: the membership is already paid.
    cpma = cards["CPMA"]
    assert 'Yearly upkeep</dt><dd class="upkeep-cost">nothing new: you already pay the AAPC' in cpma
    assert "AAPC membership." in cpma
    assert "net of the yearly upkeep" in cards["CCS"]
    # An AHIMA credential, behind the card's Sources: the fee per cycle, a year's share of it,
    # source and status.
    ccs = sources[sources.index(">CCS</abbr></h3>") :]
    ccs = ccs[: ccs.index("<h3>")]
    assert "per 2-year cycle" in ccs and "a year" in ccs and "AHIMA recertification FAQ" in ccs
    assert "Recertification fee, members: not confirmed" in ccs


@pytest.mark.django_db
def test_the_plan_page_labels_a_role_a_promotion_reaches_as_a_promotion(client, catalog):
    html = client.get("/plan/?role=medical-coder-i&years=3&cert=cpc&track=coding").content
    section = html.decode()[html.decode().index('id="alt-heading"') :]
    assert '(CDI) Specialist</strong></a> <span class="muted">(Specialist, promotion)' in section
    assert 'Health Data Analyst</strong></a> <span class="muted">(Alternative careers, pivot)' in (
        section
    )


@pytest.mark.django_db
def test_an_admin_edit_of_a_specialty_term_or_a_fee_reaches_the_planner(catalog):
    from careerpath import catalog as catalog_module
    from certifications.models import Certification, ExamFee

    from .factories import ExamFeeFactory, SpecialtyTermFactory

    crc = Certification.objects.get(slug="crc")
    SpecialtyTermFactory(term="medicare advantage", certifications=[crc])
    ExamFee.objects.filter(certification__slug="cpma").delete()
    ExamFeeFactory(certification=Certification.objects.get(slug="cpma"), low=350, high=450)
    catalog_module.forget()
    result = planner.build_plan(
        catalog_module.current(),
        planner.Assessment(
            role="senior-medical-coder",
            years=6,
            certifications={"cpc"},
            specialty="Medicare Advantage",
        ),
    )
    assert order(result)[0] == "crc"
    assert (advice(result, "cpma").exam_fee.low, advice(result, "cpma").exam_fee.high) == (350, 450)


@pytest.mark.django_db
def test_an_exam_fee_range_out_of_order_is_refused(catalog):
    from django.core.exceptions import ValidationError

    from certifications.models import Certification, ExamFee

    fee = ExamFee(
        certification=Certification.objects.get(slug="ccc"),
        low=500,
        high=400,
        status="S",
        source="x",
    )
    with pytest.raises(ValidationError, match="cannot be below"):
        fee.full_clean()


def test_each_pivot_lists_its_gaps():
    world = pivot_world()
    roles = tuple(
        r.model_copy(update={"requirements": (required("chc"),)}) if r.slug == "compliance" else r
        for r in world.roles
    )
    result = plan(world.model_copy(update={"roles": roles}), role="coder", years=1)
    compliance = next(a for a in result.alternatives if a.role.slug == "compliance")
    assert compliance.missing_years == 2
    assert [[c.slug for c in g.certifications] for g in compliance.missing_certifications] == [
        ["chc"]
    ]
    billing = next(a for a in result.alternatives if a.role.slug == "billing")
    assert (billing.missing_years, billing.missing_certifications) == (0, ())


@pytest.mark.django_db
def test_the_plan_page_lists_every_pivot_with_what_it_asks(client, catalog):
    html = client.get(f"/plan/?{CARDIOLOGY}").content.decode()
    section = html[html.index('id="alt-heading"') :]
    section = section[: section.index("</section>")]
    for title in ("Health Data Analyst", "Medical Billing Specialist", "Healthcare Administrator"):
        assert title in section
    assert "more years of experience" in section  # the senior pivots ask years a Coder I lacks


# --- What a credential returns -----------------------------------------------------------------


def test_months_to_pay_back_need_both_a_fee_and_a_rise():
    fee = planner.ExamFee(low=300, high=600, status="S", source="a site")
    assert planner.payback_months(fee, planner.PayChange(low=1_200, high=3_600)) == (
        planner.PayChange(low=1, high=6)
    )
    assert planner.payback_months(None, planner.PayChange(low=1_200, high=3_600)) is None
    assert planner.payback_months(fee, None) is None
    assert planner.payback_months(fee, planner.PayChange(low=0, high=3_600)) is None


# The yearly upkeep: the world's fees are made up (docs/data-sources.md#renewal-rules gives
# the shipped ones).

MEMBERSHIP, RECERTIFICATION = planner.FeeKind.MEMBERSHIP, planner.FeeKind.RECERTIFICATION
YEAR = planner.FeePeriod.YEAR


def fee(amount=None, **fields):
    return RenewalFeeFactory(amount=None if amount is None else Decimal(amount), **fields)


def upkeep_world(*rules, exam_fee=None, asks=recommended):
    """The fan of two credentials, "aaa" of the body "aapc" and "bbb" of "ahima", with a third
    of the AAPC to hold, and the renewal rules given; the mid roles recommend them (`asks`)."""
    return fan(
        CertificationFactory(slug="aaa", body="aapc", eligibility=OPEN, exam_fee=exam_fee),
        CertificationFactory(slug="bbb", body="ahima", eligibility=OPEN, exam_fee=exam_fee),
        CertificationFactory(slug="held", body="aapc"),
        roles=(
            RoleFactory(slug="coder", stage="entry"),
            RoleFactory(slug="a-role", stage="mid", requirements=(asks("aaa"),)),
            RoleFactory(slug="b-role", stage="mid", requirements=(asks("bbb"),)),
        ),
    ).model_copy(update={"renewal_rules": rules})


def test_a_fee_per_cycle_is_divided_into_years_by_the_bodys_cycle():
    for cycle_years in (2, 3):
        recertification = fee(300, label="Recertification")
        rule = RenewalRuleFactory(body="ahima", cycle_years=cycle_years, fees=(recertification,))
        upkeep = advice(plan(upkeep_world(rule), role="coder"), "bbb").upkeep
        yearly = (Decimal(300) / cycle_years).quantize(Decimal("0.01"))
        assert (upkeep.yearly_low, upkeep.yearly_high) == (yearly, yearly)
        [item] = upkeep.fees
        assert (item.amount, item.period, item.yearly) == (300, "cycle", yearly)
        assert (item.source, item.status) == ("Recertification page", "P-web")


def test_alternatives_of_one_kind_make_a_range_and_kinds_add_up():
    rule = RenewalRuleFactory(
        body="aapc",
        fees=(
            fee(120, kind=MEMBERSHIP, period=YEAR, label="Membership"),
            fee(80, kind=MEMBERSHIP, period=YEAR, label="Student membership"),
            fee(60, label="Recertification"),
            fee(50, kind=planner.FeeKind.OTHER, period=planner.FeePeriod.EACH, label="Late"),
        ),
    )
    upkeep = advice(plan(upkeep_world(rule), role="coder"), "aaa").upkeep
    # Lowest membership + recertification a year, to the highest: the late fee is not upkeep.
    assert (upkeep.yearly_low, upkeep.yearly_high) == (80 + 60 / 2, 120 + 60 / 2)
    assert [f.label for f in upkeep.fees] == ["Membership", "Student membership", "Recertification"]
    assert upkeep.complete and not upkeep.membership_held


def test_a_body_already_held_adds_no_new_membership_only_what_a_further_credential_adds():
    rule = RenewalRuleFactory(
        body="aapc",
        fees=(
            fee(120, kind=MEMBERSHIP, period=YEAR, label="Membership"),
            fee(200, additional_amount=Decimal(40), label="Recertification"),
        ),
    )
    world = upkeep_world(rule)
    newcomer = advice(plan(world, role="coder"), "aaa").upkeep
    assert newcomer.yearly_low == 120 + 200 / 2 and not newcomer.membership_held
    member = advice(plan(world, role="coder", certifications={"held"}), "aaa").upkeep
    assert member.membership_held
    assert (member.yearly_low, member.yearly_high) == (40 / 2, 40 / 2)
    [item] = member.fees  # no membership: it is already paid
    assert (item.label, item.amount, item.further_credential) == ("Recertification", 40, True)


def test_a_membership_already_paid_and_nothing_else_is_nothing_new():
    rule = RenewalRuleFactory(
        body="aapc", fees=(fee(120, kind=MEMBERSHIP, period=YEAR, label="Membership"),)
    )
    result = plan(upkeep_world(rule), role="coder", certifications={"held"})
    upkeep = advice(result, "aaa").upkeep
    assert (upkeep.yearly_low, upkeep.yearly_high, upkeep.fees) == (0, 0, ())
    assert upkeep.membership_held
    item = next(
        i for i in api_plan(result)["recommended_certifications"] if i["certification"] == "aaa"
    )
    assert item["upkeep"] == {
        "yearly_low": 0.0,
        "yearly_high": 0.0,
        "items": [],
        "membership_held": True,
    }


def test_an_unknown_fee_stays_blank_never_zero():
    unknown = RenewalRuleFactory(body="ahima", fees=(fee(None, label="Renewal fee"),))
    result = plan(upkeep_world(unknown), role="coder")
    upkeep = advice(result, "bbb").upkeep
    assert upkeep.yearly_low is None and upkeep.yearly_high is None and not upkeep.known
    assert [(f.label, f.amount, f.status) for f in upkeep.fees] == [("Renewal fee", None, "NC")]
    assert advice(result, "aaa").upkeep is None  # the AAPC has no renewal rule in this world
    items = {i["certification"]: i for i in api_plan(result)["recommended_certifications"]}
    assert items["bbb"]["upkeep"] is None and items["aaa"]["upkeep"] is None
    # A known membership beside an unknown recertification fee: the upkeep is "at least".
    partly = RenewalRuleFactory(
        body="ahima",
        fees=(fee(90, kind=MEMBERSHIP, period=YEAR, label="Membership"), fee(None)),
    )
    upkeep = advice(plan(upkeep_world(partly), role="coder"), "bbb").upkeep
    assert (upkeep.yearly_low, upkeep.complete) == (90, False)


def test_the_api_gives_each_credential_its_upkeep_items_with_source_and_status():
    rule = RenewalRuleFactory(
        body="ahima",
        fees=(
            fee(218, additional_amount=Decimal(50), label="Non-members"),
            fee(None, label="Members"),
        ),
    )
    result = plan(upkeep_world(rule), role="coder")
    item = next(
        i for i in api_plan(result)["recommended_certifications"] if i["certification"] == "bbb"
    )
    assert item["upkeep"] == {
        "yearly_low": 218 / 2,
        "yearly_high": 218 / 2,
        "items": [
            {
                "label": "Non-members",
                "amount": 218.0,
                "period": "cycle",
                "source": "Non-members page",
                "status": "P-web",
            },
            {
                "label": "Members",
                "amount": None,
                "period": "cycle",
                "source": "Members page",
                "status": "NC",
            },
        ],
        "membership_held": False,
    }
    keys = {"certification", "leads_to", "unlocks", "strengthens", "eligible_now", "reason"}
    added = {"eligibility", "route_requires", "route_recommends", "most_requested_for"}
    added |= {"eligibility_depends_on", "eligibility_asks"}
    added |= {"payback_months", "published_averages"}
    assert set(item) == keys | {"cost", "pay_change", "upkeep"} | added


def test_months_to_pay_back_are_net_of_a_known_upkeep():
    exam_fee = planner.ExamFee(low=1_000, high=2_000, status="S", source="a site")
    upkeep = Decimal(6_000)
    rule = RenewalRuleFactory(
        body="aapc", fees=(fee(upkeep, kind=MEMBERSHIP, period=YEAR, label="Membership"),)
    )
    # The mid roles require the credentials: their pay is what each credential opens.
    result = plan(upkeep_world(rule, exam_fee=exam_fee, asks=required), role="coder")
    aaa, bbb = advice(result, "aaa"), advice(result, "bbb")
    change = aaa.pay_change  # the world's mid band against its entry band
    assert change == bbb.pay_change and change.low > upkeep
    assert aaa.payback_net and aaa.payback_months == planner.PayChange(
        low=math.ceil(exam_fee.low * 12 / (change.high - upkeep)),
        high=math.ceil(exam_fee.high * 12 / (change.low - upkeep)),
    )
    # Without a known upkeep (the AHIMA has no rule here) the payback is the gross one, and
    # says so; the upkeep makes the slowest payback slower.
    assert not bbb.payback_net and bbb.payback_months == planner.payback_months(exam_fee, change)
    assert aaa.payback_months.high > bbb.payback_months.high
    # An upkeep that eats the smallest rise leaves the payback unknown, not negative.
    costly = RenewalRuleFactory(
        body="aapc", fees=(fee(change.low, kind=MEMBERSHIP, period=YEAR, label="Membership"),)
    )
    world = upkeep_world(costly, exam_fee=exam_fee, asks=required)
    assert advice(plan(world, role="coder"), "aaa").payback_months is None


def test_months_to_pay_back_count_only_the_roles_a_credential_opens():
    exam_fee = planner.ExamFee(low=1_000, high=2_000, status="S", source="a site")
    # Recommended only: the roles are reachable without it, so no pay is its own to pay back.
    recommending = plan(upkeep_world(exam_fee=exam_fee), role="coder")
    assert advice(recommending, "aaa").pay_change is not None
    assert advice(recommending, "aaa").payback_months is None
    requiring = plan(upkeep_world(exam_fee=exam_fee, asks=required), role="coder")
    assert advice(requiring, "aaa").payback_months is not None
    # A role that requires one credential and recommends another counts only for the first.
    world = fan(
        CertificationFactory(slug="aaa", eligibility=OPEN, exam_fee=exam_fee),
        CertificationFactory(slug="bbb", eligibility=OPEN, exam_fee=exam_fee),
        roles=(
            RoleFactory(slug="coder", stage="entry"),
            RoleFactory(
                slug="a-role", stage="mid", requirements=(required("aaa"), recommended("bbb"))
            ),
        ),
    )
    both = plan(world, role="coder")
    assert advice(both, "aaa").payback_months is not None
    assert advice(both, "bbb").payback_months is None


def test_a_credential_count_group_counts_the_credentials_held():
    row = dict(survey="S", survey_year=2019, average=1, measure="m", status="P-web", source="s")
    none = planner.CredentialCountSalary(group="None", credentials=0, **row)
    two = planner.CredentialCountSalary(group="2", credentials=2, **row)
    three_plus = planner.CredentialCountSalary(group="3+", credentials=3, or_more=True, **row)
    any_number = planner.CredentialCountSalary(group="Certified", **row)
    assert [none.counts(0), two.counts(2), two.counts(3), three_plus.counts(5)] == [
        True,
        True,
        False,
        True,
    ]
    assert (any_number.counts(0), any_number.counts(1)) == (False, True)


@pytest.mark.django_db
def test_the_plan_page_shows_aapcs_averages_by_credentials_held_with_year_and_measure(
    client, catalog
):
    html = client.get(
        "/plan/?role=senior-medical-coder&years=6&cert=cpc&cert=cpma&track="
    ).content.decode()
    section = html[html.index('id="returns"') :]
    section = section[: section.index("</section>")]
    assert "member self-reported average" in section and "2019" in section
    assert "the year is inferred" in section
    assert "$64,890" in section and "$70,608" in section
    yours = section[section.index('class="yours"') :]
    assert yours.startswith('class="yours"><th scope="row">Certified, any number')
    assert '<tr class="yours"><th scope="row">2 credentials' in section
    # Every row comes from the same survey page: its source is said once, under the table.
    source = "Issuer&#39;s own page: aapc.com/resources/research/medical-coding-salary-survey/"
    assert section.count(source) == 1
    assert section.index(source) > section.index("</table>")
    assert '<th scope="col">Source</th>' not in section


def test_rows_from_different_sources_keep_a_source_column_and_one_source_is_said_once():
    row = planner.CredentialCountSalary
    fields = dict(survey="S", survey_year=2019, measure="m", status="P-web", average=1, group="g")
    one = row(**fields, status_label="Web", source="a.example", credentials=0)
    same = row(**fields, status_label="Web", source="a.example", credentials=1)
    other = row(**fields, status_label="Web", source="b.example", credentials=2)
    assert presenters.shared_source([one, same]) == "Web: a.example"
    assert presenters.shared_source([one, same, other]) == ""


# --- Comparing two credentials -----------------------------------------------------------------


def test_a_credential_summary_names_what_it_opens_and_the_pay_of_those_roles():
    fee = planner.ExamFee(low=199, high=299, status="P-web", source="the issuer")
    world = ladder()
    certs = tuple(
        c.model_copy(update={"exam_fee": fee}) if c.slug == "cpma" else c
        for c in world.certifications
    )
    cpc, cpma = planner.compare_credentials(
        world.model_copy(update={"certifications": certs}), ["cpc", "cpma", "nonesuch"]
    )
    assert [r.slug for r in cpc.unlocks] == ["coder", "senior-coder", "auditor", "manager"]
    assert [r.slug for r in cpma.strengthens] == ["auditor"] and cpma.unlocks == ()
    # The auditor is a mid role: the 25th-75th of the world's wages.
    assert (cpma.pay_low, cpma.pay_high, cpma.pay_period) == (40_000, 60_000, "May 2030")
    assert cpma.exam_fee == fee and cpc.exam_fee is None
    assert cpc.eligibility == ("open to all: anyone may sit",) and cpma.eligibility == ()


@pytest.mark.django_db
def test_the_compare_page_puts_two_credentials_side_by_side(client, catalog):
    response = client.get("/certifications/compare/?cert=ccc&cert=cpma")
    html = response.content.decode()
    assert response.status_code == 200
    table = html[html.index('<table class="compare-cards"') : html.index("</table>")]
    for aspect in ("Issuing body", "Required for", "Recommended for", "Eligibility", "Exam fee"):
        assert aspect in table
    assert "Yearly upkeep" in table and "Pay of the roles it leads to" in table
    assert "Coding Auditor" in table and "Senior Medical Coder" in table
    assert "Not confirmed" in table  # the CCC's fee
    assert "$399 – $499" in table  # the CPMA's, with its note and source
    assert 'value="ccc" selected' in html and 'value="cpma" selected' in html


@pytest.mark.django_db
def test_the_compare_page_sets_one_time_cost_and_yearly_upkeep_side_by_side(client, catalog):
    html = client.get("/certifications/compare/?cert=cpc&cert=ccs").content.decode()
    table = html[html.index('<table class="compare-cards"') : html.index("</table>")]
    cpc, ccs = table.split('<tr role="row">')[
        2:
    ]  # the header row first, then one row per credential

    def cell(card, label):
        start = card.index(f'<span class="cell-label">{label}</span>')
        return card[start : card.index("</td>", start)]

    def sources(card):
        return card[card.index('<details class="sources">') : card.index("</details>")]

    assert "$399 – $499" in cell(cpc, "Exam fee (one-time cost)")
    assert "$222 a year" in cell(cpc, "Yearly upkeep") and "$109 a year" in cell(
        ccs, "Yearly upkeep"
    )
    # Each fee of the upkeep, with its source, behind the credential's one Sources disclosure.
    assert "AAPC membership, professional" in sources(cpc) and "not seen on aapc.com" in sources(
        cpc
    )
    assert "per 2-year cycle" in sources(ccs) and "AHIMA recertification FAQ" in sources(ccs)
    assert "CEUs every 2 years" in cell(ccs, "CEUs to renew")
    assert "ahima.org/certification/Recertification" in sources(ccs)
    unknown = client.get("/certifications/compare/?cert=chc&cert=ccds").content.decode()
    cells = re.findall(r'<span class="cell-label">Yearly upkeep</span>(.*?)</td>', unknown, re.S)
    assert len(cells) == 2 and all("not confirmed." in c and "$0" not in c for c in cells)
    assert 'Every 2 years; CEUs <span class="muted">not confirmed' in unknown


def test_a_credential_summary_gives_its_upkeep_and_ceus_from_the_renewal_rules():
    rule = RenewalRuleFactory(
        body="aapc",
        cycle_years=3,
        tiers=(planner.CeuTier(credentials=1, ceus=30),),
        fees=(fee(90, label="Recertification"),),
    )
    world = ladder(renewal_rules=(rule,))
    cpc, ccs = planner.compare_credentials(world, ["cpc", "ccs"])
    assert (cpc.ceus_per_cycle, cpc.cycle_years, cpc.renewal_source) == (30, 3, "aapc renewal page")
    assert cpc.upkeep.yearly_low == 90 / 3 and not cpc.upkeep.membership_held
    assert (ccs.upkeep, ccs.cycle_years, ccs.ceus_per_cycle) == (None, None, None)  # no rule


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, message",
    [
        ("cert=ccc&cert=nonesuch", "is not a credential we know"),
        ("cert=ccc&cert=ccc", "Choose two different credentials"),
        ("cert=ccc&cert=", ""),
    ],
)
def test_the_compare_page_refuses_what_it_cannot_compare(client, catalog, query, message):
    response = client.get(f"/certifications/compare/?{query}")
    html = response.content.decode()
    assert '<table class="compare-cards"' not in html
    if message:
        assert response.status_code == 400 and message in html
    else:  # one credential only pre-fills the form
        assert response.status_code == 200 and 'value="ccc" selected' in html


@pytest.mark.django_db
def test_a_credential_page_links_to_the_comparison_prefilled(client, catalog):
    html = client.get("/certifications/crc/").content.decode()
    assert 'href="/certifications/compare/?cert=crc"' in html
    assert (
        'value="crc" selected' in client.get("/certifications/compare/?cert=crc").content.decode()
    )
