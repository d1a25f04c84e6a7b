"""The catalog as the planner sees it: frozen models of the education levels, career stages,
tracks, roles and the moves between them, the credentials and what their bodies ask to keep them,
the milestones, skills and resume metrics of each stage, the current release's wages, and each
state's mean pay beside BEA's price parity of the same year.

`careerpath.catalog` reads them from the database. A catalog builds its lookups once, at its first
lookup: rows by slug and by stage, the specialty terms in their normalised form, each role's and
stage's pay band (a band depends only on the catalog), and the moves and pivots out of each role.
Nothing here depends on an assessment.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import cached_property
from itertools import pairwise

from pydantic import BaseModel, ConfigDict, model_validator

PERCENTILES = (10, 25, 50, 75, 90)
MEDIAN = 50
# How much of an occupation's profile a role shows: tasks, technology, job titles to search for.
TASKS_SHOWN = 5
TECHNOLOGY_SHOWN = 8
SEARCH_TITLES = 10
# Words too common in these occupations' titles to say which title is nearest a role.
COMMON_TITLE_WORDS = {"medical", "health", "healthcare", "senior", "and", "of", "the", "i", "ii"}


class Frozen(BaseModel):
    """A value of the domain: immutable, and no field that the code does not name."""

    model_config = ConfigDict(frozen=True, extra="forbid")


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
    him_program: bool = False  # the education must be from a CAHIIM-accredited HIM program
    unconfirmed: str = ""  # what the application must document that no answer shows
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


class CredentialSalary(Frozen):
    """A published average salary of the members holding one credential (AAPC's surveys)."""

    certification: str
    survey: str
    survey_year: int | None = None  # None: the source does not state it
    average: int
    measure: str  # "member self-reported average"
    status: str
    status_label: str = ""
    source: str


class SpecialtyTerm(Frozen):
    """A word or phrase for a specialty, and the credentials that certify it."""

    term: str
    certifications: tuple[str, ...]


class CertificationRef(Frozen):
    slug: str
    acronym: str
    name: str


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
    students_only: bool = False  # a student rate: counted only for a student
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
    certification: str | None = None  # counts only towards this credential's designation
    status: str
    status_label: str
    source: str


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
    most_requested: str | None = None  # the one employers ask for most, as the note's source says
    note: str = ""


class Role(Frozen):
    slug: str
    title: str
    aliases: tuple[str, ...] = ()  # other titles the role goes by
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


class RoleRef(Frozen):
    slug: str
    title: str


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


def at_national_prices(amount: int | None, parity: Decimal | None) -> int | None:
    """What `amount` dollars in a place with this price parity (United States = 100) buy at
    national-average prices, in whole dollars: amount / (parity / 100). None when either is
    missing: no figure is made up."""
    if amount is None or parity is None:
        return None
    return int((Decimal(amount) * 100 / parity).quantize(Decimal(1), rounding=ROUND_HALF_UP))


class StatePay(Frozen):
    """One state's mean pay for the occupation the stages are drawn on, from the latest OEWS
    release with state figures, and BEA's all-items price parity of that same year.

    Means only (no state percentiles are held); the figure at national-average prices is worked
    out here and is not a wage BLS published.
    """

    state: str  # the USPS code: CA
    state_name: str
    occupation: OccupationRef
    annual_mean: int | None  # None: no mean held for this state
    period: str = ""  # as BLS names the release: May 2023
    year: int | None = None  # the release's year
    status: str = ""
    status_label: str = ""
    source: str = ""
    price_parity: Decimal | None = None  # None: no parity of the release's year
    parity_year: int | None = None
    parity_source: str = ""

    @property
    def national_prices_mean(self) -> int | None:
        return at_national_prices(self.annual_mean, self.price_parity)

    @property
    def sources(self) -> tuple[str, ...]:
        """The wage row's source and the parity's, each once."""
        return tuple(s for s in dict.fromkeys((self.source, self.parity_source)) if s)


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


class TechnologyExample(Frozen):
    name: str
    hot: bool  # O*NET's "Hot Technology" mark: often named in job postings


class Outlook(Frozen):
    """BLS Employment Projections for an occupation over ten years."""

    period: str  # 2024-34
    change_percent: Decimal
    openings_per_year: int
    typical_education: str
    factor: str = ""  # BLS's own words (Table 1.12); blank when it names none
    source: str


class OccupationProfile(Frozen):
    """What an occupation's job is, from O*NET, and where it is going, from BLS."""

    occupation: OccupationRef
    tasks: tuple[str, ...] = ()  # at most TASKS_SHOWN
    core_tasks: bool = False  # O*NET marks them core; False: it types none, the first ones
    task_count: int = 0
    technology: tuple[TechnologyExample, ...] = ()  # at most TECHNOLOGY_SHOWN
    titles: tuple[str, ...] = ()  # O*NET's reported titles, then its alternate titles
    onet_release: str = ""  # "29.3 (May 2025)"; blank: no O*NET profile
    onet_source: str = ""
    outlook: Outlook | None = None


class RoleProfile(Frozen):
    """An occupation's profile as it reads for one role priced on it."""

    profile: OccupationProfile
    search_titles: tuple[str, ...]  # the role's own names, then O*NET's titles nearest to it


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
    credential_salaries: tuple[CredentialSalary, ...] = ()
    wages: dict[str, WageDistribution] = {}  # SOC code -> its wages in the current release
    profiles: dict[str, OccupationProfile] = {}  # SOC code -> what the job is, where it goes
    renewal_rules: tuple[RenewalRule, ...] = ()
    apprentice_credits: tuple[ApprenticeCredit, ...] = ()
    state_pay: tuple[StatePay, ...] = ()  # the 50 states and DC, with or without figures

    @cached_property
    def _lookups(self) -> CatalogLookups:
        """Built from the fields once, at the catalog's first lookup (a changed copy is a new
        catalog, with lookups of its own).

        A cached property, not a pydantic private attribute: it lives in the instance's
        `__dict__`, so each of the planner's many lookups is a plain attribute read rather than a
        trip through `BaseModel.__getattr__`. Pydantic leaves `functools` descriptors alone, and
        its leading underscore keeps it out of `dict(catalog)`, dumps and comparisons."""
        return CatalogLookups(self)

    def model_copy(self, *, update=None, deep=False) -> Catalog:
        """A changed catalog is a new catalog: validated, with its lookups built again (`dict`
        gives the fields only, never the old lookups)."""
        return type(self).model_validate({**dict(self), **(update or {})})

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

    def designated(self, value: str) -> Certification | None:
        """The credential an apprentice designation names, as an answer writes it ("cpc-a")."""
        return self._lookups.designations.get(value)

    def education(self, slug: str | None) -> EducationLevel | None:
        return self._lookups.educations.get(slug)

    def track(self, slug: str | None) -> Track | None:
        return self._lookups.tracks.get(slug)

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

    def role_profile(self, slug: str) -> RoleProfile | None:
        return self._lookups.role_profiles.get(slug)

    def certification_order(self, slug: str) -> int:
        """A credential's place in the catalog's order."""
        return self._lookups.certification_order[slug]

    def stage_orders(self) -> dict[str, int]:
        """Each stage's order, by slug."""
        return self._lookups.stage_orders

    def track_orders(self) -> dict[str, int]:
        """Each track's order, by slug."""
        return self._lookups.track_orders

    def stage_milestones(self, slug: str) -> tuple[Milestone, ...]:
        return self._lookups.milestones_by_stage.get(slug, ())

    def stage_skills(self, slug: str) -> tuple[StageSkill, ...]:
        return self._lookups.skills_by_stage.get(slug, ())

    def stage_resume_metrics(self, slug: str) -> tuple[ResumeMetric, ...]:
        return self._lookups.resume_metrics_by_stage.get(slug, ())

    def role_order(self) -> dict[str, int]:
        """Each role's place in the catalog's order, by slug."""
        return self._lookups.role_order

    def track_name(self, slug: str) -> str:
        return self._lookups.track_names.get(slug, slug)

    def certification_ref(self, slug: str) -> CertificationRef | None:
        return self._lookups.certification_refs.get(slug)

    def role_ref(self, slug: str) -> RoleRef | None:
        return self._lookups.role_refs.get(slug)

    def transitions_from(self, slug: str | None) -> tuple[Transition, ...]:
        """The moves out of a role, in the catalog's order."""
        return self._lookups.transitions_from.get(slug, ())

    def open_pivots(self, slug: str) -> tuple[Role, ...]:
        """The roles a pivot reaches from this role: those open to a pivot from any role of
        another track."""
        return self._lookups.open_pivots.get(slug, ())

    def pivot_moves(self, slug: str) -> tuple[Transition, ...]:
        """The same pivots (`open_pivots`) as moves from this role."""
        return self._lookups.pivot_moves.get(slug, ())

    def pivot_only_roles(self) -> frozenset[str]:
        """The roles only ever reached by a pivot (a transition's or a pivot-from-any role's),
        never by a promotion or lateral move."""
        return self._lookups.pivot_only_roles

    def specialty_term_words(self) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
        """Each specialty term as its normalised words, the term, and the credentials it names."""
        return self._lookups.specialty_terms

    def stage_wages(self) -> WageDistribution | None:
        """The wages of the occupation the career stages are drawn on (the first stage's)."""
        stage = min((s for s in self.stages if s.occupation), key=lambda s: s.order, default=None)
        return self.wages.get(stage.occupation) if stage else None

    def renewal_rule(self, body: str) -> RenewalRule | None:
        return self._lookups.renewal_rules.get(body)

    def state(self, code: str | None) -> StatePay | None:
        """A state's pay by its USPS code (CA), or None for a code the catalog does not hold."""
        return self._lookups.states.get(code)


class CatalogLookups:
    """What a catalog is looked up by, built once per catalog (`Catalog._lookups`): rows by slug
    and by stage, the catalog's orders, the references plans show (frozen: one instance serves
    every plan), the specialty terms in their normalised form, each role's and stage's pay band
    (a band depends only on the catalog), and the moves and pivots out of each role. Nothing here
    depends on an assessment: two threads racing to a new catalog's first lookup would each
    build the same tables."""

    def __init__(self, catalog: Catalog):
        self.roles = {r.slug: r for r in catalog.roles}
        self.stages = {s.slug: s for s in catalog.stages}
        self.certifications = {c.slug: c for c in catalog.certifications}
        self.designations = {
            c.apprentice_designation.lower(): c
            for c in catalog.certifications
            if c.apprentice_designation
            and c.apprentice_designation.lower() not in self.certifications
        }
        self.educations = {e.slug: e for e in catalog.educations}
        self.tracks = {t.slug: t for t in catalog.tracks}
        self.track_names = {t.slug: t.name for t in catalog.tracks}
        self.states = {s.state: s for s in catalog.state_pay}
        self.renewal_rules: dict[str, RenewalRule] = {}
        for rule in catalog.renewal_rules:
            self.renewal_rules.setdefault(rule.body, rule)  # the first of a body, as listed
        self.role_order = {r.slug: i for i, r in enumerate(catalog.roles)}
        self.stage_orders = {s.slug: s.order for s in catalog.stages}
        self.track_orders = {t.slug: t.order for t in catalog.tracks}
        # What a plan shows for its stage, each in the catalog's order.
        self.milestones_by_stage = by_stage(catalog.milestones)
        self.skills_by_stage = by_stage(catalog.skills)
        self.resume_metrics_by_stage = by_stage(catalog.resume_metrics)
        self.certification_order = {c.slug: i for i, c in enumerate(catalog.certifications)}
        self.specialty_terms = tuple(
            (normalise(t.term), t.term, t.certifications) for t in catalog.specialty_terms
        )
        self.stage_bands = {
            s.slug: stage_percentile_band(catalog, s) for s in catalog.stages if s.occupation
        }
        self.role_bands = {
            r.slug: role_percentile_band(catalog, r, self.stages.get(r.stage))
            for r in catalog.roles
        }
        self.role_profiles = {
            r.slug: role_profile(r, catalog.profiles[r.occupation])
            for r in catalog.roles
            if r.occupation in catalog.profiles
        }
        # References are frozen models: one instance of each serves every plan.
        self.certification_refs = {c.slug: c.ref for c in catalog.certifications}
        self.role_refs = {r.slug: role_ref(r) for r in catalog.roles}
        transitions_from: dict[str, list[Transition]] = {}
        for t in catalog.transitions:
            transitions_from.setdefault(t.from_role, []).append(t)
        self.transitions_from = {slug: tuple(moves) for slug, moves in transitions_from.items()}
        pivot_from_any = [r for r in catalog.roles if r.pivot_from_any]
        self.open_pivots = {
            r.slug: tuple(p for p in pivot_from_any if p.track != r.track and p.slug != r.slug)
            for r in catalog.roles
        }
        self.pivot_moves = {
            slug: tuple(Transition(from_role=slug, to_role=p.slug, kind="pivot") for p in pivots)
            for slug, pivots in self.open_pivots.items()
        }
        reached_by_step = {t.to_role for t in catalog.transitions if t.kind != "pivot"}
        pivots = {t.to_role for t in catalog.transitions if t.kind == "pivot"}
        pivots |= {r.slug for r in pivot_from_any}
        self.pivot_only_roles = frozenset(pivots - reached_by_step)


def by_stage(rows) -> dict[str, tuple]:
    """Rows that belong to a stage (`.stage`), grouped by it, in their order."""
    grouped: dict[str, list] = {}
    for row in rows:
        grouped.setdefault(row.stage, []).append(row)
    return {stage: tuple(found) for stage, found in grouped.items()}


def role_profile(role: Role, profile: OccupationProfile) -> RoleProfile:
    """The role's own names first, then O*NET's titles sharing most words with them (reported
    titles before alternate ones, otherwise in O*NET's order), SEARCH_TITLES at most."""
    words = set(normalise(" ".join([role.title, *role.aliases])).split()) - COMMON_TITLE_WORDS
    ranked = sorted(
        enumerate(profile.titles),
        key=lambda item: (-len(words & set(normalise(item[1]).split())), item[0]),
    )
    titles, seen = [], set()
    for title in [role.title, *role.aliases, *(title for _, title in ranked)]:
        if normalise(title) not in seen:
            seen.add(normalise(title))
            titles.append(title)
    return RoleProfile(profile=profile, search_titles=tuple(titles[:SEARCH_TITLES]))


def role_ref(role: Role) -> RoleRef:
    """A reference to a role: its slug and title."""
    return RoleRef(slug=role.slug, title=role.title)


def acronyms(catalog: Catalog, slugs) -> str:
    """The credentials' acronyms, comma-separated, in the order given."""
    found = [catalog.certification(s) for s in slugs]
    return ", ".join(c.acronym for c in found if c)


def refs(catalog: Catalog, slugs) -> tuple[CertificationRef, ...]:
    """References to the credentials named by `slugs` that the catalog holds."""
    found = (catalog.certification_ref(s) for s in slugs)
    return tuple(ref for ref in found if ref)


def normalise(text: str) -> str:
    """Lower case, punctuation as spaces, single spaces: "E/M" and "e-m" read alike."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


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


def stage_percentile_band(catalog: Catalog, stage: Stage) -> SalaryBand | None:
    """A stage's band worked out from the catalog's wages (`salary_band` looks it up)."""
    return percentile_band(
        catalog.wages.get(stage.occupation), stage.percentile_low, stage.percentile_high
    )


def role_span(role: Role, stage: Stage | None) -> tuple[int, int] | None:
    """The span of its occupation's percentiles a role's band covers: its own, or its stage's
    (`stage`, the role's).

    None for a role no BLS occupation describes: it never borrows another occupation's band.
    """
    if role.occupation is None or stage is None:
        return None
    if role.percentile_low is None or role.percentile_high is None:
        return stage.percentile_low, stage.percentile_high
    return role.percentile_low, role.percentile_high


def role_percentile_band(catalog: Catalog, role: Role, stage: Stage | None) -> SalaryBand | None:
    """A role's band worked out from the catalog's wages (`role_band` looks it up)."""
    span = role_span(role, stage)
    if span is None:
        return None
    return percentile_band(catalog.wages.get(role.occupation), *span)


Catalog.model_rebuild()  # its lookups are a class defined after it
