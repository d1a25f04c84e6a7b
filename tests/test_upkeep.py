"""Keeping credentials alive: CEUs per body and cycle, where you are in the cycle, fees, and the
apprentice routes, checked on small catalogs built here (the rules, not the shipped data).

The figures below are those of docs/data-sources.md#renewal-rules; each test names the example it
checks. "Today" is always passed in, so nothing depends on the day the tests run.
"""

from datetime import date
from decimal import Decimal

import pytest

from careerpath.api import ApiUpkeep
from careerpath.planner import (
    ApprenticeCredit,
    Assessment,
    Catalog,
    Certification,
    CeuShare,
    CeuTier,
    CredentialRenewal,
    CycleAnswer,
    Pace,
    RenewalFee,
    RenewalRule,
    build_plan,
    credential_upkeep,
)

TODAY = date(2026, 6, 15)
WEB = {"status": "P-web", "status_label": "Issuer's own page"}


def cert(slug, body, *, ceus=None, topic=None, replaces=(), specialty=False, apprentice=""):
    renewal = None
    if ceus is not None or topic or replaces:
        renewal = CredentialRenewal(
            ceus=ceus,
            topic_ceus=topic[0] if topic else None,
            topic=topic[1] if topic else "",
            replaces=replaces,
            source=f"{body} renewal page",
            **WEB,
        )
    return Certification(
        slug=slug,
        acronym=slug.upper(),
        name=f"Certified {slug.upper()}",
        body=body,
        body_acronym=body.upper(),
        body_name=f"The {body.upper()} body",
        is_specialty=specialty,
        apprentice_designation=f"{slug.upper()}-A" if apprentice else "",
        apprentice_years=2 if apprentice else None,
        renewal=renewal,
    )


AAPC = RenewalRule(
    body="aapc",
    body_acronym="AAPC",
    body_name="AAPC",
    cycle_years=2,
    tiers=tuple(
        CeuTier(credentials=n, ceus=c) for n, c in ((1, 36), (2, 40), (3, 44), (4, 48), (5, 52))
    ),
    specialty_ceus=8,
    fees=(
        RenewalFee(
            label="CEU extension fee",
            amount=Decimal(50),
            period="each",
            period_label="each time",
            source="aapc.com/about-us/ceu-policies",
            **WEB,
        ),
    ),
    source="aapc.com/medical-coding-education/help/",
    **WEB,
)
AHIMA = RenewalRule(
    body="ahima",
    body_acronym="AHIMA",
    body_name="AHIMA",
    cycle_years=2,
    additional_ceus=10,
    max_ceus=50,
    shares=(
        CeuShare(percent=80, topic="in the HIIM domains", source="ahima.org", **WEB),
        CeuShare(
            percent=40,
            topic="from AHIMA resources",
            since=date(2025, 1, 1),
            source="ahima.org",
            **WEB,
        ),
    ),
    fees=(
        RenewalFee(
            label="Recertification fee, non-members",
            amount=Decimal(218),
            additional_amount=Decimal(50),
            period="cycle",
            period_label="per cycle",
            source="AHIMA FAQ",
            **WEB,
        ),
        RenewalFee(
            label="Recertification fee, members",
            amount=None,
            period="cycle",
            period_label="per cycle",
            status="NC",
            status_label="Not confirmed",
            source="",
        ),
    ),
    source="ahima.org/certification/Recertification",
    **WEB,
)
CCB = RenewalRule(
    body="ccb", body_acronym="CCB", body_name="CCB", cycle_years=2, source="CHC FAQ", **WEB
)
ACDIS = RenewalRule(
    body="acdis", body_acronym="ACDIS", body_name="ACDIS", cycle_years=2, source="faq", **WEB
)

