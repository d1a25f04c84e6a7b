"""Credentials to get next: every credential you do not hold that a next-tier role or a step of
the route to your goal requires or recommends, ranked by value (see `advice_rank`), with whether
you can sit for it now, what an apprentice designation would mean for you, what it costs (the
exam fee once, a yearly upkeep), AAPC's published average for its holders, and the months the
pay of the roles it opens takes to pay the fee back."""

from __future__ import annotations

import math

from careerpath.planner.assessment import Assessment
from careerpath.planner.catalog import (
    Catalog,
    Certification,
    CredentialSalary,
    ExamFee,
    RoleRef,
    SalaryBand,
    normalise,
)
from careerpath.planner.eligibility import describe_route, eligibility, eligibility_notes
from careerpath.planner.plan import (
    CredentialAdvice,
    Eligibility,
    NextRole,
    PayChange,
    Route,
    YearlyUpkeep,
    is_pay_cut,
    leads_to,
)
from careerpath.planner.standing import band_change
from careerpath.planner.upkeep import body_yearly_upkeep


def specialty_matches(catalog: Catalog, specialty: str) -> dict[str, tuple[str, ...]]:
    """The credentials whose terms appear in the specialty, as whole words, and those terms."""
    if not specialty:
        return {}
    text = f" {normalise(specialty)} "
    found: dict[str, list[str]] = {}
    for words, term, certifications in catalog.specialty_term_words():
        if words and f" {words} " in text:
            for slug in certifications:
                found.setdefault(slug, []).append(term)
    return {slug: tuple(terms) for slug, terms in found.items()}


def pay_change(roles: tuple[RoleRef, ...], changes_by_role: dict) -> PayChange | None:
    """The span of band changes (from your band) of the roles given; None if unknown."""
    changes = [changes_by_role[r.slug] for r in roles if changes_by_role.get(r.slug)]
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
    """The ranking, most useful first:
    1. with a goal, the route to it: a credential a step requires, then one a step recommends;
    2. one you can sit for above one your answers show you cannot (RHIT without an accredited
       HIM program);
    3. one that leads to a pay rise or is on the route above one whose only reason is a role
       that pays no more than yours (or whose pay is unknown);
    4. your specialty; a credential a next-tier role requires above one it recommends; the one
       employers ask for most for a role (a mark the catalog sources); whether you can sit for
       it now; the pay rise; a body you already belong to; how many roles it helps; a lower
       confirmed fee; the catalog's own order (never the alphabet) settles what is left."""
    rises = advice.pay_change is not None and advice.pay_change.high > 0
    return (
        0 if advice.route_requires else 1 if advice.route_recommends else 2,
        advice.eligibility == Eligibility.NOT_YET,
        not (rises or advice.on_route),
        not advice.specialty_terms,
        not advice.unlocks,
        not advice.most_requested_for,
        ELIGIBILITY_RANK[advice.eligibility],
        -(advice.pay_change.high if advice.pay_change else -(10**9)),
        not advice.same_body,
        -(len(advice.unlocks) + len(advice.strengthens)),
        advice.exam_fee.low if advice.exam_fee else 10**9,
        order,
    )


def published_averages(catalog: Catalog, cert: Certification) -> tuple[CredentialSalary, ...]:
    """The published averages of a credential's holders, newest survey first."""
    found = [s for s in catalog.credential_salaries if s.certification == cert.slug]
    return tuple(sorted(found, key=lambda s: -(s.survey_year or 0)))


def pay_words(change: PayChange | None) -> str:
    if change is None:
        return ""
    if change.low == change.high == 0:
        return " (the same pay band as yours)"
    words = f"pay band {signed_dollars(change.low)} to {signed_dollars(change.high)} a year"
    return f" ({words}: a pay cut)" if is_pay_cut(change) else f" ({words})"


def advice_reason(advice: CredentialAdvice, cert: Certification) -> str:
    """One sentence on what a credential does for you: your goal, your specialty, what employers
    ask for, the roles it opens and their pay, the body you already belong to. Whether you can
    sit for it and its fee are not repeated here: every place that shows the reason shows them
    beside it (`presenters.eligibility`, the exam fee)."""
    parts = []
    if advice.route_requires or advice.route_recommends:
        goal = []
        if advice.route_requires:
            goal.append(f"required for {titles(advice.route_requires)}")
        recommends = tuple(r for r in advice.route_recommends if r not in advice.route_requires)
        if recommends:
            goal.append(f"recommended for {titles(recommends)}")
        parts.append("on the route to your goal: " + " and ".join(goal))
    if advice.specialty_terms:
        parts.append(f"matches your specialty ({', '.join(advice.specialty_terms)})")
    if advice.most_requested_for:
        parts.append(
            f"the credential employers ask for most for {titles(advice.most_requested_for)}"
        )
    on_route = advice.route_requires + advice.route_recommends
    unlocks = tuple(r for r in advice.unlocks if r not in on_route)
    roles = []
    if unlocks:
        roles.append(f"required for {titles(unlocks)}")
    strengthens = tuple(
        r for r in advice.strengthens if r not in advice.unlocks and r not in on_route
    )
    if strengthens:
        roles.append(f"recommended for {titles(strengthens)}")
    if roles:
        parts.append(" and ".join(roles) + pay_words(advice.pay_change))
    if advice.same_body:
        parts.append(
            f"one more {cert.body_acronym} credential, on the membership and CEUs you already keep"
        )
    sentence = "; ".join(parts)
    return sentence[:1].upper() + sentence[1:] + "." if sentence else ""


