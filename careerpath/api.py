"""The plan as the JSON API returns it: slugs where the page shows names.

Every field is mapped by name from the planner's `Plan`, so a field added to the plan does not
reach the API until it is added here, and a renamed one fails here, not in a client.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from careerpath.planner import (
    Alternative,
    BandChange,
    CredentialAdvice,
    CredentialUpkeep,
    NextRole,
    Pace,
    Plan,
    Position,
    RequirementGroup,
    RoleProfile,
    Route,
    SalaryBand,
    StatePay,
    YearlyUpkeep,
    is_pay_cut,
)


class ApiModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ApiStatePay(ApiModel):
    """The state asked for: its mean (None: not held) and that mean at national-average prices
    (None without a parity of the same year); never a wage BLS published."""

    state: str  # USPS code
    state_name: str
    annual_mean: int | None
    period: str  # as BLS names the release: May 2023
    price_parity: float | None  # BEA all items, United States = 100
    parity_year: int | None
    national_prices_mean: int | None
    sources: list[str]

    @classmethod
    def from_state_pay(cls, pay: StatePay | None) -> ApiStatePay | None:
        if pay is None:
            return None
        return cls(
            state=pay.state,
            state_name=pay.state_name,
            annual_mean=pay.annual_mean,
            period=pay.period,
            price_parity=pay.price_parity,
            parity_year=pay.parity_year,
            national_prices_mean=pay.national_prices_mean,
            sources=list(pay.sources),
        )


class ApiPosition(ApiModel):
    stage: str | None
    role: str | None
    salary_band: SalaryBand | None
    notes: list[str]
    state_pay: ApiStatePay | None  # None: no state was asked for


class ApiTechnology(ApiModel):
    name: str
    hot: bool  # O*NET's Hot Technology mark


class ApiProjection(ApiModel):
    period: str  # 2024-34
    change_percent: Decimal
    openings_per_year: int
    typical_education: str
    factor: str | None  # BLS's own words (Table 1.12); None: it names none
    source: str


class ApiOccupationProfile(ApiModel):
    occupation: str  # SOC code
    title: str
    tasks: list[str]
    core_tasks: bool  # O*NET's core tasks; False: it types none, the first it lists
    technology: list[ApiTechnology]
    search_titles: list[str]
    projection: ApiProjection | None
    onet_release: str | None  # "29.3 (May 2025)"; None: no O*NET profile
    source: str | None  # the O*NET credit (CC BY 4.0)


class ApiPayChange(ApiModel):
    low: int
    high: int


class ApiNextRole(ApiModel):
    role: str
    title: str
    stage: str
    track: str
    ready: bool
    missing_certifications: list[list[str]]  # each group: any one of these slugs
    met_certifications: list[list[str]]
    recommended_certifications: list[str]
    missing_years: int
    missing_education: str | None
    salary_band: SalaryBand | None
    pay_change: ApiPayChange | None  # from your band; None: either band unknown
    pay_cut: bool
    occupation_profile: ApiOccupationProfile | None


class ApiCost(ApiModel):
    exam_fee_low: int
    exam_fee_high: int
    status: str
    source: str


class ApiUpkeepFee(ApiModel):
    label: str
    amount: float | None  # US dollars per period; None: not confirmed
    period: str  # "year" or "cycle"
    source: str
    status: str


class ApiCredentialUpkeep(ApiModel):
    """A credential's yearly upkeep: the range of its confirmed fees a year."""

    yearly_low: float
    yearly_high: float
    items: list[ApiUpkeepFee]
    membership_held: bool

    @classmethod
    def from_upkeep(cls, upkeep: YearlyUpkeep | None) -> ApiCredentialUpkeep | None:
        """None when no fee of it is confirmed: unknown is never zero."""
        if upkeep is None or not upkeep.known:
            return None
        return cls(
            yearly_low=upkeep.yearly_low,
            yearly_high=upkeep.yearly_high,
            items=[
                ApiUpkeepFee(
                    label=f.label,
                    amount=f.amount,
                    period=f.period,
                    source=f.source,
                    status=f.status,
                )
                for f in upkeep.fees
            ],
            membership_held=upkeep.membership_held,
        )


class ApiPublishedAverage(ApiModel):
    survey: str
    survey_year: int | None
    average: int
    measure: str
    status: str
    source: str


class ApiCredential(ApiModel):
    certification: str
    leads_to: list[str]
    unlocks: list[str]
    strengthens: list[str]
    eligible_now: bool | None
    reason: str
    cost: ApiCost | None
    pay_change: ApiPayChange | None
    upkeep: ApiCredentialUpkeep | None
    eligibility: str  # open, not-yet, depends, not-confirmed
    eligibility_depends_on: list[str]  # depends: what the answers do not say
    eligibility_asks: str  # not-yet: what its first published route asks, else ""
    route_requires: list[str]  # roles on the route to the goal that require it
    route_recommends: list[str]
    most_requested_for: list[str]  # roles whose employers ask for it most (sourced)
    payback_months: ApiPayChange | None  # counting only the roles it opens
    published_averages: list[ApiPublishedAverage]  # beside the BLS estimate, never mixed in