CATALOG = Catalog(
    version="upkeep",
    educations=(),
    stages=(),
    tracks=(),
    roles=(),
    certifications=(
        cert("cpc", "aapc", apprentice=True),
        cert("coc", "aapc", apprentice=True),
        cert("cic", "aapc"),
        cert("crc", "aapc"),
        cert("cpb", "aapc"),
        cert("cpma", "aapc", topic=(16, "auditing")),
        cert("cdeo", "aapc", topic=(16, "documentation")),
        cert("ccc", "aapc", specialty=True),
        cert("ccs", "ahima", ceus=20),
        cert("ccs-p", "ahima", ceus=20),
        cert("rhit", "ahima", ceus=20),
        cert("rhia", "ahima", ceus=30, replaces=("rhit",)),
        cert("chps", "ahima", ceus=30),
        cert("cdip", "ahima", ceus=30),
        cert("chc", "ccb", ceus=40, topic=(20, "live events")),
        cert("ccds", "acdis"),
    ),
    renewal_rules=(AAPC, AHIMA, CCB, ACDIS),
    apprentice_credits=(
        ApprenticeCredit(
            body="aapc",
            kind="course",
            label="a coding course of at least 80 contact hours",
            years=1,
            source="aapc.com apprenticeship page",
            **WEB,
        ),
        ApprenticeCredit(
            body="aapc",
            kind="practicode",
            label="CPC-A Practicode",
            years=1,
            source="aapc.com apprenticeship page",
            **WEB,
        ),
    ),
)


def upkeep(*held, today=TODAY, **answers):
    return credential_upkeep(CATALOG, Assessment(certifications=frozenset(held), **answers), today)


def body(result, slug):
    return next(b for b in result.bodies if b.body == slug)


# --- CEUs per body and cycle ------------------------------------------------------------------


def test_ccs_and_ccs_p_ask_30_ceus():
    ahima = body(upkeep("ccs", "ccs-p"), "ahima")
    assert ahima.ceus_required == 30 and ahima.cycle_years == 2
    assert [c.slug for c in ahima.credentials] == ["ccs", "ccs-p"]
    assert ahima.basis == "20 for the CCS, plus 10 for each further credential (1)"


def test_rhia_ccs_and_ccs_p_ask_the_maximum_of_50():
    ahima = body(upkeep("rhia", "ccs", "ccs-p"), "ahima")
    assert ahima.ceus_required == 50
    assert ahima.basis.endswith("at most 50")


@pytest.mark.parametrize(
    ("held", "ceus"),
    [(("chps", "rhit"), 40), (("rhia", "cdip"), 40), (("rhit",), 20), (("rhia",), 30)],
)
def test_the_other_ahima_examples(held, ceus):
    assert body(upkeep(*held), "ahima").ceus_required == ceus


def test_the_rhia_replaces_the_rhit():
    ahima = body(upkeep("rhia", "rhit"), "ahima")
    assert ahima.ceus_required == 30  # not 40: only the RHIA's CEUs are kept up
    assert [c.slug for c in ahima.credentials] == ["rhia"]
    assert [(r.replaced.slug, r.by.slug) for r in ahima.replaced] == [("rhit", "rhia")]


def test_cpc_and_cpma_ask_40_with_16_in_auditing():
    aapc = body(upkeep("cpc", "cpma"), "aapc")
    assert aapc.ceus_required == 40
    assert [(t.credential.slug, t.ceus, t.topic) for t in aapc.topic_requirements] == [
        ("cpma", 16, "auditing")
    ]


@pytest.mark.parametrize(
    ("held", "ceus"),
    [
        (("cpc",), 36),
        (("cpc", "coc"), 40),
        (("cpc", "coc", "cic"), 44),
        (("cpc", "coc", "cic", "crc"), 48),
        (("cpc", "coc", "cic", "crc", "cpb"), 52),
        (("cpc", "coc", "cic", "crc", "cpb", "cpma"), 52),  # 5 or more
    ],
)
def test_aapc_counts_by_the_number_of_its_credentials(held, ceus):
    assert body(upkeep(*held), "aapc").ceus_required == ceus


def test_six_aapc_credentials_say_five_or_more():
    aapc = body(upkeep("cpc", "coc", "cic", "crc", "cpb", "cpma"), "aapc")
    assert aapc.basis == "52 for 5 or more AAPC credentials"


def test_each_specialty_credential_needs_8_specialty_ceus_and_cdeo_16_in_documentation():
    aapc = body(upkeep("cpc", "ccc", "cdeo"), "aapc")
    assert aapc.ceus_required == 44
    assert {(t.credential.slug, t.ceus, t.topic) for t in aapc.topic_requirements} == {
        ("ccc", 8, "specialty-specific"),
        ("cdeo", 16, "documentation"),
    }