def credential_advice(
    catalog: Catalog,
    assessment: Assessment,
    next_roles: tuple[NextRole, ...],
    route: Route | None = None,
    current_band: SalaryBand | None = None,
) -> tuple[CredentialAdvice, ...]:
    """Credentials not yet held that next-tier roles or the steps of the route to your goal
    require or recommend, ranked, each with the sentence that says why (see `advice_rank`)."""
    found: dict[str, dict[str, list[RoleRef]]] = {}
    notes: dict[str, str] = {}

    def add(kind: str, slug: str, role: RoleRef) -> None:
        roles = found.setdefault(slug, {}).setdefault(kind, [])
        if role not in roles:
            roles.append(role)

    changes = {n.role.slug: n.band_change for n in next_roles}
    for next_role in next_roles:
        for group in next_role.missing_certifications:
            for cert in group.certifications:
                add("unlocks", cert.slug, next_role.role)
            if group.most_requested:
                add("most_requested", group.most_requested.slug, next_role.role)
                notes.setdefault(group.most_requested.slug, group.note)
        for cert in next_role.recommended_certifications:
            add("strengthens", cert.slug, next_role.role)
    for step in route.steps if route else ():
        changes.setdefault(step.role.slug, band_change(step.salary_band, current_band))
        for group in step.missing_certifications:
            for cert in group.certifications:
                add("route_requires", cert.slug, step.role)
        for cert in step.recommended_certifications:
            add("route_recommends", cert.slug, step.role)
    matches = specialty_matches(catalog, assessment.specialty)
    held_bodies = {
        c.body for slug in assessment.certifications if (c := catalog.certification(slug))
    }
    advised = [
        (cert, roles)
        for slug, roles in found.items()
        if slug not in assessment.certifications
        and roles.keys() - {"most_requested"}
        and (cert := catalog.certification(slug))
    ]
    # A body's yearly upkeep is the same for each of its credentials advised: worked out once.
    upkeeps = {
        body: body_yearly_upkeep(catalog, body, body in held_bodies, assessment.student)
        for body in {cert.body for cert, _ in advised}
    }
    ranked = []
    for cert, roles in advised:
        advice = advise(
            catalog,
            assessment,
            cert,
            roles={kind: tuple(found_roles) for kind, found_roles in roles.items()},
            most_requested_note=notes.get(cert.slug, ""),
            specialty_terms=matches.get(cert.slug, ()),
            same_body=cert.body in held_bodies,
            upkeep=upkeeps[cert.body],
            changes=changes,
        )
        ranked.append((advice_rank(advice, catalog.certification_order(cert.slug)), advice))
    ranked.sort(key=lambda pair: pair[0])
    return tuple(advice for _, advice in ranked)


def advise(
    catalog: Catalog,
    assessment: Assessment,
    cert: Certification,
    *,
    roles: dict[str, tuple[RoleRef, ...]],
    most_requested_note: str,
    specialty_terms: tuple[str, ...],
    same_body: bool,
    upkeep: YearlyUpkeep | None,
    changes: dict,
) -> CredentialAdvice:
    """The advice on one credential, from what `credential_advice` found for it: the roles it
    leads to by kind, its body's yearly upkeep, and each role's band change from yours
    (`changes`). The pay change spans every role it leads to; the payback counts only the roles
    that require it (the pay it opens: a role reachable without it is reachable anyway)."""
    unlocks, strengthens = roles.get("unlocks", ()), roles.get("strengthens", ())
    route_requires = roles.get("route_requires", ())
    route_recommends = roles.get("route_recommends", ())
    everything = leads_to(unlocks + route_requires, strengthens + route_recommends)
    change = pay_change(everything, changes)
    opened = pay_change(tuple(dict.fromkeys(unlocks + route_requires)), changes)
    status, depends_on = eligibility(catalog, assessment, cert)
    # Not open yet: the first published route, the one that would make it yes, said briefly.
    asks = (
        describe_route(catalog, cert.eligibility[0], with_note=False)
        if status == Eligibility.NOT_YET
        else ""
    )
    advice = CredentialAdvice(
        certification=catalog.certification_ref(cert.slug),
        body_acronym=cert.body_acronym,
        body_name=cert.body_name,
        unlocks=unlocks,
        strengthens=strengthens,
        route_requires=route_requires,
        route_recommends=route_recommends,
        most_requested_for=roles.get("most_requested", ()),
        most_requested_note=most_requested_note,
        eligible_now={Eligibility.OPEN: True, Eligibility.NOT_YET: False}.get(status),
        eligibility=status,
        eligibility_depends_on=depends_on,
        eligibility_asks=asks,
        eligibility_notes=eligibility_notes(catalog, cert),
        apprentice_note=apprentice_note(cert, assessment.years, held=False),
        facts=cert.facts,
        specialty_terms=specialty_terms,
        same_body=same_body,
        exam_fee=cert.exam_fee,
        pay_change=change,
        upkeep=upkeep,
        payback_months=payback_months(cert.exam_fee, opened, upkeep),
        payback_net=bool(upkeep and upkeep.known),
        published_averages=published_averages(catalog, cert),
    )
    return advice.model_copy(update={"reason": advice_reason(advice, cert)})


def apprentice_note(cert: Certification, years: int, held: bool, declared: bool = False) -> str:
    """The apprentice designation (CPC-A and the like) that applies below the required years,
    or that the coder says they hold (`declared`) until they have it removed."""
    if not cert.apprentice_designation or cert.apprentice_years is None:
        return ""
    if years >= cert.apprentice_years and not declared:
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
            declared = slug in assessment.apprentices
            note = apprentice_note(cert, assessment.years, held=True, declared=declared)
            if note:
                notes.append(note)
    return tuple(notes)
