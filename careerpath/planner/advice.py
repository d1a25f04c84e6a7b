"""Credentials to get next: every credential you do not hold that a next-tier role requires or
recommends, ranked (see `advice_rank`), with whether you can sit for it now, what an apprentice
designation would mean for you, what it costs (the exam fee once, a yearly upkeep) and the months
the pay change takes to pay the fee back."""

from __future__ import annotations

import math

from careerpath.planner.assessment import Assessment
from careerpath.planner.catalog import Catalog, Certification, ExamFee, RoleRef, normalise
from careerpath.planner.eligibility import describe_route, eligibility, eligibility_notes
from careerpath.planner.plan import (
    CredentialAdvice,
    Eligibility,
    NextRole,
    PayChange,
    YearlyUpkeep,
    leads_to,
)
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