class ApiAlternative(ApiModel):
    role: str
    title: str
    track: str
    move: str  # pivot, or the promotion or lateral move that also reaches it
    salary_band: SalaryBand | None
    pay_change: ApiPayChange | None
    pay_cut: bool
    missing_certifications: list[list[str]]
    missing_years: int
    missing_education: str | None
    recommended_certifications: list[str]


class ApiRouteStep(ApiModel):
    role: str
    title: str
    move: str
    years_needed: int
    earliest: str | None  # YYYY-MM
    missing_certifications: list[list[str]]  # each group: any one of these slugs
    missing_education: str | None
    salary_band: SalaryBand | None
    pay_change: ApiPayChange | None  # from the step before (your band for the first)
    occupation_profile: ApiOccupationProfile | None


class ApiRoute(ApiModel):
    target: str
    reachable: bool
    reason: str | None
    steps: list[ApiRouteStep]
    total_years: int
    exam_fees: ApiPayChange | None  # the confirmed fees of the missing credentials
    pay_change: ApiPayChange | None  # from your band to the goal's


class ApiTopicRequirement(ApiModel):
    credential: str
    ceus: int
    topic: str


class ApiFee(ApiModel):
    label: str
    amount: float | None  # US dollars; None: not confirmed
    additional_amount: float | None
    total: float | None
    period: str
    status: str
    source: str


class ApiBodyUpkeep(ApiModel):
    body: str
    credentials: list[str]
    ceus_required: int | None
    cycle_years: int | None
    topic_requirements: list[ApiTopicRequirement]
    ceus_earned: int | None
    ceus_remaining: int | None
    ceus_per_month: int | None
    months_left: int | None
    pace: Pace | None
    due: str | None  # YYYY-MM
    fees: list[ApiFee]
    source: str
    status: str


class ApiApprentice(ApiModel):
    designation: str
    met: bool
    route: str | None
    years_remaining: int
    earliest: str | None  # YYYY-MM


class ApiUpkeep(ApiModel):
    """`credential_upkeep` of the JSON API."""

    bodies: list[ApiBodyUpkeep]
    apprentice: ApiApprentice | None

    @classmethod
    def from_upkeep(cls, upkeep: CredentialUpkeep) -> ApiUpkeep:
        def month(day: date | None) -> str | None:
            return day.strftime("%Y-%m") if day else None

        bodies = [
            ApiBodyUpkeep(
                body=b.body,
                credentials=[c.slug for c in b.credentials],
                ceus_required=b.ceus_required,
                cycle_years=b.cycle_years,
                topic_requirements=[
                    ApiTopicRequirement(credential=t.credential.slug, ceus=t.ceus, topic=t.topic)
                    for t in b.topic_requirements
                ],
                ceus_earned=b.progress.ceus_earned,
                ceus_remaining=b.progress.ceus_remaining,
                ceus_per_month=b.progress.ceus_per_month,
                months_left=b.progress.months_left,
                pace=b.progress.pace,
                due=month(b.progress.due),
                fees=[
                    ApiFee(
                        label=f.fee.label,
                        amount=f.fee.amount,
                        additional_amount=f.fee.additional_amount,
                        total=f.total,
                        period=f.fee.period,
                        status=f.fee.status,
                        source=f.fee.source,
                    )
                    for f in b.fees
                ],
                source=b.source,
                status=b.status,
            )
            for b in upkeep.bodies
        ]
        a = upkeep.apprentice
        apprentice = (
            ApiApprentice(
                designation=", ".join(a.designations),
                met=a.met,
                route=a.route,
                years_remaining=a.years_remaining,
                earliest=month(a.earliest),
            )
            if a
            else None
        )
        return cls(bodies=bodies, apprentice=apprentice)


class ApiPlan(ApiModel):
    position: ApiPosition
    next_roles: list[ApiNextRole]
    recommended_certifications: list[ApiCredential]
    alternatives: list[ApiAlternative]
    catalog_version: str
    credential_upkeep: ApiUpkeep | None
    route: ApiRoute | None  # None: no goal role was asked for


def _change(change: BandChange | None) -> ApiPayChange | None:
    return ApiPayChange(low=change.low, high=change.high) if change else None


def _route(route: Route | None) -> ApiRoute | None:
    if route is None:
        return None
    return ApiRoute(
        target=route.target.slug,
        reachable=route.reachable,
        reason=route.reason,
        steps=[
            ApiRouteStep(
                role=step.role.slug,
                title=step.role.title,
                move=step.move,
                years_needed=step.years_needed,
                earliest=step.earliest.strftime("%Y-%m") if step.earliest else None,
                missing_certifications=_groups(step.missing_certifications),
                missing_education=step.missing_education,
                salary_band=step.salary_band,
                pay_change=_change(step.pay_change),
                occupation_profile=_profile(step.profile),
            )
            for step in route.steps
        ],
        total_years=route.total_years,
        exam_fees=_change(route.exam_fees),
        pay_change=_change(route.pay_change),
    )


