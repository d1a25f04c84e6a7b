"""Where you stand: the career stage you are in, your role and pay band, notes where the answers
do not fit together, and how far the milestones of your stage are met. Also the bands of every
stage in any release, by the same rule."""

from __future__ import annotations

from careerpath.planner.assessment import Assessment
from careerpath.planner.catalog import (
    Catalog,
    Frozen,
    Milestone,
    MilestoneCheck,
    Role,
    RoleRef,
    SalaryBand,
    Stage,
    WageDistribution,
    acronyms,
    percentile_band,
    role_span,
)
from careerpath.planner.eligibility import route_status
from careerpath.planner.plan import (
    BandChange,
    MedianRelation,
    MilestoneStatus,
    Position,
    RolePay,
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


def salary_band(catalog: Catalog, stage: Stage | None) -> SalaryBand | None:
    """The stage's percentile band of its occupation, current release; None if not published."""
    if stage is None:
        return None
    return catalog.stage_band(stage.slug)


def role_band(catalog: Catalog, role: Role) -> SalaryBand | None:
    """The role's band: its own occupation's dollars over the role's span, current release."""
    return catalog.role_band(role.slug)


def roles_by_occupation(catalog: Catalog) -> dict[str, tuple[RolePay, ...]]:
    """Every role with a BLS occupation, grouped by its SOC code, in catalog order."""
    grouped: dict[str, list[RolePay]] = {}
    for role in catalog.roles:
        span = role_span(role, catalog.stage(role.stage))
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
        # An occupation is its SOC code (a plain comparison: this runs for every role measured).
        from_occupation=(
            current.occupation if current.occupation.soc_code != band.occupation.soc_code else None
        ),
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
    """Where the person stands: stage, role, pay band, notes on inconsistent answers, and the
    mean pay of the state they work in (when they named one) beside the national band."""
    role = catalog.role(assessment.role)
    band = role_band(catalog, role) if role else salary_band(catalog, stage)
    return Position(
        stage=stage.slug if stage else None,
        stage_name=stage.name if stage else "Not started yet",
        stage_years=stage.years_label if stage else "",
        role=catalog.role_ref(role.slug) if role else None,
        salary_band=band,
        median_relation=median_relation(band),
        pay_note=role.pay_note if role and band else "",
        notes=consistency_notes(catalog, assessment, role, stage),
        state_pay=catalog.state(assessment.state),
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


class StageBand(Frozen):
    """One career stage and its percentile band in dollars in one release (None: not published)."""

    stage: Stage
    band: SalaryBand | None


def stage_bands(catalog: Catalog, wages: WageDistribution | None) -> tuple[StageBand, ...]:
    """Every stage's band, in stage order, in the release `wages` describes.

    The band is the stage's span of percentiles of these wages, as `salary_band` gives it for
    the current release (`percentile_band`, one rule). Without wages (or for stages drawn on
    another occupation) the band is None.
    """
    return tuple(
        StageBand(
            stage=stage,
            band=percentile_band(wages, stage.percentile_low, stage.percentile_high)
            if wages and stage.occupation == wages.occupation
            else None,
        )
        for stage in sorted(catalog.stages, key=lambda s: s.order)
    )
