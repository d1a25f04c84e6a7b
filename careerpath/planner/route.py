"""The route to a goal role: the fewest moves from where you stand to the role you aim at, over
the catalog's promotions, lateral moves and pivots, and what each step still asks of you.

Among routes of equally few moves, the one with the fewest pivots, then the fewest lateral moves,
then the fewest years to wait is taken; the catalog's order settles what is left. Each step says
the years still to gain (from today's experience), the first month it could be reached, the
credential groups and education it asks that no earlier step listed, its pay band and the change
from the step before. The totals: the years, the confirmed exam fees of the missing credentials
(a range), and the change from your band to the goal's.
"""

from __future__ import annotations

import heapq
from datetime import date

from careerpath.planner.assessment import Assessment
from careerpath.planner.catalog import Catalog, ExamFee, Role, Stage
from careerpath.planner.next_tier import measure_role, open_pivots
from careerpath.planner.plan import FeeRange, RequirementGroup, Route, RouteStep
from careerpath.planner.standing import band_change, role_band, salary_band
from careerpath.planner.upkeep import add_months

MOVE_COST = {"promotion": (0, 0), "lateral": (0, 1), "first-job": (0, 0), "pivot": (1, 0)}


def moves_from(catalog: Catalog, role: Role | None, stage: Stage | None) -> list[tuple[Role, str]]:
    """Every move one step from a role: its transitions and the pivots open from any role.
    Without a role, a first coding job: the roles of the stage your years reach (the first
    stage for a newcomer) that a promotion or lateral move also reaches, or that start a track."""
    if role is None:
        pivot_only = catalog.pivot_only_roles()
        first = stage or min(catalog.stages, key=lambda s: s.order, default=None)
        return [
            (r, "first-job")
            for r in catalog.roles
            if first and r.stage == first.slug and r.slug not in pivot_only
        ]
    moves = [(catalog.role(t.to_role), t.kind) for t in catalog.transitions_from(role.slug)]
    reached = {r.slug for r, _ in moves if r}
    moves += [(r, "pivot") for r in open_pivots(catalog, role) if r.slug not in reached]
    return [(r, kind) for r, kind in moves if r]


def find_route(
    catalog: Catalog, assessment: Assessment, stage: Stage | None, target: Role
) -> list[tuple[Role, str]] | None:
    """The moves to `target`, fewest first (then fewest pivots, laterals and years to wait);
    [] when you hold it already; None when no move of the catalog leads there."""
    start = catalog.role(assessment.role)
    if start and start.slug == target.slug:
        return []
    order = catalog.role_order()
    # Dijkstra over lexicographic costs (moves, pivots, laterals, years to wait); the catalog's
    # order of the roles on the way settles ties.
    queue: list = [((0, 0, 0, 0), (), [], start.slug if start else None)]
    done: set[str | None] = set()
    while queue:
        cost, ranks, path, slug = heapq.heappop(queue)
        if slug in done:
            continue
        done.add(slug)
        if slug == target.slug:
            return [(catalog.role(s), kind) for s, kind in path]
        here = catalog.role(slug) if slug else None
        for role, kind in moves_from(catalog, here, stage):
            if role.slug in done:
                continue
            pivots, laterals = MOVE_COST.get(kind, (0, 0))
            wait = max(0, role.min_years - assessment.years)
            step = (cost[0] + 1, cost[1] + pivots, cost[2] + laterals, max(cost[3], wait))
            entry = (step, (*ranks, order[role.slug]), [*path, (role.slug, kind)], role.slug)
            heapq.heappush(queue, entry)
    return None


def fee_range(catalog: Catalog, groups) -> tuple[FeeRange | None, tuple[RequirementGroup, ...]]:
    """Each missing group costs from its cheapest to its dearest confirmed exam fee; a group
    with no confirmed fee is set apart (never counted as free)."""
    low = high = 0
    priced, unpriced = False, []
    for group in groups:
        fees: list[ExamFee] = [
            cert.exam_fee
            for ref in group.certifications
            if (cert := catalog.certification(ref.slug)) and cert.exam_fee
        ]
        if not fees:
            unpriced.append(group)
            continue
        priced = True
        low += min(f.low for f in fees)
        high += max(f.high for f in fees)
    return (FeeRange(low=low, high=high) if priced else None), tuple(unpriced)


def covered(group: RequirementGroup, listed: list[RequirementGroup]) -> bool:
    """Whether a group is met by whatever meets a group listed earlier (that group's
    credentials are all among this one's)."""
    slugs = {c.slug for c in group.certifications}
    return any({c.slug for c in earlier.certifications} <= slugs for earlier in listed)


def route(
    catalog: Catalog, assessment: Assessment, stage: Stage | None, today: date | None
) -> Route | None:
    """The route to the goal role of the assessment (None without one)."""
    target = catalog.role(assessment.target)
    if target is None:
        return None
    current = catalog.role(assessment.role)
    current_band = role_band(catalog, current) if current else salary_band(catalog, stage)
    path = find_route(catalog, assessment, stage, target)
    if path is None:
        where = current.title if current else "where you stand"
        return Route(
            target=catalog.role_ref(target.slug),
            reachable=False,
            reason=(
                f"No promotion, lateral move or pivot in the catalog leads from {where} to "
                f"{target.title}."
            ),
        )
    month = today.replace(day=1) if today else None
    steps, listed, education_listed = [], [], 0
    previous_band, wait = current_band, 0
    previous = assessment.role if catalog.role(assessment.role) else None
    for role, kind in path:
        gaps = measure_role(catalog, assessment, role, kind, previous_band)
        missing = [g for g in gaps.missing_certifications if not covered(g, listed)]
        listed += missing
        wait = max(wait, gaps.missing_years)
        rank = catalog.education_rank(role.education) if gaps.missing_education else 0
        new_education = rank > education_listed
        education_listed = max(education_listed, rank)
        transition = next(
            (
                t
                for t in catalog.transitions_from(previous)
                if (t.to_role, t.kind) == (role.slug, kind)
            ),
            None,
        )
        previous = role.slug
        steps.append(
            RouteStep(
                role=catalog.role_ref(role.slug),
                stage_name=gaps.stage_name,
                track_name=gaps.track_name,
                move=kind,
                years_needed=wait,
                earliest=add_months(month, 12 * wait) if month else None,
                missing_certifications=tuple(missing),
                recommended_certifications=gaps.recommended_certifications,
                missing_education=gaps.missing_education if new_education else None,
                missing_education_name=gaps.missing_education_name if new_education else "",
                salary_band=gaps.salary_band,
                pay_change=gaps.band_change,
                note=transition.note if transition else "",
                profile=gaps.profile,
            )
        )
        previous_band = gaps.salary_band
    fees, unpriced = fee_range(catalog, listed)
    return Route(
        target=catalog.role_ref(target.slug),
        reachable=True,
        steps=tuple(steps),
        total_years=wait,
        exam_fees=fees,
        unpriced=unpriced,
        pay_change=band_change(role_band(catalog, target), current_band) if steps else None,
    )
