"""Other paths: the pivots open from your role (or your stage's roles), each with its pay band
and what it asks of you, measured as the next tier measures its roles."""

from __future__ import annotations

from careerpath.planner.assessment import Assessment
from careerpath.planner.catalog import Catalog, Role, SalaryBand, Stage, Transition
from careerpath.planner.next_tier import role_gaps
from careerpath.planner.plan import Alternative, NextRole
from careerpath.planner.standing import band_change, role_band, salary_band


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
        moves += catalog.pivot_moves(origin)
    steps = {
        t.to_role: t for t in catalog.transitions if t.kind != "pivot" and t.from_role in origins
    }
    listed = {n.role.slug for n in next_roles}
    current_band = role_band(catalog, role) if role else salary_band(catalog, stage)
    for transition in moves:
        target = catalog.role(transition.to_role)
        if (
            target is None
            or target.slug in seen
            or target.slug in listed
            or target.slug == assessment.role
        ):
            continue
        transition = steps.get(target.slug, transition)
        seen[target.slug] = alternative(catalog, assessment, target, transition, current_band)
    return tuple(seen.values())


def alternative(
    catalog: Catalog,
    assessment: Assessment,
    target: Role,
    transition: Transition,
    current_band: SalaryBand | None,
) -> Alternative:
    """One other path: the move that reaches `target`, its pay band and its change from yours
    (`current_band`; below it both ends is a pay cut), and what it asks of you."""
    gaps = role_gaps(catalog, assessment, target)
    band = role_band(catalog, target)
    return Alternative(
        move=transition.kind,
        missing_certifications=gaps.missing,
        missing_years=gaps.missing_years,
        missing_education=gaps.missing_education,
        missing_education_name=gaps.missing_education_name,
        recommended_certifications=gaps.recommended,
        pay_change=band_change(band, current_band),
        role=catalog.role_ref(target.slug),
        track=target.track,
        track_name=catalog.track_name(target.track),
        note=transition.note or target.summary,
        salary_band=band,
        pay_note=target.pay_note,
    )
