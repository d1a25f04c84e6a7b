"""The plan in words: the sentences built from the planner's answers (when you can sit, how fast
a fee pays back, which date presses most) and the few choices the summary card makes.

Pure functions of a Plan and today's date; templates show what these return.
"""

from dataclasses import dataclass
from datetime import date

from django.template.defaultfilters import pluralize
from django.utils.dateformat import format as format_date

from careerpath.money import dollars, signed_dollars
from careerpath.planner import (
    Alternative,
    Catalog,
    CredentialAdvice,
    Eligibility,
    ExamFee,
    NextRole,
    Plan,
    RouteStep,
    StatePay,
    is_pay_cut,
)


@dataclass(frozen=True)
class PressingDate:
    """The nearest date the plan knows of, and what happens by then (words after the date)."""

    when: date
    what: str


def month(day: date) -> str:
    return format_date(day, "F Y")


def exam_fee(fee: ExamFee | None) -> str:
    """$399, or $399 – $499 where sources disagree; said so when no source confirms it."""
    if fee is None:
        return "not confirmed by any source we hold"
    if fee.low == fee.high:
        return dollars(fee.low)
    return f"{dollars(fee.low)} – {dollars(fee.high)}"


def eligibility(advice: CredentialAdvice) -> str:
    """Whether you can sit for the exam now, in one sentence."""
    if advice.eligibility == Eligibility.OPEN:
        return "You can sit for it now."
    if advice.eligibility == Eligibility.NOT_YET:
        if advice.eligibility_asks:
            return f"Not open to you yet: it asks {advice.eligibility_asks}."
        return "Not open to you yet: see eligibility."
    if advice.eligibility == Eligibility.DEPENDS:
        # What the answers do not say, each already worded to follow "depends on".
        return (
            "Whether you can sit for it now depends on "
            + " and ".join(advice.eligibility_depends_on)
            + "."
        )
    return "Eligibility: not confirmed."


def payback(advice: CredentialAdvice) -> str:
    """How many months of the pay change pay the exam fee back, or why that is not known."""
    months = advice.payback_months
    if months is None and not (advice.unlocks or advice.route_requires):
        # The roles it strengthens are open without it: their pay is not its own.
        return "Months to pay back: none counted, as no role here requires it."
    if months is None:
        larger = " larger than the yearly upkeep" if advice.payback_net else ""
        return (
            "Months to pay back: not known without both a confirmed fee and a pay rise"
            + larger
            + "."
        )
    span = str(months.low) if months.low == months.high else f"{months.low} to {months.high}"
    unit = "month" if months.high == 1 else "months"
    net = (
        ", net of the yearly upkeep"
        if advice.payback_net
        else " (the yearly upkeep is not confirmed, so it is not counted)"
    )
    return f"The exam fee is paid back in {span} {unit} of that pay change{net}."


def pay_change(change) -> str:
    """A band change in words: a rise, the same band, or a pay cut said as one."""
    if change is None:
        return "pay change not known"
    if change.low == change.high == 0:
        return "the same pay band as yours"
    # The ends of a band can move by different amounts: read from the smaller change up.
    low, high = sorted((change.low, change.high))
    span = (
        signed_dollars(low) if low == high else f"{signed_dollars(low)} to {signed_dollars(high)}"
    )
    if is_pay_cut(change):
        return f"a pay cut: {span} a year"
    return f"{span} a year"


def state_pay(pay: StatePay) -> str:
    """A state's mean and what it buys at national-average prices, or plainly why not."""
    occupation = f"{pay.occupation.title.lower()} (SOC {pay.occupation.soc_code})"
    if pay.annual_mean is None:
        period = f" {pay.period}" if pay.period else ""
        return f"No{period} mean pay for {occupation} is held for {pay.state_name}."
    mean = dollars(pay.annual_mean)
    said = f"Mean pay for {occupation} in {pay.state_name}: {mean} a year, {pay.period}."
    if pay.national_prices_mean is None:
        return (
            f"{said} No {pay.year} price parity is held for {pay.state_name}, so what it buys "
            "at national-average prices is not shown."
        )
    return (
        f"{said} {mean} in {pay.state_name} buys what {dollars(pay.national_prices_mean)} buys "
        f"at national-average prices, {pay.parity_year}."
    )


def already_met(next_role: NextRole) -> str:
    """What a next-tier role asks that you already have: "CPC; experience (2 years typical);
    education (Associate degree)", a credential group met by one of several named so."""
    met = []
    for group in next_role.met_certifications:
        others = group.certifications
        anyone = f" (any one of {', '.join(c.acronym for c in others)})" if len(others) > 1 else ""
        met.append(group.held.acronym + anyone)
    if not next_role.missing_years:
        years = next_role.required_years
        met.append(f"experience ({years} year{pluralize(years)} typical)")
    if next_role.required_education_name and not next_role.missing_education:
        met.append(f"education ({next_role.required_education_name})")
    return "; ".join(met)


def path_gaps(alternative: Alternative) -> str:
    """What another path asks of you, or that it asks nothing you lack, with what it recommends."""
    gaps = [
        ("one of " if len(group.certifications) > 1 else "")
        + ", ".join(c.acronym for c in group.certifications)
        for group in alternative.missing_certifications
    ]
    if alternative.missing_years:
        years = alternative.missing_years
        gaps.append(f"{years} more year{pluralize(years)} of experience")
    if alternative.missing_education_name:
        gaps.append(alternative.missing_education_name.lower())
    said = f"What it asks of you: {'; '.join(gaps)}." if gaps else "Nothing required that you lack."
    if alternative.recommended_certifications:
        recommended = ", ".join(c.acronym for c in alternative.recommended_certifications)
        said += f" Recommended: {recommended}."
    return said


