"""The plan as the JSON API returns it: slugs where the page shows names.

Every field is mapped by name from the planner's `Plan`, so a field added to the plan does not
reach the API until it is added here, and a renamed one fails here, not in a client.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from careerpath.planner import (
    Alternative,
    CredentialAdvice,
    CredentialUpkeep,
    NextRole,
    Pace,
    Plan,
    Position,
    RequirementGroup,
    SalaryBand,
    YearlyUpkeep,
)


class ApiModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ApiPosition(ApiModel):
    stage: str | None
    role: str | None
    salary_band: SalaryBand | None
    notes: list[str]


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


class ApiCost(ApiModel):
    exam_fee_low: int
    exam_fee_high: int
    status: str
    source: str


class ApiPayChange(ApiModel):
    low: int
    high: int


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


class ApiAlternative(ApiModel):
    role: str
    title: str
    track: str
    move: str  # pivot, or the promotion or lateral move that also reaches it
    salary_band: SalaryBand | None


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


def _groups(groups: tuple[RequirementGroup, ...]) -> list[list[str]]:
    return [[c.slug for c in group.certifications] for group in groups]


def _position(position: Position) -> ApiPosition:
    return ApiPosition(
        stage=position.stage,
        role=position.role.slug if position.role else None,
        salary_band=position.salary_band,
        notes=list(position.notes),
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
    )


def _alternative(alternative: Alternative) -> ApiAlternative:
    return ApiAlternative(
        role=alternative.role.slug,
        title=alternative.role.title,
        track=alternative.track,
        move=alternative.move,
        salary_band=alternative.salary_band,
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
    )
