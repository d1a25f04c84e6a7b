"""The rules of career progression for medical coders, in one place.

Pure domain code: pydantic models in (a `Catalog` and an `Assessment`), pydantic models out (a
`Plan`). It imports nothing from Django and names no role, credential or dollar figure: every
fact comes from the catalog, which the database holds and `careerpath.catalog` reads.

The rules, in the order a plan is built:
1. Where you stand: the stage of your role, or, without a role, the stage your years of
   experience reach (a stage lasts until the next one begins, so every year falls in exactly
   one); no role and no experience means no stage yet. Pay is a band of BLS percentiles in the
   current OEWS release: a role's band is its own occupation's, over the role's own span of
   percentiles or, without one, its stage's span; without a role, the stage's band.
2. Readiness: the milestones of your stage, each checked against what you told us.
3. The next tier: the roles your role leads to by promotion or lateral move (without a role, the
   roles of the next stage; a newcomer's next tier is a first coding job). Each is measured
   against its requirements: every required group of credentials needs any one of its members,
   plus the typical years and the minimum education. Ranked: within reach first, then the
   fewest gaps, then your chosen track.
4. Credentials: every credential you do not hold that a next-tier role requires or recommends,
   ranked by how many roles it unlocks (required) and strengthens (recommended), with whether
   you can sit for it now (open, not yet, or depending on what your answers do not say, such
   as an education not given or years in a role) and what an apprentice designation would
   mean for you. What it costs: the exam fee once, and a yearly upkeep from its body's renewal
   fees (no new membership for a body you already belong to); the months the pay change takes
   to pay the exam fee back, net of the upkeep where that is known.
5. Alternatives: the pivots open from your role, and what to quantify on a resume at your stage.
6. Keeping credentials: for the credentials held, each body's CEUs per cycle, where you are in
   the cycle, the fees, and how an apprentice designation comes off (its own section below).
"""

from __future__ import annotations

import math
import re
from datetime import date
from decimal import Decimal
from enum import StrEnum
from itertools import pairwise
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

PERCENTILES = (10, 25, 50, 75, 90)
MEDIAN = 50


class Frozen(BaseModel):
    """A value of the domain: immutable, and no field that the code does not name."""

    model_config = ConfigDict(frozen=True, extra="forbid")


# --- The catalog, as the planner sees it -----------------------------------------------------


class EducationLevel(Frozen):
    slug: str
    name: str
    rank: int


class Stage(Frozen):
    slug: str
    name: str
    order: int
    min_years: int
    max_years: int | None  # the year before the next stage begins (None: the last stage)
    occupation: str | None = None  # the SOC code whose percentiles the stage's band spans
    percentile_low: int
    percentile_high: int
    focus: str
    timeline_label: str
    summary: str = ""

    @property
    def years_label(self) -> str:
        """The stage's span of experience as people say it: "3-5 years", "7+ years"."""
        if self.max_years is None:
            return f"{self.min_years}+ years"
        return f"{self.min_years}-{self.max_years} years"


class Track(Frozen):
    slug: str
    name: str
    order: int


class Fact(Frozen):
    topic: str
    label: str
    value: str
    status: str
    status_label: str
    source: str


class EligibilityRoute(Frozen):
    education: str | None = None
    min_years: int | None = None  # with a current role: years in that role
    credentials: tuple[str, ...] = ()
    current_role: str | None = None  # the route asks current work in this role
    note: str = ""
    status: str = ""


class ExamFee(Frozen):
    """A credential's exam fee range in dollars, as a source confirms it."""

    low: int
    high: int
    status: str
    status_label: str = ""
    source: str
    note: str = ""


class CredentialCountSalary(Frozen):
    """A published average salary of a group of members by the number of credentials they hold."""

    survey: str
    survey_year: int
    year_inferred: bool = False
    group: str
    credentials: int | None = None  # None: any number
    or_more: bool = False
    average: int
    measure: str  # "member self-reported average"
    status: str
    status_label: str = ""
    source: str

    def counts(self, held: int) -> bool:
        """Whether someone holding `held` credentials belongs to this group."""
        if self.credentials is None:
            return held > 0
        return held >= self.credentials if self.or_more else held == self.credentials


class SpecialtyTerm(Frozen):
    """A word or phrase for a specialty, and the credentials that certify it."""

    term: str
    certifications: tuple[str, ...]


class CertificationRef(Frozen):
    slug: str
    acronym: str
    name: str


class Certification(Frozen):
    slug: str
    acronym: str
    name: str
    body: str
    body_acronym: str
    body_name: str
    is_specialty: bool = False
    apprentice_designation: str = ""
    apprentice_years: int | None = None
    apprentice_removal: str = ""
    facts: tuple[Fact, ...] = ()
    eligibility: tuple[EligibilityRoute, ...] = ()
    exam_fee: ExamFee | None = None  # None: no source confirms it
    renewal: CredentialRenewal | None = None

    @property
    def ref(self) -> CertificationRef:
        return CertificationRef(slug=self.slug, acronym=self.acronym, name=self.name)


class Requirement(Frozen):
    kind: str  # "required" or "recommended"
    certifications: tuple[str, ...]
    note: str = ""


class Role(Frozen):
    slug: str
    title: str
    stage: str
    track: str
    summary: str = ""
    min_years: int = 0
    education: str | None = None
    education_note: str = ""
    requirements: tuple[Requirement, ...] = ()
    occupation: str | None = None  # the SOC code BLS counts the role in; None: no BLS figure
    percentile_low: int | None = None  # the role's span of the occupation; None: the stage's
    percentile_high: int | None = None
    pay_note: str = ""  # why this occupation and span
    pay_source: str = ""
    pivot_from_any: bool = False  # a pivot open from every role of the other tracks


class Transition(Frozen):
    from_role: str
    to_role: str
    kind: str  # promotion, lateral, pivot
    note: str = ""


class MilestoneCheck(StrEnum):
    ACCURACY = "accuracy"
    AUDITS = "audits"
    SPECIALTY = "specialty"
    YEARS = "years"
    CREDENTIAL = "credential"
    EDUCATION = "education"


class Milestone(Frozen):
    slug: str
    stage: str
    title: str
    description: str
    check: MilestoneCheck
    threshold: int | None = None
    certifications: tuple[str, ...] = ()
    education: str | None = None


class StageSkill(Frozen):
    stage: str
    category: str
    category_label: str
    text: str


class ResumeMetric(Frozen):
    stage: str
    text: str
    example: str = ""


class OccupationRef(Frozen):
    soc_code: str
    title: str


class WageDistribution(Frozen):
    """Annual (and hourly) percentiles of one occupation in one release."""

    reference_period: str
    source: str
    occupation: str
    occupation_title: str = ""
    annual: dict[int, int | None]
    hourly: dict[int, Decimal | None] = {}
    annual_mean: int | None = None
    employment: int | None = None

    @property
    def occupation_ref(self) -> OccupationRef:
        return OccupationRef(soc_code=self.occupation, title=self.occupation_title)