def no_credential_reason(plan: Plan) -> str:
    """Why the plan suggests no credential: never an empty section."""
    if plan.route and plan.route.reachable and not plan.route.steps:
        return "You hold the role you aim at; no credential is asked for it that you lack."
    if not plan.next_roles and not (plan.route and plan.route.steps):
        return (
            "No role in the catalog is one step up from yours, so no credential leads further. "
            "Choose a role to aim at to see what it asks."
        )
    return (
        "You already hold every credential that the roles one step up"
        + (" and the steps to your goal" if plan.route and plan.route.steps else "")
        + " require or recommend. What they may still ask is experience or education: see the "
        "next tier" + (" and the route" if plan.route else "") + "."
    )


def goal(plan: Plan) -> NextRole | None:
    """The next role the summary names: the first one on the track you chose."""
    on_track = [n for n in plan.next_roles if n.on_target_track]
    return (on_track or list(plan.next_roles) or [None])[0]


def pressing_date(plan: Plan) -> PressingDate | None:
    """The nearest of: the month the apprentice "A" can come off, and each renewal cycle's end."""
    upkeep = plan.credential_upkeep
    if upkeep is None:
        return None
    found = []
    apprentice = upkeep.apprentice
    if apprentice and not apprentice.met and apprentice.earliest:
        years = apprentice.years_remaining
        found.append(
            PressingDate(
                apprentice.earliest,
                f"the “A” comes off your {' or '.join(apprentice.designations)} at the latest, "
                f"after {years} more year{'' if years == 1 else 's'} of experience.",
            )
        )
    for body in upkeep.due_dates:
        progress = body.progress
        left = progress.ceus_remaining
        found.append(
            PressingDate(
                progress.due,
                f"your {body.body_acronym} renewal cycle ends"
                + (f"; {left} CEUs to go." if left else "."),
            )
        )
    return min(found, key=lambda d: d.when, default=None)


@dataclass(frozen=True)
class PlanSummary:
    """What the plan's first card answers: the goal, the credential to get next, the date."""

    goal: NextRole | None
    credential: CredentialAdvice | None
    pressing: PressingDate | None
    no_credential_reason: str = ""


def summarize(plan: Plan) -> PlanSummary:
    return PlanSummary(
        goal=goal(plan),
        credential=plan.recommended_certifications[0] if plan.recommended_certifications else None,
        pressing=pressing_date(plan),
        no_credential_reason="" if plan.recommended_certifications else no_credential_reason(plan),
    )


def logged_ceu_lines(totals: dict, catalog: Catalog) -> list[str]:
    """What a kept plan's CEU log counts, one sentence per body: the exact total of the
    current cycle, and the whole CEUs the upkeep counts when they differ."""
    lines = []
    for body, total in totals.items():
        rule = catalog.renewal_rule(body)
        exact = f"{total.normalize():f}"
        line = f"{rule.body_acronym}: {exact} CEUs logged in this cycle"
        if int(total) != total:
            line += f" (the upkeep counts whole CEUs: {int(total)})"
        lines.append(line + ".")
    return lines


@dataclass(frozen=True)
class GoalLine:
    """A kept plan's credential goal, in words."""

    id: int
    acronym: str
    exam_month: date
    sentence: str


def credential_goals(goals, catalog: Catalog, today: date) -> list[GoalLine]:
    """Each goal as a line: "CPC: sit in March 2027, 4 months from now." A goal whose credential
    the catalog no longer holds says so."""
    lines = []
    for goal in goals:
        cert = catalog.certification(goal.certification)
        acronym = cert.acronym if cert else goal.certification.upper()
        months = (goal.exam_month.year - today.year) * 12 + goal.exam_month.month - today.month
        if months > 0:
            when = f"{months} month{'s' if months != 1 else ''} from now"
        elif months == 0:
            when = "this month"
        else:
            when = "a month that has passed: set a new one"
        sentence = f"{acronym}: sit in {month(goal.exam_month)}, {when}."
        if cert is None:
            sentence += " The catalog no longer lists this credential."
        lines.append(GoalLine(goal.pk, acronym, goal.exam_month, sentence))
    return lines


def route_goals(step: RouteStep, goals: dict[str, date]) -> list[str]:
    """The credential goals a kept plan set for what a route step still misses: "CPMA: you aim
    to sit in March 2027"."""
    missing = [c for group in step.missing_certifications for c in group.certifications]
    return [
        f"{c.acronym}: you aim to sit in {month(goals[c.slug])}" for c in missing if c.slug in goals
    ]


def shared_source(rows) -> str:
    """The one source of figures that all share ("Issuer's own page: aapc.com/..."), said once
    under their table instead of on every row; "" when they come from more than one."""
    sources = {f"{row.status_label}: {row.source}" for row in rows}
    return sources.pop() if len(sources) == 1 else ""


def occupation_codes(items) -> list[str]:
    """The SOC codes of the occupations that next-tier roles or route steps (`items`, each with
    the `profile` of its role or None) are priced on, each once, in the order the roles come."""
    codes = (item.profile.profile.occupation.soc_code for item in items if item.profile)
    return list(dict.fromkeys(codes))
