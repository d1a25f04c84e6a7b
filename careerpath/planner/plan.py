"""The plan: what the planner answers, as frozen models, in the order a plan is built (where you
stand, readiness, the next tier, credentials, alternatives, keeping the credentials held)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from careerpath.planner.assessment import Assessment
from careerpath.planner.catalog import (
    ApprenticeCredit,
    CertificationRef,
    CredentialCountSalary,
    CredentialSalary,
    ExamFee,
    Fact,
    FeeKind,
    FeePeriod,
    Frozen,
    OccupationRef,
    RenewalFee,
    ResumeMetric,
    RoleProfile,
    RoleRef,
    SalaryBand,
    StageSkill,
    StatePay,
)


class RolePay(Frozen):
    """A role priced on an occupation, and the span of that occupation's percentiles it covers."""

    role: RoleRef
    low_percentile: int
    high_percentile: int


class MedianRelation(StrEnum):
    BELOW_BAND = "below"
    WITHIN_BAND = "within"
    ABOVE_BAND = "above"


class Position(Frozen):
    stage: str | None
    stage_name: str
    stage_years: str = ""
    role: RoleRef | None
    salary_band: SalaryBand | None
    median_relation: MedianRelation | None = None
    pay_note: str = ""  # why the role's band is this occupation's and span
    notes: tuple[str, ...] = ()
    state_pay: StatePay | None = None  # the state asked for (None: none was)


class MilestoneStatus(Frozen):
    slug: str
    title: str
    description: str
    met: bool | None  # None: the assessment did not say
    detail: str


class RequirementGroup(Frozen):
    """One required group of credentials; any one of them satisfies it."""

    certifications: tuple[CertificationRef, ...]
    held: CertificationRef | None = None
    most_requested: CertificationRef | None = None  # the one employers ask for most (sourced)
    note: str = ""


class BandChange(Frozen):
    low: int
    high: int
    # Set when the band compared with is another occupation's: the change then compares two
    # occupations, and the plan says so.
    from_occupation: OccupationRef | None = None


class NextRole(Frozen):
    role: RoleRef
    stage: str
    stage_name: str
    track: str
    track_name: str
    move: str  # promotion, lateral, first-job, next-stage
    ready: bool
    missing_certifications: tuple[RequirementGroup, ...]
    met_certifications: tuple[RequirementGroup, ...]
    recommended_certifications: tuple[CertificationRef, ...]
    missing_years: int
    required_years: int
    missing_education: str | None
    missing_education_name: str = ""
    required_education_name: str = ""
    education_note: str = ""
    salary_band: SalaryBand | None
    band_change: BandChange | None = None
    pay_note: str = ""
    on_target_track: bool = True
    profile: RoleProfile | None = None  # what the job is (O*NET) and its outlook (BLS)


class Eligibility(StrEnum):
    OPEN = "open"  # one of its routes is open to you now
    NOT_YET = "not-yet"  # what you told us rules out every route
    DEPENDS = "depends"  # a route may be open: it depends on what the answers do not say
    NOT_CONFIRMED = "not-confirmed"  # no published route is known


class PayChange(Frozen):
    """How far the bands of the roles a credential leads to run from yours, in dollars a year."""

    low: int
    high: int


class CredentialAdvice(Frozen):
    certification: CertificationRef
    body_acronym: str
    body_name: str
    unlocks: tuple[RoleRef, ...]  # next-tier roles that require it
    strengthens: tuple[RoleRef, ...]  # next-tier roles that recommend it
    route_requires: tuple[RoleRef, ...] = ()  # roles on the route to your goal that require it
    route_recommends: tuple[RoleRef, ...] = ()  # roles on the route that recommend it
    eligible_now: bool | None  # None: it depends, or no eligibility rule is known
    eligibility: Eligibility = Eligibility.NOT_CONFIRMED
    eligibility_depends_on: tuple[str, ...] = ()  # what the answers do not say
    eligibility_asks: str = ""  # not open yet: what its first published route asks
    eligibility_notes: tuple[str, ...] = ()
    apprentice_note: str = ""
    facts: tuple[Fact, ...] = ()
    most_requested_for: tuple[RoleRef, ...] = ()  # roles whose employers ask for it most
    most_requested_note: str = ""  # the source of that mark (the requirement's note)
    # AAPC's published average for its holders: beside the BLS estimate, never mixed into it.
    published_averages: tuple[CredentialSalary, ...] = ()
    specialty_terms: tuple[str, ...] = ()  # the catalog's terms found in your specialty
    same_body: bool = False  # you already hold a credential of its issuing body
    exam_fee: ExamFee | None = None
    pay_change: PayChange | None = None
    upkeep: YearlyUpkeep | None = None  # None: the catalog holds no upkeep fee of its body
    # Months to pay the fee back, fastest and slowest, from the pay of the roles it opens (those
    # that require it: a role reachable without it does not count); None when not known.
    payback_months: PayChange | None = None
    payback_net: bool = False  # the payback counts the yearly upkeep (it is known)
    reason: str = ""  # one sentence: what it does for you ("" when nothing but its fee and rules)

    @property
    def leads_to(self) -> tuple[RoleRef, ...]:
        return leads_to(self.unlocks, self.strengthens)

    @property
    def on_route(self) -> bool:
        return bool(self.route_requires or self.route_recommends)