class Catalog(Frozen):
    version: str
    educations: tuple[EducationLevel, ...]
    stages: tuple[Stage, ...]
    tracks: tuple[Track, ...]
    roles: tuple[Role, ...]
    certifications: tuple[Certification, ...]
    transitions: tuple[Transition, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    skills: tuple[StageSkill, ...] = ()
    resume_metrics: tuple[ResumeMetric, ...] = ()
    specialty_terms: tuple[SpecialtyTerm, ...] = ()
    credential_count_salaries: tuple[CredentialCountSalary, ...] = ()
    wages: dict[str, WageDistribution] = {}  # SOC code -> its wages in the current release
    renewal_rules: tuple[RenewalRule, ...] = ()
    apprentice_credits: tuple[ApprenticeCredit, ...] = ()
    # Built from the fields when the catalog is made (and again for a changed copy).
    _lookups: CatalogLookups = PrivateAttr()

    def model_post_init(self, context) -> None:
        self._lookups = CatalogLookups(self)
        self._lookups.add_bands(self)

    def model_copy(self, *, update=None, deep=False) -> Catalog:
        """A changed catalog is a new catalog: validated, with its lookups built again."""
        return type(self).model_validate({**self.__dict__, **(update or {})})

    @model_validator(mode="after")
    def stages_follow_each_other(self):
        # Each stage ends the year before the next begins, so every year falls in one stage and
        # the label shown ("3-6 years") is the span the rules use.
        ordered = sorted(self.stages, key=lambda s: s.min_years)
        for stage, following in pairwise([*ordered, None]):
            end = following.min_years - 1 if following else None
            if stage.max_years != end:
                raise ValueError(
                    f"stage {stage.slug} ends at {stage.max_years}, not {end}, the year before "
                    "the next stage begins"
                )
        return self

    def role(self, slug: str | None) -> Role | None:
        return self._lookups.roles.get(slug)

    def stage(self, slug: str | None) -> Stage | None:
        return self._lookups.stages.get(slug)

    def certification(self, slug: str) -> Certification | None:
        return self._lookups.certifications.get(slug)

    def education_rank(self, slug: str | None) -> int:
        level = self._lookups.educations.get(slug)
        return level.rank if level else 0

    def education_name(self, slug: str | None) -> str:
        level = self._lookups.educations.get(slug)
        return level.name if level else ""

    def role_band(self, slug: str) -> SalaryBand | None:
        return self._lookups.role_bands.get(slug)

    def stage_band(self, slug: str) -> SalaryBand | None:
        return self._lookups.stage_bands.get(slug)

    def track_name(self, slug: str) -> str:
        return self._lookups.track_names.get(slug, slug)

    def stage_wages(self) -> WageDistribution | None:
        """The wages of the occupation the career stages are drawn on (the first stage's)."""
        stage = min((s for s in self.stages if s.occupation), key=lambda s: s.order, default=None)
        return self.wages.get(stage.occupation) if stage else None

    def renewal_rule(self, body: str) -> RenewalRule | None:
        return next((r for r in self.renewal_rules if r.body == body), None)


class CatalogLookups:
    """What a catalog is looked up by, built once when the catalog is made: rows by slug, the
    specialty terms in their normalised form, and each role's and stage's pay band (a band
    depends only on the catalog). Nothing here depends on an assessment."""

    def __init__(self, catalog: Catalog):
        self.roles = {r.slug: r for r in catalog.roles}
        self.stages = {s.slug: s for s in catalog.stages}
        self.certifications = {c.slug: c for c in catalog.certifications}
        self.educations = {e.slug: e for e in catalog.educations}
        self.track_names = {t.slug: t.name for t in catalog.tracks}
        self.specialty_terms = tuple(
            (normalise(t.term), t.term, t.certifications) for t in catalog.specialty_terms
        )
        self.stage_bands: dict[str, SalaryBand | None] = {}
        self.role_bands: dict[str, SalaryBand | None] = {}

    def add_bands(self, catalog: Catalog) -> None:
        """Each stage's and role's band (worked out with the lookups above in place)."""
        self.stage_bands = {
            s.slug: stage_percentile_band(catalog, s) for s in catalog.stages if s.occupation
        }
        self.role_bands = {r.slug: role_percentile_band(catalog, r) for r in catalog.roles}


def role_ref(role: Role) -> RoleRef:
    """A reference to a role: its slug and title."""
    return RoleRef(slug=role.slug, title=role.title)


# --- The assessment ----------------------------------------------------------------------------


class Assessment(Frozen):
    """What a coder tells us about themselves. Slugs have been checked against the catalog."""

    role: str | None = None
    years: Annotated[int, Field(ge=0, le=50)] = 0
    certifications: frozenset[str] = frozenset()
    education: str | None = None
    track: str | None = None
    accuracy: Annotated[int | None, Field(ge=0, le=100)] = None
    audits: bool = False
    specialty: Annotated[str, Field(max_length=100)] = ""
    cycles: tuple[CycleAnswer, ...] = ()  # one per body at most
    apprentice_credits: frozenset[str] = frozenset()  # kinds completed, e.g. "course"

    def cycle(self, body: str) -> CycleAnswer | None:
        return next((c for c in self.cycles if c.body == body), None)


# --- The plan ----------------------------------------------------------------------------------


class RoleRef(Frozen):
    slug: str
    title: str


class SalaryBand(Frozen):
    """A span of one occupation's percentiles in dollars, in one release."""

    low: int
    high: int
    low_percentile: int
    high_percentile: int
    median: int | None
    reference_period: str
    source: str
    occupation: OccupationRef


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
    eligible_now: bool | None  # None: it depends, or no eligibility rule is known
    eligibility: Eligibility = Eligibility.NOT_CONFIRMED
    eligibility_depends_on: tuple[str, ...] = ()  # what the answers do not say
    eligibility_notes: tuple[str, ...] = ()
    apprentice_note: str = ""
    facts: tuple[Fact, ...] = ()
    specialty_terms: tuple[str, ...] = ()  # the catalog's terms found in your specialty
    same_body: bool = False  # you already hold a credential of its issuing body
    exam_fee: ExamFee | None = None
    pay_change: PayChange | None = None
    upkeep: YearlyUpkeep | None = None  # None: the catalog holds no upkeep fee of its body
    payback_months: PayChange | None = None  # fastest and slowest, when fee and gain are known
    payback_net: bool = False  # the payback counts the yearly upkeep (it is known)
    reason: str = ""  # one sentence: why it stands where it stands

    @property
    def leads_to(self) -> tuple[RoleRef, ...]:
        return leads_to(self.unlocks, self.strengthens)


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
    # The gaps, as the next tier measures them: any one of each group, years, education.
    missing_certifications: tuple[RequirementGroup, ...] = ()
    missing_years: int = 0
    missing_education_name: str = ""


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


# --- The rules ---------------------------------------------------------------------------------


def build_plan(catalog: Catalog, assessment: Assessment, today: date | None = None) -> Plan:
    """Build the whole plan for one assessment against one catalog, as of `today` (the
    renewal cycles need a date; without one they show the rules but no timing)."""
    role = catalog.role(assessment.role)
    stage = current_stage(catalog, assessment)
    focus_stage = stage or first_stage(catalog)
    next_roles, next_note = next_tier(catalog, assessment, stage)
    return Plan(
        assessment=assessment,
        catalog_version=catalog.version,
        position=position(catalog, assessment, stage),
        readiness=tuple(
            milestone_status(catalog, assessment, m)
            for m in catalog.milestones
            if focus_stage and m.stage == focus_stage.slug
        ),
        readiness_stage_name=focus_stage.name if focus_stage else "",
        next_roles=next_roles,
        next_roles_note=next_note,
        recommended_certifications=credential_advice(catalog, assessment, next_roles),
        held_credential_notes=held_credential_notes(catalog, assessment),
        alternatives=alternatives(catalog, assessment, role, stage, next_roles),
        credentials_held=len(assessment.certifications),
        credential_count_salaries=catalog.credential_count_salaries,
        resume_metrics=tuple(
            m for m in catalog.resume_metrics if focus_stage and m.stage == focus_stage.slug
        ),
        skills=tuple(s for s in catalog.skills if focus_stage and s.stage == focus_stage.slug),
        credential_upkeep=credential_upkeep(catalog, assessment, today),
    )


def first_stage(catalog: Catalog) -> Stage | None:
    """The earliest career stage: where a newcomer's first job sits."""
    return min(catalog.stages, key=lambda s: s.order, default=None)


def stage_for_years(catalog: Catalog, years: int) -> Stage | None:
    """The stage whose span holds the years: the latest to begin at or before them."""
    reached = [s for s in catalog.stages if s.min_years <= years]
    return max(reached, key=lambda s: s.min_years, default=None)


def current_stage(catalog: Catalog, assessment: Assessment) -> Stage | None:
    """The stage of the role held; without a role, the stage the years reach; else none yet."""
    role = catalog.role(assessment.role)
    if role:
        return catalog.stage(role.stage)
    if assessment.years == 0:
        return None
    return stage_for_years(catalog, assessment.years)


def following_stage(catalog: Catalog, stage: Stage | None) -> Stage | None:
    """The stage after `stage` (the first stage when there is none yet)."""
    if stage is None:
        return first_stage(catalog)
    later = [s for s in catalog.stages if s.order > stage.order]
    return min(later, key=lambda s: s.order, default=None)


def percentile_band(wages: WageDistribution | None, low: int, high: int) -> SalaryBand | None:
    """The dollars between two percentiles of one occupation; None if either is unpublished."""
    if wages is None:
        return None
    low_dollars, high_dollars = wages.annual.get(low), wages.annual.get(high)
    if low_dollars is None or high_dollars is None:
        return None
    return SalaryBand(
        low=low_dollars,
        high=high_dollars,
        low_percentile=low,
        high_percentile=high,
        median=wages.annual.get(MEDIAN),
        reference_period=wages.reference_period,
        source=wages.source,
        occupation=wages.occupation_ref,
    )


def salary_band(catalog: Catalog, stage: Stage | None) -> SalaryBand | None:
    """The stage's percentile band of its occupation, current release; None if not published."""
    if stage is None:
        return None
    return catalog.stage_band(stage.slug)


def stage_percentile_band(catalog: Catalog, stage: Stage) -> SalaryBand | None:
    """A stage's band worked out from the catalog's wages (`salary_band` looks it up)."""
    return percentile_band(
        catalog.wages.get(stage.occupation), stage.percentile_low, stage.percentile_high
    )


def role_span(catalog: Catalog, role: Role) -> tuple[int, int] | None:
    """The span of its occupation's percentiles a role's band covers: its own, or its stage's.

    None for a role no BLS occupation describes: it never borrows another occupation's band.
    """
    stage = catalog.stage(role.stage)
    if role.occupation is None or stage is None:
        return None
    if role.percentile_low is None or role.percentile_high is None:
        return stage.percentile_low, stage.percentile_high
    return role.percentile_low, role.percentile_high


def role_band(catalog: Catalog, role: Role) -> SalaryBand | None:
    """The role's band: its own occupation's dollars over the role's span, current release."""
    return catalog.role_band(role.slug)


def role_percentile_band(catalog: Catalog, role: Role) -> SalaryBand | None:
    """A role's band worked out from the catalog's wages (`role_band` looks it up)."""
    span = role_span(catalog, role)
    if span is None:
        return None
    return percentile_band(catalog.wages.get(role.occupation), *span)


def roles_by_occupation(catalog: Catalog) -> dict[str, tuple[RolePay, ...]]:
    """Every role with a BLS occupation, grouped by its SOC code, in catalog order."""
    grouped: dict[str, list[RolePay]] = {}
    for role in catalog.roles:
        span = role_span(catalog, role)
        if span is not None:
            grouped.setdefault(role.occupation, []).append(
                RolePay(
                    role=RoleRef(slug=role.slug, title=role.title),
                    low_percentile=span[0],
                    high_percentile=span[1],
                )
            )
    return {code: tuple(pays) for code, pays in grouped.items()}


def band_change(band: SalaryBand | None, current: SalaryBand | None) -> BandChange | None:
    """How a band differs from yours in dollars; it names your occupation when they differ."""
    if band is None or current is None:
        return None
    return BandChange(
        low=band.low - current.low,
        high=band.high - current.high,
        from_occupation=current.occupation if current.occupation != band.occupation else None,
    )


def median_relation(band: SalaryBand | None) -> MedianRelation | None:
    """Where the occupation's median sits against a band: below, within or above it."""
    if band is None or band.median is None:
        return None
    if band.median < band.low:
        return MedianRelation.BELOW_BAND
    if band.median > band.high:
        return MedianRelation.ABOVE_BAND
    return MedianRelation.WITHIN_BAND


def position(catalog: Catalog, assessment: Assessment, stage: Stage | None) -> Position:
    """Where the person stands: stage, role, pay band and notes on inconsistent answers."""
    role = catalog.role(assessment.role)
    band = role_band(catalog, role) if role else salary_band(catalog, stage)
    return Position(
        stage=stage.slug if stage else None,
        stage_name=stage.name if stage else "Not started yet",
        stage_years=stage.years_label if stage else "",
        role=role_ref(role) if role else None,
        salary_band=band,
        median_relation=median_relation(band),
        pay_note=role.pay_note if role and band else "",
        notes=consistency_notes(catalog, assessment, role, stage),
    )


def consistency_notes(
    catalog: Catalog, assessment: Assessment, role: Role | None, stage: Stage | None
) -> tuple[str, ...]:
    """Plain notes where the answers do not fit together; the plan is still built."""
    notes = []
    years = assessment.years
    if role and stage:
        if years < stage.min_years:
            notes.append(
                f"{role.title} is a {stage.name.lower()} role, which usually comes after "
                f"{stage.years_label} of coding experience; you entered {years}. The plan uses "
                "the role you chose."
            )
        elif stage.max_years is not None and years > stage.max_years:
            reached = stage_for_years(catalog, years)
            if reached and reached.order > stage.order:
                notes.append(
                    f"With {years} years of experience you are past the usual "
                    f"{stage.years_label} of the {stage.name.lower()} stage: the next-tier roles "
                    "below may be closer than they look."
                )
    if role and years < role.min_years and not (stage and years < stage.min_years):
        notes.append(
            f"{role.title} usually asks for {role.min_years} years of experience; you entered "
            f"{years}."
        )
    for slug in sorted(assessment.certifications):
        cert = catalog.certification(slug)
        if (
            cert
            and cert.eligibility
            and all(
                route_status(catalog, assessment, r, ignore=cert.slug)[0] is False
                for r in cert.eligibility
            )
        ):
            notes.append(
                f"You hold the {cert.acronym}, but none of its eligibility routes matches what you "
                "entered (education, years or credentials): check those answers."
            )
    return tuple(notes)


def milestone_status(
    catalog: Catalog, assessment: Assessment, milestone: Milestone
) -> MilestoneStatus:
    """Whether one milestone of the stage is met; None where the assessment did not say."""
    met: bool | None
    match milestone.check:
        case MilestoneCheck.ACCURACY:
            if assessment.accuracy is None:
                met, detail = None, "Enter your coding accuracy to check this."
            else:
                met = assessment.accuracy >= (milestone.threshold or 0)
                detail = f"Your accuracy: {assessment.accuracy}% (target {milestone.threshold}%)."
        case MilestoneCheck.AUDITS:
            met = assessment.audits
            detail = "You have taken part in coding audits." if met else "No audit work yet."
        case MilestoneCheck.SPECIALTY:
            met = bool(assessment.specialty.strip())
            detail = f"Specialty: {assessment.specialty}." if met else "No specialty named yet."
        case MilestoneCheck.YEARS:
            met = assessment.years >= (milestone.threshold or 0)
            detail = f"{assessment.years} of {milestone.threshold} years."
        case MilestoneCheck.CREDENTIAL:
            held = [c for c in milestone.certifications if c in assessment.certifications]
            met = bool(held)
            names = acronyms(catalog, held or milestone.certifications)
            detail = f"You hold {names}." if met else f"Any one of: {names}."
        case MilestoneCheck.EDUCATION:
            met = catalog.education_rank(assessment.education) >= catalog.education_rank(
                milestone.education
            )
            detail = f"Needs {catalog.education_name(milestone.education).lower()} or higher."
    return MilestoneStatus(
        slug=milestone.slug,
        title=milestone.title,
        description=milestone.description,
        met=met,
        detail=detail,
    )


def acronyms(catalog: Catalog, slugs) -> str:
    """The credentials' acronyms, comma-separated, in the order given."""
    found = [catalog.certification(s) for s in slugs]
    return ", ".join(c.acronym for c in found if c)


def refs(catalog: Catalog, slugs) -> tuple[CertificationRef, ...]:
    """References to the credentials named by `slugs` that the catalog holds."""
    found = (catalog.certification(s) for s in slugs)
    return tuple(c.ref for c in found if c)


def next_tier_candidates(
    catalog: Catalog, assessment: Assessment, stage: Stage | None
) -> list[tuple[Role, str]]:
    """The roles one step up, with the move that gets there.

    From a role: the roles its transitions lead to; pivots count only when their track is the
    one chosen. Without a role: the roles of the next stage (a newcomer's next tier is a first
    coding job; someone senior without a named role sees the senior roles), leaving out roles
    that are only ever reached by a pivot unless their track is the one chosen.
    """
    role = catalog.role(assessment.role)
    if role:
        moves = [
            (catalog.role(t.to_role), t.kind)
            for t in catalog.transitions
            if t.from_role == role.slug and (t.kind != "pivot" or assessment.track)
        ]
        moves = [(r, kind) for r, kind in moves if r]
        if assessment.track:
            reached = {r.slug for r, _ in moves}
            moves += [(r, "pivot") for r in open_pivots(catalog, role) if r.slug not in reached]
            return [(r, k) for r, k in moves if k != "pivot" or r.track == assessment.track]
        return moves
    target = following_stage(catalog, stage) or stage
    move = "first-job" if stage is None else "next-stage"
    reached_by_step = {t.to_role for t in catalog.transitions if t.kind != "pivot"}
    pivots = {t.to_role for t in catalog.transitions if t.kind == "pivot"}
    pivots |= {r.slug for r in catalog.roles if r.pivot_from_any}
    pivot_only = pivots - reached_by_step
    return [
        (r, move)
        for r in catalog.roles
        if target
        and r.stage == target.slug
        and (r.slug not in pivot_only or r.track == assessment.track)
    ]


def next_tier(
    catalog: Catalog, assessment: Assessment, stage: Stage | None
) -> tuple[tuple[NextRole, ...], str]:
    """The next-tier roles, ranked, filtered by the target track when one is chosen."""
    current = catalog.role(assessment.role)
    current_band = role_band(catalog, current) if current else salary_band(catalog, stage)
    candidates = next_tier_candidates(catalog, assessment, stage)
    note = ""
    if assessment.track:
        on_track = [(r, m) for r, m in candidates if r.track == assessment.track]
        if on_track:
            candidates = on_track
        elif candidates:
            note = (
                f"No {catalog.track_name(assessment.track).lower()} role is one step up from "
                "where you are; these roles are the next step on the way there."
            )
    measured = [
        measure_role(catalog, assessment, role, move, current_band) for role, move in candidates
    ]
    stage_order = {s.slug: s.order for s in catalog.stages}
    track_order = {t.slug: t.order for t in catalog.tracks}
    measured.sort(
        key=lambda n: (
            not n.ready,
            len(n.missing_certifications) + (n.missing_years > 0) + bool(n.missing_education),
            n.missing_years,
            stage_order.get(n.stage, 0),
            track_order.get(n.track, 0),
            n.role.title,
        )
    )
    return tuple(measured), note


def measure_role(
    catalog: Catalog,
    assessment: Assessment,
    role: Role,
    move: str,
    current_band: SalaryBand | None,
) -> NextRole:
    """What is met and what is missing for one role: the credentials it requires (any one of
    each group) and recommends, its years and its education, and how its band differs from
    yours (`current_band`)."""
    held = assessment.certifications
    missing, met, recommended = [], [], []
    for requirement in role.requirements:
        holding = next((c for c in requirement.certifications if c in held), None)
        if requirement.kind == "required":
            group = RequirementGroup(
                certifications=refs(catalog, requirement.certifications),
                held=catalog.certification(holding).ref if holding else None,
                note=requirement.note,
            )
            (met if holding else missing).append(group)
        elif not holding:
            recommended.extend(
                c for c in refs(catalog, requirement.certifications) if c not in recommended
            )
    missing_years = max(0, role.min_years - assessment.years)
    lacks_education = catalog.education_rank(assessment.education) < catalog.education_rank(
        role.education
    )
    band = role_band(catalog, role)
    stage = catalog.stage(role.stage)
    return NextRole(
        role=role_ref(role),
        stage=role.stage,
        stage_name=stage.name if stage else role.stage,
        track=role.track,
        track_name=catalog.track_name(role.track),
        move=move,
        ready=not missing and not missing_years and not lacks_education,
        missing_certifications=tuple(missing),
        met_certifications=tuple(met),
        recommended_certifications=tuple(recommended),
        missing_years=missing_years,
        required_years=role.min_years,
        missing_education=role.education if lacks_education else None,
        missing_education_name=catalog.education_name(role.education) if lacks_education else "",
        required_education_name=catalog.education_name(role.education),
        education_note=role.education_note,
        salary_band=band,
        band_change=band_change(band, current_band),
        pay_note=role.pay_note,
        on_target_track=not assessment.track or role.track == assessment.track,
    )


def route_status(
    catalog: Catalog, assessment: Assessment, route: EligibilityRoute, ignore: str = ""
) -> tuple[bool | None, tuple[str, ...]]:
    """Whether one eligibility route is open to the person assessed.

    True: open; False: an answer rules it out; None: it may be open, and the second value says
    what it depends on that the answers do not say (education not given, years in a role).
    """
    depends_on = []
    if route.education:
        if assessment.education is None:
            depends_on.append(
                f"your education ({catalog.education_name(route.education).lower()} or higher)"
            )
        elif catalog.education_rank(assessment.education) < catalog.education_rank(route.education):
            return False, ()
    if route.min_years is not None and assessment.years < route.min_years:
        return False, ()
    if route.current_role:
        if assessment.role != route.current_role:
            return False, ()
        if route.min_years:
            # The plan knows your years of experience, not how many of them were in this role.
            role = catalog.role(route.current_role)
            title = role.title if role else route.current_role
            depends_on.append(f"{route.min_years} years as {title}")
    credentials = [c for c in route.credentials if c != ignore]
    if credentials and not any(c in assessment.certifications for c in credentials):
        return False, ()
    return (None, tuple(depends_on)) if depends_on else (True, ())


def eligibility(
    catalog: Catalog, assessment: Assessment, cert: Certification
) -> tuple[Eligibility, tuple[str, ...]]:
    """Whether you can sit for a credential now, and what that depends on when unsure."""
    if not cert.eligibility:
        return Eligibility.NOT_CONFIRMED, ()
    results = [route_status(catalog, assessment, route) for route in cert.eligibility]
    if any(met for met, _ in results):
        return Eligibility.OPEN, ()
    depends_on = tuple(dict.fromkeys(d for met, why in results if met is None for d in why))
    return (Eligibility.DEPENDS, depends_on) if depends_on else (Eligibility.NOT_YET, ())


def describe_route(catalog: Catalog, route: EligibilityRoute, with_note: bool = True) -> str:
    """One eligibility route in words: education, credentials, years, and its note."""
    parts = []
    if route.current_role:
        role = catalog.role(route.current_role)
        parts.append(f"working now as {role.title if role else route.current_role}")
    if route.education:
        parts.append(catalog.education_name(route.education).lower() + " or higher")
    if route.credentials:
        parts.append("one of " + acronyms(catalog, route.credentials))
    if route.min_years:
        where = " in that role" if route.current_role else " of experience"
        parts.append(f"{route.min_years} years{where}")
    text = " + ".join(parts) if parts else "open to all"
    return f"{text}: {route.note}" if route.note and with_note else text


def normalise(text: str) -> str:
    """Lower case, punctuation as spaces, single spaces: "E/M" and "e-m" read alike."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def specialty_matches(catalog: Catalog, specialty: str) -> dict[str, tuple[str, ...]]:
    """The credentials whose terms appear in the specialty, as whole words, and those terms."""
    if not specialty:
        return {}
    text = f" {normalise(specialty)} "
    found: dict[str, list[str]] = {}
    for words, term, certifications in catalog._lookups.specialty_terms:
        if words and f" {words} " in text:
            for slug in certifications:
                found.setdefault(slug, []).append(term)
    return {slug: tuple(terms) for slug, terms in found.items()}


def pay_change(roles: tuple[RoleRef, ...], next_roles: tuple[NextRole, ...]) -> PayChange | None:
    """The span of band changes of the roles given (their own occupations); None if unknown."""
    changes = [n.band_change for n in next_roles if n.role in roles and n.band_change]
    if not changes:
        return None
    # A band can move its ends by different amounts: the change runs from the smallest to the
    # largest move of either end, so it always reads low to high.
    moves = [amount for c in changes for amount in (c.low, c.high)]
    return PayChange(low=min(moves), high=max(moves))


def payback_months(
    fee: ExamFee | None, change: PayChange | None, upkeep: YearlyUpkeep | None = None
) -> PayChange | None:
    """Months of the pay change that pay back the exam fee, fastest (lowest fee, largest gain,
    lowest upkeep) to slowest (highest fee, smallest gain, highest upkeep). Where the yearly
    upkeep is known, the gain is net of it. None unless fee and change are known and every
    gain, net of the upkeep, is a rise."""
    if fee is None or change is None:
        return None
    upkeep_low, upkeep_high = (
        (upkeep.yearly_low, upkeep.yearly_high) if upkeep and upkeep.known else (0, 0)
    )
    fastest_gain, slowest_gain = change.high - upkeep_low, change.low - upkeep_high
    if slowest_gain <= 0:
        return None
    return PayChange(
        low=math.ceil(fee.low * 12 / fastest_gain), high=math.ceil(fee.high * 12 / slowest_gain)
    )


def signed_dollars(amount: int) -> str:
    return f"{'-' if amount < 0 else '+'}${abs(amount):,}"


def titles(roles: tuple[RoleRef, ...]) -> str:
    names = [r.title for r in roles]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


ELIGIBILITY_RANK = {
    Eligibility.OPEN: 0,
    Eligibility.DEPENDS: 1,
    Eligibility.NOT_CONFIRMED: 2,
    Eligibility.NOT_YET: 3,
}


def advice_rank(advice: CredentialAdvice, order: int) -> tuple:
    """The ranking, most useful first: your specialty, then a credential a next-tier role
    requires above one it recommends, then whether you can sit for it, the pay change of the
    roles it leads to, a body you already belong to, how many roles it helps, a lower confirmed
    fee; the catalog's own order (never the alphabet) settles what is left."""
    return (
        not advice.specialty_terms,
        not advice.unlocks,
        ELIGIBILITY_RANK[advice.eligibility],
        -(advice.pay_change.high if advice.pay_change else -(10**9)),
        not advice.same_body,
        -(len(advice.unlocks) + len(advice.strengthens)),
        advice.exam_fee.low if advice.exam_fee else 10**9,
        order,
    )


def advice_reason(catalog: Catalog, advice: CredentialAdvice, cert: Certification) -> str:
    """One sentence on why a credential stands where it stands."""
    parts = []
    if advice.specialty_terms:
        parts.append(f"matches your specialty ({', '.join(advice.specialty_terms)})")
    roles = []
    if advice.unlocks:
        roles.append(f"required for {titles(advice.unlocks)}")
    strengthens = tuple(r for r in advice.strengthens if r not in advice.unlocks)
    if strengthens:
        roles.append(f"recommended for {titles(strengthens)}")
    if roles:
        pay = ""
        if advice.pay_change:
            low, high = advice.pay_change.low, advice.pay_change.high
            pay = f" (pay band {signed_dollars(low)} to {signed_dollars(high)} a year)"
        parts.append(" and ".join(roles) + pay)
    match advice.eligibility:
        case Eligibility.OPEN:
            parts.append("you can sit for it now")
        case Eligibility.DEPENDS:
            parts.append(
                "whether you can sit for it now depends on "
                + " and ".join(advice.eligibility_depends_on)
            )
        case Eligibility.NOT_YET:
            # The first published route: the one that would make it yes, said briefly.
            route = describe_route(catalog, cert.eligibility[0], with_note=False)
            parts.append(f"not open to you yet: it asks {route}")
        case Eligibility.NOT_CONFIRMED:
            parts.append("no published eligibility rule is confirmed")
    if advice.same_body:
        parts.append(
            f"one more {cert.body_acronym} credential, on the membership and CEUs you already keep"
        )
    if advice.exam_fee:
        fee = advice.exam_fee
        amount = f"${fee.low:,}" if fee.low == fee.high else f"${fee.low:,} to ${fee.high:,}"
        parts.append(f"exam fee {amount}")
    sentence = "; ".join(parts)
    return sentence[:1].upper() + sentence[1:] + "."


def eligibility_notes(catalog: Catalog, cert: Certification) -> tuple[str, ...]:
    """Each eligibility route of a credential in words."""
    return tuple(describe_route(catalog, r) for r in cert.eligibility)


def credential_advice(
    catalog: Catalog, assessment: Assessment, next_roles: tuple[NextRole, ...]
) -> tuple[CredentialAdvice, ...]:
    """Credentials not yet held that next-tier roles require or recommend, ranked, each with
    the sentence that says why (see `advice_rank`)."""
    unlocks: dict[str, list[RoleRef]] = {}
    strengthens: dict[str, list[RoleRef]] = {}
    for next_role in next_roles:
        for group in next_role.missing_certifications:
            for cert in group.certifications:
                unlocks.setdefault(cert.slug, []).append(next_role.role)
        for cert in next_role.recommended_certifications:
            strengthens.setdefault(cert.slug, []).append(next_role.role)
    matches = specialty_matches(catalog, assessment.specialty)
    held_bodies = {
        c.body for slug in assessment.certifications if (c := catalog.certification(slug))
    }
    order = {c.slug: i for i, c in enumerate(catalog.certifications)}
    ranked = []
    for slug in unlocks.keys() | strengthens.keys():
        cert = catalog.certification(slug)
        if cert is None or slug in assessment.certifications:
            continue
        role_unlocks = tuple(unlocks.get(slug, ()))
        role_strengthens = tuple(strengthens.get(slug, ()))
        advice = advise(
            catalog,
            cert,
            role_unlocks,
            role_strengthens,
            *eligibility(catalog, assessment, cert),
            apprentice_note(cert, assessment.years, held=False),
            matches.get(slug, ()),
            cert.body in held_bodies,
            pay_change(leads_to(role_unlocks, role_strengthens), next_roles),
        )
        ranked.append((advice_rank(advice, order[slug]), advice))
    ranked.sort(key=lambda pair: pair[0])
    return tuple(advice for _, advice in ranked)


def advise(
    catalog: Catalog,
    cert: Certification,
    unlocks: tuple[RoleRef, ...],
    strengthens: tuple[RoleRef, ...],
    status: Eligibility,
    depends_on: tuple[str, ...],
    note: str,
    specialty_terms: tuple[str, ...],
    same_body: bool,
    change: PayChange | None,
) -> CredentialAdvice:
    """The advice on one credential, from what `credential_advice` found for it."""
    upkeep = body_yearly_upkeep(catalog, cert.body, same_body)
    advice = CredentialAdvice(
        certification=cert.ref,
        body_acronym=cert.body_acronym,
        body_name=cert.body_name,
        unlocks=unlocks,
        strengthens=strengthens,
        eligible_now={Eligibility.OPEN: True, Eligibility.NOT_YET: False}.get(status),
        eligibility=status,
        eligibility_depends_on=depends_on,
        eligibility_notes=eligibility_notes(catalog, cert),
        apprentice_note=note,
        facts=cert.facts,
        specialty_terms=specialty_terms,
        same_body=same_body,
        exam_fee=cert.exam_fee,
        pay_change=change,
        upkeep=upkeep,
        payback_months=payback_months(cert.exam_fee, change, upkeep),
        payback_net=bool(upkeep and upkeep.known),
    )
    return advice.model_copy(update={"reason": advice_reason(catalog, advice, cert)})


def apprentice_note(cert: Certification, years: int, held: bool) -> str:
    """The apprentice designation (CPC-A and the like) that applies below the required years."""
    if not cert.apprentice_designation or cert.apprentice_years is None:
        return ""
    if years >= cert.apprentice_years:
        return ""
    prefix = (
        f"Your {cert.acronym} shows as {cert.apprentice_designation}"
        if held
        else f"With {years} years of experience, passing the {cert.acronym} gives "
        f"{cert.apprentice_designation}"
    )
    return (
        f"{prefix} (apprentice) until you show {cert.apprentice_years} years of experience. "
        f"{cert.apprentice_removal}".strip()
    )


def held_credential_notes(catalog: Catalog, assessment: Assessment) -> tuple[str, ...]:
    """Apprentice notes for the credentials held (CPC-A until the years are shown)."""
    notes = []
    for slug in sorted(assessment.certifications):
        cert = catalog.certification(slug)
        if cert:
            note = apprentice_note(cert, assessment.years, held=True)
            if note:
                notes.append(note)
    return tuple(notes)


def open_pivots(catalog: Catalog, role: Role | None) -> list[Role]:
    """The roles a pivot reaches from any role of another track (the article's alternatives)."""
    if role is None:
        return []
    return [r for r in catalog.roles if r.pivot_from_any and r.track != role.track and r != role]


def alternatives(
    catalog: Catalog,
    assessment: Assessment,
    role: Role | None,
    stage: Stage | None,
    next_roles: tuple[NextRole, ...] = (),
) -> tuple[Alternative, ...]:
    """Pivots open from the role held; without a role, the pivots open from the stage's roles.

    A pivot already listed in the next tier (when its track is the one chosen) is not repeated.
    A role open to pivots from any role that is also reached by a promotion or lateral move
    (left out of the next tier by the chosen track) is labelled by that move, not as a pivot.
    """
    if role:
        origins = {role.slug}
    elif stage:
        origins = {r.slug for r in catalog.roles if r.stage == stage.slug}
    else:
        return ()
    seen: dict[str, Alternative] = {}
    moves = [t for t in catalog.transitions if t.kind == "pivot" and t.from_role in origins]
    for origin in sorted(origins):
        moves += [
            Transition(from_role=origin, to_role=r.slug, kind="pivot")
            for r in open_pivots(catalog, catalog.role(origin))
        ]
    steps = {
        t.to_role: t for t in catalog.transitions if t.kind != "pivot" and t.from_role in origins
    }
    listed = {n.role.slug for n in next_roles}
    for transition in moves:
        target = catalog.role(transition.to_role)
        if target is None or target.slug in seen.keys() | listed or target.slug == assessment.role:
            continue
        transition = steps.get(target.slug, transition)
        seen[target.slug] = alternative(catalog, assessment, target, transition)
    return tuple(seen.values())


def alternative(
    catalog: Catalog, assessment: Assessment, target: Role, transition: Transition
) -> Alternative:
    """One other path: the move that reaches `target`, its pay band and what it asks of you."""
    gaps = measure_role(catalog, assessment, target, transition.kind, None)
    return Alternative(
        move=transition.kind,
        missing_certifications=gaps.missing_certifications,
        missing_years=gaps.missing_years,
        missing_education_name=gaps.missing_education_name,
        role=role_ref(target),
        track=target.track,
        track_name=catalog.track_name(target.track),
        note=transition.note or target.summary,
        salary_band=role_band(catalog, target),
        pay_note=target.pay_note,
    )


# --- Comparing roles ---------------------------------------------------------------------------


class RoleSummary(Frozen):
    role: RoleRef
    stage: str
    stage_name: str
    stage_years: str = ""
    track: str
    track_name: str
    min_years: int
    education: str | None
    education_name: str
    required: tuple[tuple[CertificationRef, ...], ...]  # each group: any one of them
    recommended: tuple[CertificationRef, ...]
    salary_band: SalaryBand | None
    pay_note: str = ""
    pay_source: str = ""


class DifferenceKind(StrEnum):
    STAGE = "stage"
    TRACK = "track"
    YEARS = "years"
    EDUCATION = "education"
    REQUIRES = "requires"  # `other` requires `credentials`; `base` does not
    RECOMMENDS = "recommends"  # `other` also recommends `credentials`
    PAY = "pay"  # `other`'s band runs `low_change` / `high_change` dollars from `base`'s
    OCCUPATION = "occupation"  # the two bands come from different BLS occupations
    NO_PAY = "no-pay"  # no BLS figure describes `other`, so pay cannot be compared


class Difference(Frozen):
    """One way two roles differ, as data: the template words it."""

    kind: DifferenceKind
    base: RoleRef
    other: RoleRef
    base_value: str = ""
    other_value: str = ""
    credentials: tuple[CertificationRef, ...] = ()
    low_change: int | None = None
    high_change: int | None = None
    base_occupation: OccupationRef | None = None
    other_occupation: OccupationRef | None = None


class Comparison(Frozen):
    roles: tuple[RoleSummary, ...]
    differences: tuple[Difference, ...]


def summarize_role(catalog: Catalog, role: Role) -> RoleSummary:
    """What a role asks for and pays, names resolved, for role pages and comparisons."""
    stage = catalog.stage(role.stage)
    recommended: list[CertificationRef] = []
    for requirement in role.requirements:
        if requirement.kind != "required":
            recommended.extend(
                c for c in refs(catalog, requirement.certifications) if c not in recommended
            )
    return RoleSummary(
        role=role_ref(role),
        stage=role.stage,
        stage_name=stage.name if stage else role.stage,
        stage_years=stage.years_label if stage else "",
        track=role.track,
        track_name=catalog.track_name(role.track),
        min_years=role.min_years,
        education=role.education,
        education_name=catalog.education_name(role.education),
        required=tuple(
            refs(catalog, r.certifications) for r in role.requirements if r.kind == "required"
        ),
        recommended=tuple(recommended),
        salary_band=role_band(catalog, role),
        pay_note=role.pay_note,
        pay_source=role.pay_source,
    )


def role_differences(base: RoleSummary, other: RoleSummary) -> tuple[Difference, ...]:
    """How `other` differs from `base`: stage, track, years, education, credentials, pay."""
    found: list[Difference] = []

    def differ(
        kind: DifferenceKind, first: RoleSummary = base, second: RoleSummary = other, **values
    ) -> None:
        found.append(Difference(kind=kind, base=first.role, other=second.role, **values))

    if base.stage != other.stage:
        differ(DifferenceKind.STAGE, base_value=base.stage_name, other_value=other.stage_name)
    if base.track != other.track:
        differ(DifferenceKind.TRACK, base_value=base.track_name, other_value=other.track_name)
    if base.min_years != other.min_years:
        differ(
            DifferenceKind.YEARS, base_value=str(base.min_years), other_value=str(other.min_years)
        )
    if base.education != other.education:
        differ(
            DifferenceKind.EDUCATION,
            base_value=base.education_name,
            other_value=other.education_name,
        )
    for group in other.required:
        if group not in base.required:
            differ(DifferenceKind.REQUIRES, credentials=group)
    for group in base.required:
        if group not in other.required:
            differ(DifferenceKind.REQUIRES, other, base, credentials=group)
    extra = tuple(c for c in other.recommended if c not in base.recommended)
    if extra:
        differ(DifferenceKind.RECOMMENDS, credentials=extra)
    if base.salary_band and other.salary_band and base.salary_band != other.salary_band:
        differ(
            DifferenceKind.PAY,
            low_change=other.salary_band.low - base.salary_band.low,
            high_change=other.salary_band.high - base.salary_band.high,
        )
        if base.salary_band.occupation != other.salary_band.occupation:
            differ(
                DifferenceKind.OCCUPATION,
                base_occupation=base.salary_band.occupation,
                other_occupation=other.salary_band.occupation,
            )
    elif base.salary_band and not other.salary_band:
        differ(DifferenceKind.NO_PAY)
    elif other.salary_band and not base.salary_band:
        differ(DifferenceKind.NO_PAY, other, base)
    return tuple(found)


def compare_roles(catalog: Catalog, slugs: list[str]) -> Comparison:
    """Roles side by side, and what differs between the first and each of the others."""
    summaries = tuple(summarize_role(catalog, r) for s in slugs if (r := catalog.role(s)))
    differences = tuple(
        difference
        for other in summaries[1:]
        for difference in role_differences(summaries[0], other)
    )
    return Comparison(roles=summaries, differences=differences)


# --- Comparing credentials ---------------------------------------------------------------------


class CredentialSummary(Frozen):
    """What a credential opens and asks, side by side with another; blanks stay blank."""

    certification: CertificationRef
    body_acronym: str
    body_name: str
    unlocks: tuple[RoleRef, ...]  # roles that require it (it, or another of its group)
    strengthens: tuple[RoleRef, ...]  # roles that recommend it
    eligibility: tuple[str, ...]  # each published route, in words
    exam_format: Fact | None = None
    exam_fee: ExamFee | None = None  # the one-time cost
    upkeep: YearlyUpkeep | None = None  # a year, for a coder who holds none of its body's yet
    cycle_years: int | None = None  # None: the catalog has no renewal rule for its body
    ceus_per_cycle: int | None = None  # held alone; None: not confirmed
    ceus_basis: str = ""
    renewal_status_label: str = ""
    renewal_source: str = ""
    pay_low: int | None = None  # the lowest and highest dollars of the bands of the roles it
    pay_high: int | None = None  # leads to (each its own occupation's), current release
    pay_period: str = ""


def summarize_credential(catalog: Catalog, cert: Certification) -> CredentialSummary:
    """A credential's roles, eligibility, exam, its one-time cost and yearly upkeep, the CEUs of
    a cycle when held alone, and the pay of the roles it opens."""
    unlocks, strengthens = [], []
    for role in catalog.roles:
        for requirement in role.requirements:
            if cert.slug in requirement.certifications:
                target = unlocks if requirement.kind == "required" else strengthens
                ref = RoleRef(slug=role.slug, title=role.title)
                if ref not in target:
                    target.append(ref)
    bands = [
        band
        for role in catalog.roles
        if RoleRef(slug=role.slug, title=role.title) in unlocks + strengthens
        and (band := role_band(catalog, role))
    ]
    facts = {f.topic: f for f in cert.facts}
    rule = catalog.renewal_rule(cert.body)
    ceus, basis = ceus_required(rule, counted_credentials([cert])[0]) if rule else (None, "")
    return CredentialSummary(
        certification=cert.ref,
        body_acronym=cert.body_acronym,
        body_name=cert.body_name,
        unlocks=tuple(unlocks),
        strengthens=tuple(strengthens),
        eligibility=tuple(describe_route(catalog, r) for r in cert.eligibility),
        exam_format=facts.get("exam_format"),
        exam_fee=cert.exam_fee,
        upkeep=yearly_upkeep(rule, body_held=False),
        cycle_years=rule.cycle_years if rule else None,
        ceus_per_cycle=ceus,
        ceus_basis=basis,
        renewal_status_label=rule.status_label if rule else "",
        renewal_source=rule.source if rule else "",
        pay_low=min((b.low for b in bands), default=None),
        pay_high=max((b.high for b in bands), default=None),
        pay_period=bands[0].reference_period if bands else "",
    )


def compare_credentials(catalog: Catalog, slugs: list[str]) -> tuple[CredentialSummary, ...]:
    """Credentials side by side, in the order asked."""
    return tuple(summarize_credential(catalog, c) for s in slugs if (c := catalog.certification(s)))


# --- Stage bands of any release ----------------------------------------------------------------


class StageBand(Frozen):
    """One career stage and its percentile band in dollars in one release (None: not published)."""

    stage: Stage
    band: SalaryBand | None


def stage_bands(catalog: Catalog, wages: WageDistribution | None) -> tuple[StageBand, ...]:
    """Every stage's band, in stage order, in the release `wages` describes.

    The band is `salary_band`'s, asked of the same catalog with these wages in place of the
    current release's, so the rule stays in one place. Without wages (or for stages drawn on
    another occupation) the band is None.
    """
    release = catalog.model_copy(update={"wages": {wages.occupation: wages} if wages else {}})
    return tuple(
        StageBand(stage=stage, band=salary_band(release, stage))
        for stage in sorted(catalog.stages, key=lambda s: s.order)
    )


# --- Keeping credentials active ----------------------------------------------------------------
# Each body keeps its own rulebook; this applies all of them to the credentials one coder holds.
# For each body: the CEUs of one cycle (its table by number of credentials, or the highest of the
# credentials' own CEUs plus a fixed number per further credential, up to a maximum), the CEUs
# that must be on one topic, the shares that must be of one kind, the fees, and where the coder
# stands in the cycle they told us about. Then how an apprentice designation (CPC-A) comes off.
# "Today" is passed in, never read here, so every answer can be reproduced.


class CeuTier(Frozen):
    credentials: int  # held credentials of the body; the highest tier also covers more
    ceus: int


class CeuShare(Frozen):
    percent: int
    topic: str  # e.g. "in the HIIM domains"
    since: date | None = None
    status: str
    status_label: str
    source: str


class FeeKind(StrEnum):
    """What a renewal fee pays for. Fees of one kind of one body are alternatives (professional
    or student membership; the member or the non-member fee): a coder pays one of them."""

    MEMBERSHIP = "membership"
    RECERTIFICATION = "recertification"
    OTHER = "other"  # only when it applies (a late extension): never yearly upkeep


class FeePeriod(StrEnum):
    YEAR = "year"
    CYCLE = "cycle"  # once per renewal cycle of the body
    EACH = "each"  # each time it applies


class RenewalFee(Frozen):
    label: str
    kind: FeeKind = FeeKind.OTHER
    amount: Decimal | None  # None: not confirmed
    additional_amount: Decimal | None = None  # for each further credential of the body
    period: str
    period_label: str
    note: str = ""
    status: str
    status_label: str
    source: str


class RenewalRule(Frozen):
    body: str
    body_acronym: str
    body_name: str
    cycle_years: int
    tiers: tuple[CeuTier, ...] = ()
    additional_ceus: int | None = None
    max_ceus: int | None = None
    specialty_ceus: int | None = None
    shares: tuple[CeuShare, ...] = ()
    fees: tuple[RenewalFee, ...] = ()
    notes: str = ""
    status: str
    status_label: str
    source: str


class CredentialRenewal(Frozen):
    """What one credential brings to its body's renewal."""

    ceus: int | None = None  # its own CEUs, where the body counts per credential
    topic_ceus: int | None = None
    topic: str = ""
    replaces: tuple[str, ...] = ()  # once granted, only this credential's CEUs are kept up
    status: str = ""
    status_label: str = ""
    source: str = ""


class ApprenticeCredit(Frozen):
    """Something completed that counts for years towards removing an apprentice designation."""

    body: str
    kind: str  # also the planner's query parameter, e.g. "course"
    label: str
    years: int
    status: str
    status_label: str
    source: str


class CycleAnswer(Frozen):
    """Where the coder is in one body's cycle, as they told us."""

    body: str
    due: date | None = None  # the first day of the cycle's last month
    ceus_earned: Annotated[int | None, Field(ge=0, le=999)] = None


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


def month_number(day: date) -> int:
    return day.year * 12 + day.month - 1


def add_months(day: date, months: int) -> date:
    number = month_number(day) + months
    return date(number // 12, number % 12 + 1, 1)


def _ceil_div(numerator: int, denominator: int) -> int:
    return -(-numerator // denominator)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def credential_upkeep(
    catalog: Catalog, assessment: Assessment, today: date | None = None
) -> CredentialUpkeep:
    """What keeping the credentials held asks, body by body, and the apprentice route, as of
    `today` (None: the rules without timing)."""
    month = today.replace(day=1) if today else None
    held = [c for c in catalog.certifications if c.slug in assessment.certifications]
    bodies = dict.fromkeys(c.body for c in held)  # in catalog order
    return CredentialUpkeep(
        as_of=month,
        bodies=tuple(
            body_upkeep(
                catalog.renewal_rule(body),
                [c for c in held if c.body == body],
                assessment.cycle(body),
                month,
            )
            for body in bodies
        ),
        apprentice=apprentice_status(catalog, assessment, month),
    )


def counted_credentials(
    held: list[Certification],
) -> tuple[list[Certification], tuple[Replacement, ...]]:
    """The credentials whose CEUs are kept up: one that replaces another (RHIA, RHIT) counts
    alone."""
    by = {slug: c for c in held if c.renewal for slug in c.renewal.replaces}
    counted = [c for c in held if c.slug not in by]
    replaced = tuple(Replacement(replaced=c.ref, by=by[c.slug].ref) for c in held if c.slug in by)
    return counted, replaced


def ceus_required(rule: RenewalRule, counted: list[Certification]) -> tuple[int | None, str]:
    """The CEUs of one cycle for these credentials, and how they were counted (None: not
    confirmed)."""
    count = len(counted)
    if not count:
        return None, ""
    if rule.tiers:
        reached = [t for t in rule.tiers if t.credentials <= count]
        if not reached:
            return None, ""
        tier = max(reached, key=lambda t: t.credentials)
        top = tier.credentials == max(t.credentials for t in rule.tiers)
        held = f"{tier.credentials} or more" if top and tier.credentials > 1 else tier.credentials
        return tier.ceus, f"{tier.ceus} for {held} {rule.body_acronym} credential" + (
            "" if held == 1 else "s"
        )
    own = [c.renewal.ceus if c.renewal else None for c in counted]
    if None in own:
        return None, ""
    first = max(own)
    lead = counted[own.index(first)]
    if count == 1:
        return first, f"{first} for the {lead.acronym}"
    if rule.additional_ceus is None:
        return None, ""  # how further credentials add up is not known
    total = first + rule.additional_ceus * (count - 1)
    basis = (
        f"{first} for the {lead.acronym}, plus {rule.additional_ceus} for each further "
        f"credential ({count - 1})"
    )
    if rule.max_ceus is not None and total >= rule.max_ceus:
        total = rule.max_ceus
        basis += f", at most {rule.max_ceus}"
    return total, basis


def topic_requirements(
    rule: RenewalRule, counted: list[Certification]
) -> tuple[TopicRequirement, ...]:
    """CEUs within the total that must be on one topic: a credential's own (CPMA: auditing) and
    the body's per specialty credential."""
    found = []
    for cert in counted:
        renewal = cert.renewal
        if renewal and renewal.topic_ceus is not None:
            found.append(
                TopicRequirement(
                    credential=cert.ref,
                    ceus=renewal.topic_ceus,
                    topic=renewal.topic,
                    status=renewal.status,
                    status_label=renewal.status_label,
                    source=renewal.source,
                )
            )
        if cert.is_specialty and rule.specialty_ceus is not None:
            found.append(
                TopicRequirement(
                    credential=cert.ref,
                    ceus=rule.specialty_ceus,
                    topic="specialty-specific",
                    status=rule.status,
                    status_label=rule.status_label,
                    source=rule.source,
                )
            )
    return tuple(found)


def share_requirements(
    rule: RenewalRule, required: int | None, month: date | None
) -> tuple[ShareRequirement, ...]:
    return tuple(
        ShareRequirement(
            percent=share.percent,
            topic=share.topic,
            ceus=_ceil_div(share.percent * required, 100) if required is not None else None,
            since=share.since,
            applies=True if share.since is None else (month >= share.since if month else None),
            status=share.status,
            status_label=share.status_label,
            source=share.source,
        )
        for share in rule.shares
    )


def fees_due(rule: RenewalRule, count: int) -> tuple[FeeDue, ...]:
    fees = []
    for fee in rule.fees:
        adds = fee.amount is not None and fee.additional_amount is not None and count > 1
        total = fee.amount + fee.additional_amount * (count - 1) if adds else None
        fees.append(FeeDue(fee=fee, total=total, credentials=count))
    return tuple(fees)


CENT = Decimal("0.01")


def upkeep_fee(fee: RenewalFee, cycle_years: int, further: bool) -> UpkeepFee:
    """One fee as it would apply to one more credential: for a further credential of a body
    held, a recertification fee adds only its amount per further credential (None when that is
    not confirmed); a fee per cycle is divided by the years of the cycle."""
    amount = fee.amount
    if further:
        amount = fee.additional_amount if fee.amount is not None else None
    yearly = None
    if amount is not None:
        yearly = amount if fee.period == FeePeriod.YEAR else (amount / cycle_years).quantize(CENT)
    return UpkeepFee(
        label=fee.label,
        kind=fee.kind,
        amount=amount,
        period=fee.period,
        period_label=fee.period_label,
        yearly=yearly,
        further_credential=further,
        note=fee.note,
        status=fee.status,
        status_label=fee.status_label,
        source=fee.source,
    )


def body_yearly_upkeep(catalog: Catalog, body: str, body_held: bool) -> YearlyUpkeep | None:
    """`yearly_upkeep` of a body of the catalog."""
    return yearly_upkeep(catalog.renewal_rule(body), body_held)


def yearly_upkeep(rule: RenewalRule | None, body_held: bool) -> YearlyUpkeep | None:
    """What one more credential of the rule's body adds a year: a membership (none when a
    credential of the body is already held: that membership is already paid) and the
    recertification fee (for a body held, what a further credential adds). Fees of one kind are
    alternatives, so each kind adds its lowest to its highest confirmed amount a year; a kind
    with no confirmed amount adds nothing and leaves the upkeep incomplete, never zero. None when
    the catalog holds no membership or recertification fee of the body."""
    if rule is None:
        return None
    yearly_kinds = (FeeKind.MEMBERSHIP, FeeKind.RECERTIFICATION)
    counted = [f for f in rule.fees if f.kind in yearly_kinds and f.period != FeePeriod.EACH]
    if not counted:
        return None
    membership_held = body_held and any(f.kind == FeeKind.MEMBERSHIP for f in counted)
    fees: list[UpkeepFee] = []
    low = high = Decimal(0)
    confirmed_any, complete = membership_held, True
    for kind in yearly_kinds:
        if kind == FeeKind.MEMBERSHIP and membership_held:
            continue
        further = body_held and kind == FeeKind.RECERTIFICATION
        alternatives = [upkeep_fee(f, rule.cycle_years, further) for f in counted if f.kind == kind]
        yearly = [f.yearly for f in alternatives if f.yearly is not None]
        if yearly:
            low, high, confirmed_any = low + min(yearly), high + max(yearly), True
        elif alternatives:
            complete = False
        fees += alternatives
    return YearlyUpkeep(
        body_acronym=rule.body_acronym,
        cycle_years=rule.cycle_years,
        yearly_low=low if confirmed_any else None,
        yearly_high=high if confirmed_any else None,
        fees=tuple(fees),
        membership_held=membership_held,
        complete=complete,
    )


def cycle_progress(
    rule: RenewalRule, required: int | None, answer: CycleAnswer | None, month: date | None
) -> CycleProgress:
    """Where the coder stands in the cycle: what is left, what a month it takes, and whether
    they are behind an even pace or past the end."""
    if answer is None:
        return CycleProgress()
    earned = answer.ceus_earned
    remaining = max(0, required - earned) if required is not None and earned is not None else None
    months_left = (
        month_number(answer.due) - month_number(month) + 1 if answer.due and month else None
    )
    cycle_months = rule.cycle_years * 12
    per_month = expected = pace = None
    if remaining == 0:
        pace = Pace.DONE
    elif months_left is not None and months_left <= 0:
        pace = Pace.PAST_DUE
    elif months_left is not None and remaining is not None:
        per_month = _ceil_div(remaining, months_left)
        elapsed = min(max(0, cycle_months - months_left), cycle_months)
        expected = required * elapsed // cycle_months
        pace = Pace.BEHIND if earned < expected else Pace.ON_TRACK
    return CycleProgress(
        due=answer.due,
        months_left=months_left,
        ceus_earned=earned,
        ceus_remaining=remaining,
        ceus_per_month=per_month,
        expected_by_now=expected,
        pace=pace,
        beyond_one_cycle=months_left is not None and months_left > cycle_months,
    )


def body_upkeep(
    rule: RenewalRule | None,
    held: list[Certification],
    answer: CycleAnswer | None,
    month: date | None,
) -> BodyUpkeep:
    """One body's renewal for the credentials held with it."""
    first = held[0]
    counted, replaced = counted_credentials(held)
    identity = {
        "body": first.body,
        "body_acronym": first.body_acronym,
        "body_name": first.body_name,
        "credentials": tuple(c.ref for c in counted),
        "replaced": replaced,
    }
    if rule is None:
        return BodyUpkeep(**identity, cycle_years=None, ceus_required=None)
    required, basis = ceus_required(rule, counted)
    return BodyUpkeep(
        **identity,
        cycle_years=rule.cycle_years,
        ceus_required=required,
        basis=basis,
        topic_requirements=topic_requirements(rule, counted),
        shares=share_requirements(rule, required, month),
        fees=fees_due(rule, len(counted)),
        progress=cycle_progress(rule, required, answer, month),
        notes=rule.notes,
        status=rule.status,
        status_label=rule.status_label,
        source=rule.source,
    )


def apprentice_status(
    catalog: Catalog, assessment: Assessment, month: date | None
) -> ApprenticeStatus | None:
    """For an apprentice credential held (CPC-A, COC-A): which route removes the designation
    now, or how many years are left and the month they are reached. Experience counts in whole
    years; each credit completed (a coding course, Practicode) counts for its years."""
    apprentice = [
        c
        for c in catalog.certifications
        if c.slug in assessment.certifications
        and c.apprentice_designation
        and c.apprentice_years is not None
    ]
    if not apprentice:
        return None
    required = max(c.apprentice_years for c in apprentice)
    bodies = {c.body for c in apprentice}
    credits = [k for k in catalog.apprentice_credits if k.body in bodies]
    done = [k for k in credits if k.kind in assessment.apprentice_credits]
    years = assessment.years
    used: list[ApprenticeCredit] = []
    credited = years
    for credit in done:
        if credited >= required:
            break
        used.append(credit)
        credited += credit.years
    met = credited >= required
    route = route_label = None
    if met:
        parts = ["experience"] if years else []
        labels = [f"{_plural(min(years, required), 'year')} of coding experience"] if years else []
        route = "+".join(parts + [k.kind for k in used])
        route_label = " plus ".join(labels + [k.label for k in used])
    remaining = max(0, required - years - sum(k.years for k in done))
    sources = dict.fromkeys(k.source for k in credits if k.source)
    return ApprenticeStatus(
        designations=tuple(c.apprentice_designation for c in apprentice),
        years_required=required,
        met=met,
        route=route,
        route_label=route_label or "",
        years_remaining=remaining,
        earliest=add_months(month, 12 * remaining) if month and not met else None,
        credits_done=tuple(done),
        credits_open=() if met else tuple(k for k in credits if k not in done),
        status=credits[0].status if credits else "",
        status_label=credits[0].status_label if credits else "",
        source="; ".join(sources),
    )


for _model in (Certification, Catalog, Assessment, CredentialAdvice, CredentialSummary, Plan):
    _model.model_rebuild()  # they name the models of this section, defined after them