def test_the_chc_asks_40_with_20_from_live_events():
    ccb = body(upkeep("chc"), "ccb")
    assert ccb.ceus_required == 40
    assert [(t.ceus, t.topic) for t in ccb.topic_requirements] == [(20, "live events")]


def test_the_ccds_renews_every_2_years_with_its_ceus_left_blank():
    acdis = body(upkeep("ccds"), "acdis")
    assert acdis.cycle_years == 2 and acdis.ceus_required is None and acdis.basis == ""


def test_ahima_shares_are_counted_from_the_total_and_dated():
    ahima = body(upkeep("ccs", "ccs-p"), "ahima")
    assert [(s.percent, s.ceus, s.applies) for s in ahima.shares] == [
        (80, 24, True),
        (40, 12, True),
    ]
    before = body(upkeep("ccs", "ccs-p", today=date(2024, 12, 31)), "ahima")
    assert before.shares[1].applies is False  # 40 % from AHIMA only since January 2025


def test_each_body_is_counted_on_its_own():
    result = upkeep("cpc", "ccs", "chc", "ccds")
    assert [(b.body, b.ceus_required) for b in result.bodies] == [
        ("aapc", 36),
        ("ahima", 20),
        ("ccb", 40),
        ("acdis", None),
    ]


def test_no_credential_no_upkeep():
    result = upkeep()
    assert result.bodies == () and result.apprentice is None and not result.shown


def test_fees_add_up_for_further_credentials_and_unconfirmed_ones_stay_blank():
    one = body(upkeep("ccs"), "ahima")
    two = body(upkeep("ccs", "ccs-p"), "ahima")
    assert one.fees[0].total is None and one.fees[0].fee.amount == 218
    assert two.fees[0].total == 268  # $218 plus $50 for the second credential
    assert two.fees[1].fee.amount is None and two.fees[1].fee.status == "NC"


# --- Where you are in the cycle ---------------------------------------------------------------


def aapc_cycle(due, earned, held=("cpc", "cpma"), today=TODAY):
    answer = CycleAnswer(body="aapc", due=due, ceus_earned=earned)
    return body(upkeep(*held, cycles=(answer,), today=today), "aapc").progress


def test_ceus_remaining_and_a_month_to_finish_on_time():
    progress = aapc_cycle(date(2027, 3, 1), 30)  # June 2026 to March 2027: 10 months
    assert (progress.months_left, progress.ceus_remaining, progress.ceus_per_month) == (10, 10, 1)
    assert progress.expected_by_now == 23 and progress.pace == Pace.ON_TRACK


def test_behind_an_even_pace_is_a_warning():
    progress = aapc_cycle(date(2027, 3, 1), 10)
    assert progress.pace == Pace.BEHIND
    assert (progress.ceus_remaining, progress.ceus_per_month) == (30, 3)


def test_the_due_month_itself_still_counts():
    progress = aapc_cycle(date(2026, 6, 1), 35)
    assert (progress.months_left, progress.ceus_per_month, progress.pace) == (1, 5, Pace.BEHIND)


def test_past_the_end_with_ceus_missing_is_past_due():
    progress = aapc_cycle(date(2026, 5, 1), 35)
    assert progress.months_left == 0 and progress.pace == Pace.PAST_DUE
    assert progress.ceus_per_month is None and progress.ceus_remaining == 5


def test_all_ceus_earned_is_done_even_past_the_end():
    assert aapc_cycle(date(2027, 3, 1), 45).pace == Pace.DONE
    assert aapc_cycle(date(2026, 1, 1), 40).pace == Pace.DONE


def test_a_month_beyond_one_cycle_is_flagged():
    progress = aapc_cycle(date(2029, 1, 1), 0)
    assert progress.beyond_one_cycle and progress.pace == Pace.ON_TRACK


def test_without_a_date_there_is_no_timing():
    progress = aapc_cycle(date(2027, 3, 1), 10, today=None)
    assert progress.ceus_remaining == 30
    assert (
        progress.months_left is None and progress.ceus_per_month is None and progress.pace is None
    )