def leads_to(unlocks: tuple[RoleRef, ...], strengthens: tuple[RoleRef, ...]) -> tuple[RoleRef, ...]:
    """The roles a credential leads to: those that require it, then those that recommend it."""
    return unlocks + tuple(r for r in strengthens if r not in unlocks)


class Alternative(Frozen):
    role: RoleRef
    track: str
    track_name: str
    move: str = "pivot"  # the move that reaches it: pivot, or promotion or lateral (see below)
    note: str = ""
    salary_band: SalaryBand | None = None
    pay_note: str = ""
    pay_change: BandChange | None = None  # from your band; None: either band unknown
    # The gaps, as the next tier measures them: any one of each group, years, education.
    missing_certifications: tuple[RequirementGroup, ...] = ()
    missing_years: int = 0
    missing_education: str | None = None
    missing_education_name: str = ""
    recommended_certifications: tuple[CertificationRef, ...] = ()

    @property
    def pay_cut(self) -> bool:
        return is_pay_cut(self.pay_change)


def is_pay_cut(change: BandChange | PayChange | None) -> bool:
    """A move that pays less: both ends of its band below yours."""
    return change is not None and change.high < 0 and change.low < 0


class RouteStep(Frozen):
    """One move on the way to a goal role, and what it still asks of you."""

    role: RoleRef
    stage_name: str
    track_name: str
    move: str  # promotion, lateral, pivot, first-job
    years_needed: int  # years of experience still to gain before this step (from today)
    earliest: date | None  # the first month it could be reached; None: no date to count from
    missing_certifications: tuple[RequirementGroup, ...] = ()  # not already listed on the way
    recommended_certifications: tuple[CertificationRef, ...] = ()
    missing_education: str | None = None  # not already listed on the way
    missing_education_name: str = ""
    salary_band: SalaryBand | None = None
    pay_change: BandChange | None = None  # from the step before (your band for the first)
    note: str = ""  # the move's note in the catalog
    profile: RoleProfile | None = None  # what the job is (O*NET) and its outlook (BLS)

    @property
    def pay_cut(self) -> bool:
        return is_pay_cut(self.pay_change)


class FeeRange(Frozen):
    low: int
    high: int


class Route(Frozen):
    """The fewest moves from where you stand to the role you aim at (`route`)."""

    target: RoleRef
    reachable: bool
    reason: str | None = None  # why not, when it is not reachable
    steps: tuple[RouteStep, ...] = ()
    total_years: int = 0
    # The confirmed exam fees of the credentials missing on the way: for each group, its
    # cheapest to its dearest confirmed fee. None: no missing group has a confirmed fee.
    exam_fees: FeeRange | None = None
    unpriced: tuple[RequirementGroup, ...] = ()  # missing groups no source gives a fee for
    pay_change: BandChange | None = None  # from your band to the goal's


class Pace(StrEnum):
    DONE = "done"
    ON_TRACK = "on-track"
    BEHIND = "behind"
    PAST_DUE = "past-due"


class TopicRequirement(Frozen):
    credential: CertificationRef
    ceus: int
    topic: str
    status: str
    status_label: str
    source: str


class ShareRequirement(Frozen):
    percent: int
    topic: str
    ceus: int | None  # of this cycle's total, rounded up; None when the total is not known
    since: date | None
    applies: bool | None  # None: no date to compare `since` with
    status: str
    status_label: str
    source: str


