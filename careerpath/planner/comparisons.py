"""Roles and credentials side by side, for the role and credential pages: what each asks for,
opens and pays, and how a role differs from another, as data the templates put in words."""

from __future__ import annotations

from enum import StrEnum

from careerpath.planner.catalog import (
    Catalog,
    Certification,
    CertificationRef,
    ExamFee,
    Fact,
    Frozen,
    OccupationRef,
    Role,
    RoleRef,
    SalaryBand,
    refs,
    role_ref,
)
from careerpath.planner.eligibility import describe_route
from careerpath.planner.plan import YearlyUpkeep
from careerpath.planner.standing import role_band
from careerpath.planner.upkeep import ceus_required, counted_credentials, yearly_upkeep


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