def test_ceus_without_a_month_give_what_is_left_only():
    progress = aapc_cycle(None, 12)
    assert progress.ceus_remaining == 28 and progress.pace is None


def test_a_body_without_confirmed_ceus_is_past_due_by_date_alone():
    answer = CycleAnswer(body="acdis", due=date(2026, 2, 1))
    progress = body(upkeep("ccds", cycles=(answer,)), "acdis").progress
    assert progress.pace == Pace.PAST_DUE and progress.ceus_remaining is None


def test_answers_for_a_body_whose_credential_is_not_held_are_ignored():
    result = upkeep("ccs", cycles=(CycleAnswer(body="aapc", ceus_earned=10),))
    assert [b.body for b in result.bodies] == ["ahima"]


# --- Removing the apprentice "A" --------------------------------------------------------------


@pytest.mark.parametrize(
    ("years", "credits", "route", "label"),
    [
        (2, set(), "experience", "2 years of coding experience"),
        (
            1,
            {"course"},
            "experience+course",
            "1 year of coding experience plus a coding course of at least 80 contact hours",
        ),
        (
            1,
            {"practicode"},
            "experience+practicode",
            "1 year of coding experience plus CPC-A Practicode",
        ),
        (
            0,
            {"course", "practicode"},
            "course+practicode",
            "a coding course of at least 80 contact hours plus CPC-A Practicode",
        ),
    ],
)
def test_each_of_aapcs_three_routes_removes_the_a(years, credits, route, label):
    # The coder says they hold the CPC-A (with 2 years, the years alone would not say so).
    apprentice = upkeep(
        "cpc", years=years, apprentice_credits=frozenset(credits), apprentices=frozenset({"cpc"})
    ).apprentice
    assert apprentice.met and apprentice.route == route and apprentice.route_label == label
    assert apprentice.designations == ("CPC-A",) and apprentice.years_remaining == 0


def test_what_is_left_and_the_month_it_is_reached():
    apprentice = upkeep("cpc", years=0, apprentice_credits=frozenset({"course"})).apprentice
    assert not apprentice.met and apprentice.route is None
    assert apprentice.years_remaining == 1 and apprentice.earliest == date(2027, 6, 1)
    assert [k.kind for k in apprentice.credits_open] == ["practicode"]


def test_a_new_apprentice_has_two_years_to_go():
    apprentice = upkeep("coc", years=0).apprentice
    assert (apprentice.years_remaining, apprentice.earliest) == (2, date(2028, 6, 1))
    assert apprentice.designations == ("COC-A",)


def test_a_credential_without_an_apprentice_rule_has_no_apprentice_status():
    assert upkeep("ccs", years=0).apprentice is None


# --- The plan and the JSON edge ---------------------------------------------------------------


def test_the_plan_carries_the_upkeep_as_of_the_month_passed_in():
    plan = build_plan(CATALOG, Assessment(certifications=frozenset({"ccs"})), today=TODAY)
    assert plan.credential_upkeep.as_of == date(2026, 6, 1)
    assert plan.credential_upkeep.bodies[0].ceus_required == 20


def test_the_api_shape_of_the_upkeep():
    answer = CycleAnswer(body="aapc", due=date(2027, 3, 1), ceus_earned=10)
    result = upkeep("cpc", "cpma", years=1, cycles=(answer,))
    data = ApiUpkeep.from_upkeep(result).model_dump(mode="json")
    aapc = data["bodies"][0]
    assert aapc["body"] == "aapc" and aapc["credentials"] == ["cpc", "cpma"]
    assert (aapc["ceus_required"], aapc["cycle_years"], aapc["due"]) == (40, 2, "2027-03")
    assert (aapc["ceus_earned"], aapc["ceus_remaining"], aapc["pace"]) == (10, 30, "behind")
    assert aapc["topic_requirements"] == [{"credential": "cpma", "ceus": 16, "topic": "auditing"}]
    assert aapc["fees"][0]["amount"] == 50 and aapc["source"]
    assert data["apprentice"] == {
        "designation": "CPC-A",
        "met": False,
        "route": None,
        "years_remaining": 1,
        "earliest": "2027-06",
    }
