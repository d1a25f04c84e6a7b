"""The next tier: the roles one step up from where you stand, each measured against its
requirements (any one credential of each required group, the typical years, the minimum
education) and ranked: within reach first, then the fewest gaps, then your chosen track."""

from __future__ import annotations

from typing import NamedTuple

from careerpath.planner.assessment import Assessment
from careerpath.planner.catalog import (
    Catalog,
    CertificationRef,
    Role,
    SalaryBand,
    Stage,
    refs,
)
from careerpath.planner.plan import NextRole, RequirementGroup
from careerpath.planner.standing import band_change, following_stage, role_band, salary_band


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
            for t in catalog.transitions_from(role.slug)
            if t.kind != "pivot" or assessment.track
        ]
        moves = [(r, kind) for r, kind in moves if r]
        if assessment.track:
            reached = {r.slug for r, _ in moves}
            moves += [(r, "pivot") for r in open_pivots(catalog, role) if r.slug not in reached]
            return [(r, k) for r, k in moves if k != "pivot" or r.track == assessment.track]
        return moves
    target = following_stage(catalog, stage) or stage
    move = "first-job" if stage is None else "next-stage"
    pivot_only = catalog.pivot_only_roles()
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
    stage_order, track_order = catalog.stage_orders(), catalog.track_orders()
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


class Gaps(NamedTuple):
    """What one role asks of you, measured (`role_gaps`): the plan's models that show a role
    (`NextRole`, `Alternative`, `RouteStep`) each take what they show from it."""

    missing: tuple[RequirementGroup, ...]  # required groups of which you hold none
    met: tuple[RequirementGroup, ...]
    recommended: tuple[CertificationRef, ...]  # recommended, none of its group held
    missing_years: int
    missing_education: str | None  # the role's education, when yours ranks below it
    missing_education_name: str


def role_gaps(catalog: Catalog, assessment: Assessment, role: Role) -> Gaps:
    """What is met and what is missing for one role: the credentials it requires (any one of
    each group) and recommends, its years and its education."""
    held = assessment.certifications
    missing, met = [], []
    recommended: dict[str, CertificationRef] = {}  # by slug, each once, in the order found
    for requirement in role.requirements:
        holding = next((c for c in requirement.certifications if c in held), None)
        if requirement.kind == "required":
            group = RequirementGroup(
                certifications=refs(catalog, requirement.certifications),
                held=catalog.certification_ref(holding) if holding else None,
                most_requested=catalog.certification_ref(requirement.most_requested or ""),
                note=requirement.note,
            )
            (met if holding else missing).append(group)
        elif not holding:
            for ref in refs(catalog, requirement.certifications):
                recommended.setdefault(ref.slug, ref)
    lacks_education = catalog.education_rank(assessment.education) < catalog.education_rank(
        role.education
    )
    return Gaps(
        missing=tuple(missing),
        met=tuple(met),
        recommended=tuple(recommended.values()),
        missing_years=max(0, role.min_years - assessment.years),
        missing_education=role.education if lacks_education else None,
        missing_education_name=catalog.education_name(role.education) if lacks_education else "",
    )


def measure_role(
    catalog: Catalog,
    assessment: Assessment,
    role: Role,
    move: str,
    current_band: SalaryBand | None,
) -> NextRole:
    """A role as the next tier shows it: its gaps (`role_gaps`), and how its band differs from
    yours (`current_band`)."""
    gaps = role_gaps(catalog, assessment, role)
    band = role_band(catalog, role)
    stage = catalog.stage(role.stage)
    return NextRole(
        role=catalog.role_ref(role.slug),
        stage=role.stage,
        stage_name=stage.name if stage else role.stage,
        track=role.track,
        track_name=catalog.track_name(role.track),
        move=move,
        ready=not gaps.missing and not gaps.missing_years and gaps.missing_education is None,
        missing_certifications=gaps.missing,
        met_certifications=gaps.met,
        recommended_certifications=gaps.recommended,
        missing_years=gaps.missing_years,
        required_years=role.min_years,
        missing_education=gaps.missing_education,
        missing_education_name=gaps.missing_education_name,
        required_education_name=catalog.education_name(role.education),
        education_note=role.education_note,
        salary_band=band,
        band_change=band_change(band, current_band),
        pay_note=role.pay_note,
        on_target_track=not assessment.track or role.track == assessment.track,
        profile=catalog.role_profile(role.slug),
    )


def open_pivots(catalog: Catalog, role: Role | None) -> tuple[Role, ...]:
    """The roles a pivot reaches from any role of another track (the article's alternatives;
    worked out once per catalog)."""
    if role is None:
        return ()
    return catalog.open_pivots(role.slug)