class UpkeepFee(Frozen):
    """One fee of keeping a credential, as it would apply to you."""

    label: str
    kind: FeeKind
    amount: Decimal | None  # per period; None: not confirmed
    period: FeePeriod  # a year or a cycle
    period_label: str
    yearly: Decimal | None  # a year's share: a cycle's fee divided by the cycle's years
    further_credential: bool = False  # the amount is what one more credential of a body adds
    note: str = ""
    status: str
    status_label: str
    source: str


class YearlyUpkeep(Frozen):
    """What keeping one more credential costs a year, from its body's renewal fees."""

    body_acronym: str
    cycle_years: int
    yearly_low: Decimal | None  # the lowest and highest a year; None: no fee is confirmed
    yearly_high: Decimal | None
    fees: tuple[UpkeepFee, ...] = ()
    membership_held: bool = False  # a credential of the body is held: its membership is paid
    complete: bool = True  # False: a kind of fee it asks has no confirmed amount at all

    @property
    def known(self) -> bool:
        return self.yearly_low is not None


class FeeDue(Frozen):
    fee: RenewalFee
    total: Decimal | None = None  # with the further credentials held, when the fee adds per one
    credentials: int = 1


class Replacement(Frozen):
    replaced: CertificationRef
    by: CertificationRef


class CycleProgress(Frozen):
    due: date | None = None
    months_left: int | None = None  # counting the due month; 0 or less: the cycle has ended
    ceus_earned: int | None = None
    ceus_remaining: int | None = None
    ceus_per_month: int | None = None  # to finish by the end of the due month
    expected_by_now: int | None = None  # at an even pace through the cycle
    pace: Pace | None = None
    beyond_one_cycle: bool = False  # the due month is further away than one cycle


class BodyUpkeep(Frozen):
    body: str
    body_acronym: str
    body_name: str
    credentials: tuple[CertificationRef, ...]  # those whose CEUs are kept up
    replaced: tuple[Replacement, ...] = ()
    cycle_years: int | None  # None: the catalog has no renewal rule for this body
    ceus_required: int | None  # None: not confirmed
    basis: str = ""  # how the total was counted, in words
    topic_requirements: tuple[TopicRequirement, ...] = ()
    shares: tuple[ShareRequirement, ...] = ()
    fees: tuple[FeeDue, ...] = ()
    progress: CycleProgress = CycleProgress()
    notes: str = ""
    status: str = ""
    status_label: str = ""
    source: str = ""


class ApprenticeStatus(Frozen):
    designations: tuple[str, ...]  # e.g. ("CPC-A",)
    years_required: int
    met: bool
    route: str | None  # which route is met: "experience", "experience+course", ...
    route_label: str = ""
    years_remaining: int = 0
    earliest: date | None = None  # the month the experience reaches the requirement
    credits_done: tuple[ApprenticeCredit, ...] = ()
    credits_open: tuple[ApprenticeCredit, ...] = ()  # could still shorten the wait
    status: str = ""
    status_label: str = ""
    source: str = ""


class CredentialUpkeep(Frozen):
    as_of: date | None = None  # the month the timing counts from
    bodies: tuple[BodyUpkeep, ...] = ()
    apprentice: ApprenticeStatus | None = None

    @property
    def shown(self) -> bool:
        return bool(self.bodies or self.apprentice)

    @property
    def due_dates(self) -> tuple[BodyUpkeep, ...]:
        return tuple(b for b in self.bodies if b.progress.due)


class Plan(Frozen):
    assessment: Assessment
    catalog_version: str
    position: Position
    readiness: tuple[MilestoneStatus, ...]
    readiness_stage_name: str = ""
    next_roles: tuple[NextRole, ...]
    next_roles_note: str = ""
    recommended_certifications: tuple[CredentialAdvice, ...]
    held_credential_notes: tuple[str, ...] = ()
    alternatives: tuple[Alternative, ...]
    credentials_held: int = 0
    credential_count_salaries: tuple[CredentialCountSalary, ...] = ()
    resume_metrics: tuple[ResumeMetric, ...]
    skills: tuple[StageSkill, ...] = ()
    credential_upkeep: CredentialUpkeep | None = None  # None: shared before it existed
    route: Route | None = None  # None: no goal role was chosen


CredentialAdvice.model_rebuild()  # its upkeep is a model defined after it