def _profile(role_profile: RoleProfile | None) -> ApiOccupationProfile | None:
    if role_profile is None:
        return None
    profile, outlook = role_profile.profile, role_profile.profile.outlook
    return ApiOccupationProfile(
        occupation=profile.occupation.soc_code,
        title=profile.occupation.title,
        tasks=list(profile.tasks),
        core_tasks=profile.core_tasks,
        technology=[ApiTechnology(name=t.name, hot=t.hot) for t in profile.technology],
        search_titles=list(role_profile.search_titles),
        projection=ApiProjection(
            period=outlook.period,
            change_percent=outlook.change_percent,
            openings_per_year=outlook.openings_per_year,
            typical_education=outlook.typical_education,
            factor=outlook.factor or None,
            source=outlook.source,
        )
        if outlook
        else None,
        onet_release=profile.onet_release or None,
        source=profile.onet_source or None,
    )


def _groups(groups: tuple[RequirementGroup, ...]) -> list[list[str]]:
    return [[c.slug for c in group.certifications] for group in groups]


def _position(position: Position) -> ApiPosition:
    return ApiPosition(
        stage=position.stage,
        role=position.role.slug if position.role else None,
        salary_band=position.salary_band,
        notes=list(position.notes),
        state_pay=ApiStatePay.from_state_pay(position.state_pay),
    )


def _next_role(next_role: NextRole) -> ApiNextRole:
    return ApiNextRole(
        role=next_role.role.slug,
        title=next_role.role.title,
        stage=next_role.stage,
        track=next_role.track,
        ready=next_role.ready,
        missing_certifications=_groups(next_role.missing_certifications),
        met_certifications=_groups(next_role.met_certifications),
        recommended_certifications=[c.slug for c in next_role.recommended_certifications],
        missing_years=next_role.missing_years,
        missing_education=next_role.missing_education,
        salary_band=next_role.salary_band,
        pay_change=_change(next_role.band_change),
        pay_cut=is_pay_cut(next_role.band_change),
        occupation_profile=_profile(next_role.profile),
    )


def _credential(advice: CredentialAdvice) -> ApiCredential:
    return ApiCredential(
        certification=advice.certification.slug,
        leads_to=[r.slug for r in advice.leads_to],
        unlocks=[r.slug for r in advice.unlocks],
        strengthens=[r.slug for r in advice.strengthens],
        eligible_now=advice.eligible_now,
        reason=advice.reason,
        cost=ApiCost(
            exam_fee_low=fee.low, exam_fee_high=fee.high, status=fee.status, source=fee.source
        )
        if (fee := advice.exam_fee)
        else None,
        pay_change=ApiPayChange(low=change.low, high=change.high)
        if (change := advice.pay_change)
        else None,
        upkeep=ApiCredentialUpkeep.from_upkeep(advice.upkeep),
        eligibility=advice.eligibility,
        eligibility_depends_on=list(advice.eligibility_depends_on),
        eligibility_asks=advice.eligibility_asks,
        route_requires=[r.slug for r in advice.route_requires],
        route_recommends=[r.slug for r in advice.route_recommends],
        most_requested_for=[r.slug for r in advice.most_requested_for],
        payback_months=_change(advice.payback_months),
        published_averages=[
            ApiPublishedAverage(
                survey=a.survey,
                survey_year=a.survey_year,
                average=a.average,
                measure=a.measure,
                status=a.status,
                source=a.source,
            )
            for a in advice.published_averages
        ],
    )


def _alternative(alternative: Alternative) -> ApiAlternative:
    return ApiAlternative(
        role=alternative.role.slug,
        title=alternative.role.title,
        track=alternative.track,
        move=alternative.move,
        salary_band=alternative.salary_band,
        pay_change=_change(alternative.pay_change),
        pay_cut=alternative.pay_cut,
        missing_certifications=_groups(alternative.missing_certifications),
        missing_years=alternative.missing_years,
        missing_education=alternative.missing_education,
        recommended_certifications=[c.slug for c in alternative.recommended_certifications],
    )


def api_plan(plan: Plan) -> dict:
    """The plan as the JSON the API returns, as Python values."""
    return api_model(plan).model_dump(mode="json")


def api_plan_json(plan: Plan) -> str:
    """The plan as the JSON the API returns, serialized by pydantic."""
    return api_model(plan).model_dump_json()


def api_model(plan: Plan) -> ApiPlan:
    """The plan mapped field by field onto the API's models."""
    return ApiPlan(
        position=_position(plan.position),
        next_roles=[_next_role(n) for n in plan.next_roles],
        recommended_certifications=[_credential(a) for a in plan.recommended_certifications],
        alternatives=[_alternative(a) for a in plan.alternatives],
        catalog_version=plan.catalog_version,
        credential_upkeep=(
            ApiUpkeep.from_upkeep(plan.credential_upkeep) if plan.credential_upkeep else None
        ),
        route=_route(plan.route),
    )
