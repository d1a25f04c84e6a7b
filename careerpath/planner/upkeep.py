"""Keeping credentials active.

Each body keeps its own rulebook; this applies all of them to the credentials one coder holds.
For each body: the CEUs of one cycle (its table by number of credentials, or the highest of the
credentials' own CEUs plus a fixed number per further credential, up to a maximum), the CEUs
that must be on one topic, the shares that must be of one kind, the fees, and where the coder
stands in the cycle they told us about. Then how an apprentice designation (CPC-A) comes off.
"Today" is passed in, never read here, so every answer can be reproduced.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from careerpath.planner.assessment import Assessment, CycleAnswer
from careerpath.planner.catalog import (
    ApprenticeCredit,
    Catalog,
    Certification,
    FeeKind,
    FeePeriod,
    RenewalFee,
    RenewalRule,
)
from careerpath.planner.plan import (
    ApprenticeStatus,
    BodyUpkeep,
    CredentialUpkeep,
    CycleProgress,
    FeeDue,
    Pace,
    Replacement,
    ShareRequirement,
    TopicRequirement,
    UpkeepFee,
    YearlyUpkeep,
)


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
                assessment.student,
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


def fees_due(rule: RenewalRule, count: int, student: bool = False) -> tuple[FeeDue, ...]:
    fees = []
    for fee in payable(rule.fees, student):
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


def body_yearly_upkeep(
    catalog: Catalog, body: str, body_held: bool, student: bool = False
) -> YearlyUpkeep | None:
    """`yearly_upkeep` of a body of the catalog."""
    return yearly_upkeep(catalog.renewal_rule(body), body_held, student)


def payable(fees, student: bool):
    """The fees someone pays: a student rate only for a student."""
    return tuple(f for f in fees if student or not f.students_only)


def yearly_upkeep(
    rule: RenewalRule | None, body_held: bool, student: bool = False
) -> YearlyUpkeep | None:
    """What one more credential of the rule's body adds a year: a membership (none when a
    credential of the body is already held: that membership is already paid) and the
    recertification fee (for a body held, what a further credential adds). Fees of one kind are
    alternatives, so each kind adds its lowest to its highest confirmed amount a year; a kind
    with no confirmed amount adds nothing and leaves the upkeep incomplete, never zero. None when
    the catalog holds no membership or recertification fee of the body. A student rate counts
    only for a student (`student`)."""
    if rule is None:
        return None
    yearly_kinds = (FeeKind.MEMBERSHIP, FeeKind.RECERTIFICATION)
    counted = [
        f
        for f in payable(rule.fees, student)
        if f.kind in yearly_kinds and f.period != FeePeriod.EACH
    ]
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
    student: bool = False,
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
        fees=fees_due(rule, len(counted), student),
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
    years; each credit completed (a coding course, Practicode) counts for its years, and a
    credit for one credential's designation (Practicode: the CPC-A) only towards that one.

    A credential is held as an apprentice when the coder says so (`cert=cpc-a`), or when their
    years are below the designation's (passing without them gives the "A"). A CPC with the years
    who does not say so holds the CPC itself: no apprentice panel."""
    apprentice = [
        c
        for c in catalog.certifications
        if c.slug in assessment.certifications
        and c.apprentice_designation
        and c.apprentice_years is not None
        and (c.slug in assessment.apprentices or assessment.years < c.apprentice_years)
    ]
    if not apprentice:
        return None
    required = max(c.apprentice_years for c in apprentice)
    bodies = {c.body for c in apprentice}
    slugs = {c.slug for c in apprentice}
    credits = [
        k
        for k in catalog.apprentice_credits
        if k.body in bodies and (k.certification is None or k.certification in slugs)
    ]
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


def ceu_categories(catalog: Catalog, body: str) -> tuple[str, ...]:
    """The kinds of CEU a body counts apart, as the catalog words them: the topics its
    credentials ask CEUs on (auditing for the CPMA) and the shares of its rule (from AHIMA
    resources). A CEU log files an activity under one of them, or under none (general)."""
    rule = catalog.renewal_rule(body)
    topics = [
        c.renewal.topic
        for c in catalog.certifications
        if c.body == body and c.renewal and c.renewal.topic_ceus is not None and c.renewal.topic
    ]
    if rule:
        topics += [s.topic for s in rule.shares]
    return tuple(dict.fromkeys(topics))


def cycle_months(due: date | None, cycle_years: int, month: date) -> tuple[date, date]:
    """The first and last months of the cycle that ends in `due`; without an end month, the
    `cycle_years` years that end with `month` (the current month)."""
    last = (due or month).replace(day=1)
    return add_months(last, 1 - 12 * cycle_years), last


def month_number(day: date) -> int:
    return day.year * 12 + day.month - 1


def add_months(day: date, months: int) -> date:
    number = month_number(day) + months
    return date(number // 12, number % 12 + 1, 1)


def _ceil_div(numerator: int, denominator: int) -> int:
    return -(-numerator // denominator)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
